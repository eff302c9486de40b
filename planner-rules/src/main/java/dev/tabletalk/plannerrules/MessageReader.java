package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.FILLER;
import static dev.tabletalk.plannerrules.Lexicon.STOP;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.EntityReader.Mention;
import dev.tabletalk.plannerrules.FlagReader.Flag;
import dev.tabletalk.plannerrules.OperatorReader.OpMatch;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one message into planner output: finds the verb, the entity it is about, then walks the rest of the
 * words for fields, values, conditions, ordering and a row limit, each concern read by its own reader over
 * one token cursor. One instance per request; not thread-safe, never shared.
 */
final class MessageReader {

    private final PlannerRequest request;
    private final PlannerTrace trace;
    private final SchemaIndex index;
    private final TokenCursor tokens;
    private final PlanParts plan = new PlanParts();
    private final ColumnMatcher columns;
    private final OperatorReader operators;
    private final FlagReader flags;
    private final EntityReader entities;
    private final IntentReader intents;
    private final ValueReader values;
    private final LeftOutChecks checks;
    private final ConditionReader conditions;
    private final OrderReader ordering;
    private final DraftAnswerReader draft;
    private final UnsupportedForms unsupported;
    private final UnplacedWords unplaced;
    private final AggregateReader aggregates;
    private final SelectReader selects;
    private final DateReader dates;
    private final RelationReader relations;

    /** A reader over the message's tokens, already made by {@link Tokenizer#tokenize} (never changed here). */
    MessageReader(
            PlannerRequest request,
            List<Token> messageTokens,
            SchemaIndex index,
            RulesPlannerConfig config,
            PlannerTrace trace) {
        this.request = request;
        this.trace = trace;
        this.index = index;
        this.tokens = new TokenCursor(request.message(), messageTokens, index);
        this.columns = new ColumnMatcher(tokens, index, config);
        this.operators = new OperatorReader(tokens);
        this.flags = new FlagReader(tokens, index, plan);
        this.entities = new EntityReader(tokens, index, config, plan, columns, flags);
        this.intents = new IntentReader(tokens, index, plan);
        this.values = new ValueReader(tokens, index, plan, columns, operators, entities);
        this.checks = new LeftOutChecks(tokens, config, plan, columns, operators, flags, entities, values);
        this.dates = new DateReader(tokens, plan, request.today());
        this.conditions = new ConditionReader(tokens, plan, columns, operators, values, flags, entities, checks, dates);
        this.ordering = new OrderReader(tokens, plan, columns);
        this.draft = new DraftAnswerReader(tokens, index, request, trace, plan, columns, operators, values);
        this.unsupported = new UnsupportedForms(tokens, index, columns);
        this.unplaced = new UnplacedWords(tokens, plan);
        this.aggregates = new AggregateReader(tokens, plan, columns);
        this.selects = new SelectReader(tokens, plan, columns);
        this.relations = new RelationReader(tokens, index, plan, columns, entities);
    }

    /** The planner output for the message: a plan, a draft answer, unknown, or a refusal naming what was left out. */
    PlannerOutput read() {
        if (tokens.all().stream().noneMatch(t -> t.isWord() && t.word().chars().anyMatch(Character::isLetter))) {
            return PlannerOutput.unknown(trace);
        }
        if (intents.disguisedName()) {
            return PlannerOutput.unknown(trace);
        }
        plan.verbAt = intents.findVerb();
        List<Mention> mentions = entities.mentions();
        Optional<Mention> chosen = entities.chooseTarget(mentions);
        boolean collecting =
                request.stage() == Stage.COLLECTING && request.draftEntity().isPresent();
        if (chosen.isEmpty()
                && mentions.isEmpty()
                && !collecting
                && (plan.intent == Intent.READ || plan.intent == Intent.UNKNOWN)) {
            // "sum of freight per ship country": the one entity with that field, named nowhere in the message
            chosen = aggregates.entityOfField(index.entities()).map(e -> new Mention(-1, -1, e, false));
        }
        if (chosen.isPresent() && !collecting && (plan.intent == Intent.READ || plan.intent == Intent.UNKNOWN)) {
            // "top 5 customers by number of rentals": the rows counted are rentals
            Optional<Mention> counted = aggregates.counted(mentions);
            if (counted.isPresent()) {
                chosen = counted;
            }
            // "how many customers", "average price per category": the words read here are used
            aggregates.read(chosen.get().entity());
            if (plan.aggregate == null) {
                selects.read(chosen.get());
            }
            if ((plan.aggregate != null || !plan.select.isEmpty()) && plan.intent == Intent.UNKNOWN) {
                plan.intent = Intent.READ;
            }
        }
        if (!(collecting && plan.intent == Intent.UNKNOWN)) {
            // "how many", "average", "per country", "show more": plans cannot say it, so no plan answers it
            Optional<Refusal> cannot = unsupported.find(chosen.map(Mention::entity));
            if (cannot.isPresent()) {
                return PlannerOutput.refused(cannot.get(), trace);
            }
        }
        if (chosen.isEmpty() || plan.intent == Intent.UNKNOWN && collecting) {
            if (collecting) {
                return draft.read();
            }
            return PlannerOutput.unknown(trace);
        }
        if (plan.intent == Intent.UNKNOWN) {
            // "customers in Germany": naming an entity with no verb is a question about it, unless an unknown
            // word comes first ("banana customer 5", "archive order 7"): that may be a verb we do not know
            if (entities.unknownWordBefore(chosen.get().start())) {
                return PlannerOutput.unknown(trace);
            }
            plan.intent = Intent.READ;
        }
        plan.targetMention = chosen.get();
        plan.target = plan.targetMention.entity();
        for (int i = plan.targetMention.start(); i < plan.targetMention.end(); i++) {
            tokens.use(i);
        }
        if (plan.verbAt >= 0) {
            tokens.use(plan.verbAt);
        }
        walk(0, tokens.size());
        return output();
    }

    private void walk(int from, int to) {
        plan.filterMode = plan.intent == Intent.READ;
        int i = from;
        while (i < to) {
            if (plan.targetMention != null && i == plan.targetMention.start()) {
                i = afterTarget(plan.targetMention.end());
                continue;
            }
            if (tokens.used(i)) {
                i++;
                continue;
            }
            Object before = plan.snapshot();
            int next = step(i);
            if (!plan.snapshot().equals(before)) {
                // the words a reader took a part of the plan from are accounted for (invariant 11)
                tokens.read(i, next);
            }
            i = Math.max(next, i + 1);
        }
    }

    /** "order 10248", "customer 'ALFKI'", "film number 7": the primary key right after the entity. */
    private int afterTarget(int i) {
        int k = i;
        while (k < tokens.size()
                && !tokens.used(k)
                && (tokens.get(k).is("number")
                        || tokens.get(k).is("no")
                        || tokens.get(k).is("id")
                        || tokens.get(k).is("with") && tokens.peekIs(k + 1, "id")
                        || tokens.get(k).is("member")
                        || tokens.get(k).is("record")
                        || tokens.get(k).is("entry")
                        || tokens.get(k).is("row")
                        || tokens.get(k).is("item"))) {
            k++;
        }
        if (k >= tokens.size() || tokens.used(k)) {
            return i;
        }
        Token t = tokens.get(k);
        if (plan.intent == Intent.CREATE
                && t.isWord()
                && !STOP.contains(t.word())
                && !FILLER.contains(t.word())
                && !Words.COMMON.contains(t.word())
                && Character.isUpperCase(t.text().codePointAt(0))
                && columns.columnAt(plan.target, k, Use.WRITE).isEmpty()) {
            // "add customer Grace Hopper, email ..."
            return conditions.named(k, false);
        }
        Optional<ColumnView> key = primaryKey();
        if (key.isEmpty()) {
            return i;
        }
        boolean looksLikeKey = t.kind() == Token.Kind.NUMBER && t.isInteger()
                || t.kind() == Token.Kind.QUOTED
                        && (plan.intent != Intent.CREATE)
                        && k == i
                        && key.get().type() == ValueType.TEXT
                || t.isWord()
                        && key.get().type() == ValueType.TEXT
                        && t.text().length() >= 2
                        && t.text().length() <= 12
                        && t.text().equals(t.text().toUpperCase(Locale.ROOT))
                        && t.text().chars().anyMatch(Character::isLetter)
                        && !Words.COMMON.contains(t.word());
        if (!looksLikeKey || plan.intent == Intent.CREATE) {
            return i;
        }
        tokens.use(k);
        tokens.read(i, k);
        plan.filters.add(Filter.eq(key.get().name(), ValueReader.typed(List.of(t), key.get())));
        return k + 1;
    }

    private Optional<ColumnView> primaryKey() {
        List<ColumnView> keys = plan.target.columns().stream()
                .filter(c -> c.has(FieldRole.PRIMARY_KEY))
                .toList();
        if (keys.size() == 1) {
            return Optional.of(keys.get(0));
        }
        // a composite key with one integer id named after the entity (pagila's payment)
        String entityId = Words.key(plan.target.nameWords()) + "id";
        return keys.stream()
                .filter(c -> Words.key(Words.split(c.name())).equals(entityId))
                .findFirst();
    }

    private int step(int i) {
        Token t = tokens.get(i);
        String w = t.word();
        if (t.kind() == Token.Kind.SYMBOL) {
            if (t.text().equals(",") || t.text().equals(";")) {
                // "..., nonexistent is 5": a part naming no field is not dropped
                checks.unknownField(i + 1);
            }
            return i + 1;
        }
        int related = t.isWord() ? relations.at(i) : i;
        if (related > i) {
            return related;
        }
        if (t.isWord()) {
            Optional<ColumnMatch> phrase = columns.columnAt(plan.target, i, plan.filterMode ? Use.FILTER : Use.ANY);
            if (phrase.isPresent() && phrase.get().end() > i + 1) {
                // "first name", "last name", "order date": a field phrase wins over its words
                return conditions.condition(phrase.get().column(), phrase.get().end(), i);
            }
            int dated = dates.withoutField(i); // #13: "in March 2024", "last 7 days", "since 2020"
            if (dated > i) {
                return dated;
            }
            switch (w) {
                case "where", "whose", "which", "that", "who", "if", "when", "having", "filter", "filtered" -> {
                    plan.filterMode = true;
                    checks.unknownField(i + 1);
                    return i + 1;
                }
                case "and" -> {
                    checks.unknownField(i + 1);
                    return i + 1;
                }
                case "or" -> {
                    checks.orAcrossFields(i);
                    checks.unknownField(i + 1);
                    return i + 1;
                }
                case "set" -> {
                    plan.filterMode = false;
                    return i + 1;
                }
                case "with", "has", "have" -> {
                    int next = conditions.with(i);
                    checks.unknownField(i + 1);
                    return next;
                }
                case "not", "never", "unreturned", "hasn't", "haven't" -> {
                    int end = conditions.notYet(i);
                    if (end > i) {
                        return end;
                    }
                }
                case "without", "missing", "lacking" -> {
                    return conditions.nullCheck(i + 1, Op.IS_NULL).orElse(i + 1);
                }
                case "named", "called", "titled", "entitled" -> {
                    return conditions.named(i + 1, w.endsWith("titled"));
                }
                case "sorted", "ordered", "order", "sort" -> {
                    if (tokens.peekIs(i + 1, "by")) {
                        return ordering.sortBy(i + 2, false);
                    }
                }
                case "by" -> {
                    int byName = relations.by(i);
                    if (byName > i) {
                        return byName;
                    }
                    Optional<ColumnMatch> column = columns.columnAt(plan.target, i + 1, Use.FILTER);
                    if (column.isPresent() && !hasValueAt(column.get().end())) {
                        return ordering.sortBy(i + 1, plan.topSeen);
                    }
                    return i + 1;
                }
                case "alphabetical", "alphabetically" -> {
                    Optional<ColumnView> name = SchemaIndex.nameColumn(plan.target, true);
                    name.ifPresent(c -> plan.orderBy.add(new Sort(c.name(), false)));
                    // "in alphabetical order"
                    return tokens.peekIs(i + 1, "order") ? i + 2 : i + 1;
                }
                case "first",
                        "top",
                        "limit",
                        "last",
                        "latest",
                        "newest",
                        "recent",
                        "oldest",
                        "earliest",
                        "most",
                        "cheapest",
                        "only",
                        "longest",
                        "shortest",
                        "biggest",
                        "largest",
                        "highest",
                        "smallest",
                        "lowest" -> {
                    return ordering.limitWords(i);
                }
                case "to", "into" -> {
                    return conditions.to(i + 1);
                }
                case "as" -> {
                    if (plan.verb.equals("mark")) {
                        return conditions.mark(i + 1);
                    }
                    return i + 1;
                }
                case "on" -> {
                    int next = dates.newRowDate(i);
                    if (next > i) {
                        return next;
                    }
                }
                default -> {
                    // fall through to fields
                }
            }
        }
        Optional<ColumnMatch> column = columns.columnAt(plan.target, i, plan.filterMode ? Use.FILTER : Use.ANY);
        if (column.isPresent()) {
            return conditions.condition(column.get().column(), column.get().end(), i);
        }
        if (t.isWord()) {
            int end = conditions.comparisonWithoutField(i);
            if (end > i) {
                return end;
            }
        }
        if (t.kind() == Token.Kind.NUMBER
                && plan.intent == Intent.READ
                && plan.limit == null
                && t.isInteger()
                && plan.targetMention != null
                && i < plan.targetMention.start()
                && i > plan.verbAt
                && entities.onlyFillersBetween(i + 1, plan.targetMention.start())) {
            // "show 5 films"
            plan.limit = (int) Math.min(Integer.MAX_VALUE, Math.max(1, ((Long) t.number())));
            tokens.place(i, i + 1);
            return i + 1;
        }
        if (t.kind() == Token.Kind.EMAIL) {
            Optional<ColumnView> mail = SchemaIndex.emailColumn(plan.target);
            if (mail.isPresent()) {
                plan.add(mail.get(), Op.EQ, t.text(), false);
                tokens.place(i, i + 1);
            }
            return i + 1;
        }
        if (t.kind() == Token.Kind.QUOTED && plan.intent == Intent.CREATE && plan.bare == null) {
            // "add customer 'ZZTOP' with company name ...": decided at the end (name, or a text key)
            plan.bare = t.text();
            tokens.place(i, i + 1);
            return i + 1;
        }
        if (t.kind() == Token.Kind.QUOTED && plan.intent == Intent.READ && !ValueWithoutField.placeAt(tokens, i)) {
            Optional<ColumnView> name = SchemaIndex.nameColumn(plan.target, false);
            if (name.isPresent()
                    && plan.filters.stream()
                            .noneMatch(f -> f.field().equals(name.get().name()))) {
                return conditions.named(i, false);
            }
            return i + 1;
        }
        if (t.kind() == Token.Kind.NUMBER
                && plan.intent == Intent.CREATE
                && i > 0
                && (tokens.peekIs(i - 1, "of") || tokens.peekIs(i - 1, "worth") || tokens.peekIs(i - 1, "for"))) {
            // "a payment of 3.99"
            Optional<ColumnView> amount = SchemaIndex.amountColumn(plan.target);
            if (amount.isPresent()) {
                plan.add(amount.get(), Op.EQ, ValueReader.typed(List.of(t), amount.get()), false);
                tokens.place(i, i + 1);
            }
            return i + 1;
        }
        if (t.isWord() && (plan.intent == Intent.READ || plan.intent == Intent.UPDATE && plan.filterMode)) {
            Optional<Flag> flag = flags.adjective(i);
            if (flag.isPresent()) {
                plan.add(flag.get().column(), Op.EQ, flag.get().value(), false);
                return flag.get().end();
            }
        }
        return i + 1;
    }

    private PlannerOutput output() {
        if (plan.leftOut == null) {
            // "customers from Germany": the one column the value fits, or a question about the ones it does (#13)
            new ValueWithoutField(tokens, plan).place();
        }
        Optional<LeftOut> missing = Optional.ofNullable(plan.leftOut)
                .or(checks::unplacedValue)
                .or(() -> ValueChecks.find(plan))
                .or(unplaced::find);
        if (missing.isPresent() && plan.intent != Intent.UNKNOWN) {
            // INV-11: a plan never runs with less than was asked
            return PlannerOutput.refused(missing.get().refusal(), trace);
        }
        Optional<List<Condition>> where = plan.conditions();
        if (where.isEmpty()) {
            // "a and b or c": which conditions "or" joins is not said, so it is not guessed
            return PlannerOutput.refused(
                    LeftOut.orAcrossFields(plan.orText.get(0), plan.intent).refusal(), trace);
        }
        if (plan.aggregate != null
                && plan.orderBy.stream()
                        .anyMatch(sort -> !plan.aggregate.groupBy().contains(sort.field())
                                && !sort.field()
                                        .equals(plan.aggregate.outputKey(plan.target.columns().stream()
                                                .map(ColumnView::name)
                                                .toList())))) {
            // "count of orders sorted by freight": one answer per group has no freight to sort by
            return PlannerOutput.refused(
                    Refusal.of(
                            RefusalCode.NOT_UNDERSTOOD,
                            "An aggregate can be sorted only by its groups or by its result, so I cannot use that "
                                    + "sort order and I never leave part of a request out: nothing was read."),
                    trace);
        }
        if (plan.bare != null) {
            Optional<ColumnView> name = SchemaIndex.nameColumn(plan.target, false);
            Optional<ColumnView> key =
                    primaryKey().filter(c -> c.type() == ValueType.TEXT && c.has(FieldRole.CREATE_REQUIRED));
            if (name.isPresent() && !plan.fields.containsKey(name.get().name())) {
                conditions.setName(
                        name.get(),
                        ValueReader.typed(List.of(Token.of(Token.Kind.QUOTED, plan.bare, 0, 0)), name.get()));
            } else if (key.isPresent() && !plan.fields.containsKey(key.get().name())) {
                plan.fields.put(key.get().name(), plan.bare);
            }
        }
        int questions = (plan.ambiguity == null ? 0 : 1) + (dates.asks() ? 1 : 0) + (plan.ask == null ? 0 : 1);
        if (questions > 1 || (plan.ambiguity != null && !Clarifications.askable(plan))) {
            // #13: one question per message; a second unclear part is refused, never dropped
            String words = plan.ambiguity != null ? plan.ambiguity.words() : dates.askedAbout();
            return PlannerOutput.refused(
                    LeftOut.notUnderstood(plan.target, words, plan.intent).refusal(), trace);
        }
        if (plan.ambiguity != null) {
            return Clarifications.ask(plan, where.get(), trace);
        }
        PlannerOutput output = PlanOutputs.of(plan, where.get(), plan.orderBy, trace);
        return dates.asked(plan.intent == Intent.READ ? relations.orAsk(output) : output);
    }

    private boolean hasValueAt(int i) {
        Optional<OpMatch> op = operators.operator(i);
        int k = op.map(OpMatch::end).orElse(i);
        return tokens.peek(k)
                .map(t -> t.isValue() || op.isPresent() && t.isWord() && !STOP.contains(t.word()))
                .orElse(false);
    }
}
