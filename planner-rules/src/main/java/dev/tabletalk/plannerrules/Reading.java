package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.plannerrules.SchemaIndex.Alias;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import dev.tabletalk.plannerrules.SchemaIndex.Strength;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The reading of one message: finds the verb, the entity it is about, then walks the rest of the
 * words for fields, values, conditions, ordering and a row limit. One instance per request; not
 * thread-safe, never shared.
 */
final class Reading {

    private static final Set<String> READ_VERBS = Set.of("show", "list", "find", "get", "display", "which", "what",
            "count", "search", "lookup", "fetch", "view", "see", "give", "tell", "who", "select", "retrieve", "query",
            "browse", "read", "whats", "wheres");
    private static final Set<String> CREATE_VERBS = Set.of("add", "create", "insert", "new", "register", "enter");
    private static final Set<String> UPDATE_VERBS = Set.of("update", "change", "set", "rename", "mark", "move",
            "modify", "edit", "correct", "fix", "replace", "assign", "reassign", "switch");

    /** Words that end an unquoted value ("named Ada and email ...", "in Berlin sorted by ..."). */
    private static final Set<String> STOP = Set.of("and", "or", "with", "without", "where", "whose", "who", "which",
            "that", "sorted", "ordered", "order", "sort", "limit", "set", "to", "of", "for", "from", "in", "on", "by",
            "but", "then", "please", "is", "are", "was", "has", "have", "having", "plus", "also", "whereas", "while",
            "newest", "latest", "oldest", "if", "when", "as", "instead", "thanks", "thank");

    private static final Set<String> FILLER = Set.of("the", "a", "an", "all", "any", "me", "us", "please", "some",
            "every", "each", "s", "its", "their", "his", "her", "our", "my", "records", "rows", "entries", "of");

    private final PlannerRequest request;
    private final SchemaIndex index;
    private final RulesPlannerConfig config;
    private final PlannerTrace trace;
    private final List<Token> tokens;
    private final boolean[] used;
    /** Value tokens (numbers, quoted text, e-mails, dates) that went into the plan: none may be left out. */
    private final boolean[] placed;
    private final String message;

    private Intent intent = Intent.UNKNOWN;
    private String verb = "";
    private int verbAt = -1;
    private EntityInfo target;
    private Mention targetMention;

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Filter> filters = new ArrayList<>();
    private final List<Sort> orderBy = new ArrayList<>();
    private Integer limit;

    Reading(PlannerRequest request, SchemaIndex index, RulesPlannerConfig config, PlannerTrace trace) {
        this.request = request;
        this.index = index;
        this.config = config;
        this.trace = trace;
        this.message = request.message();
        this.tokens = Tokenizer.tokenize(message);
        this.used = new boolean[tokens.size()];
        this.placed = new boolean[tokens.size()];
    }

    PlannerOutput plan() {
        if (tokens.stream().noneMatch(t -> t.isWord() && t.word().chars().anyMatch(Character::isLetter))) {
            return PlannerOutput.unknown(trace);
        }
        if (disguisedName()) {
            return PlannerOutput.unknown(trace);
        }
        verbAt = findVerb();
        List<Mention> mentions = mentions();
        Optional<Mention> chosen = chooseTarget(mentions);
        boolean collecting = request.stage() == Stage.COLLECTING && request.draftEntity().isPresent();
        if (chosen.isEmpty() || intent == Intent.UNKNOWN && collecting) {
            if (collecting) {
                return draftAnswer();
            }
            return PlannerOutput.unknown(trace);
        }
        if (intent == Intent.UNKNOWN) {
            // "customers in Germany": naming an entity with no verb is a question about it, unless an unknown
            // word comes first ("banana customer 5", "archive order 7"): that may be a verb we do not know
            if (unknownWordBefore(chosen.get().start())) {
                return PlannerOutput.unknown(trace);
            }
            intent = Intent.READ;
        }
        targetMention = chosen.get();
        target = targetMention.entity();
        for (int i = targetMention.start(); i < targetMention.end(); i++) {
            used[i] = true;
        }
        if (verbAt >= 0) {
            used[verbAt] = true;
        }
        walk(0, tokens.size());
        return output();
    }

    /**
     * Whether a word outside quotes is a name or keyword spelt with lookalike letters ("\u0441ustomers"):
     * such a message is not guessed at. Words with other non-ASCII letters ("M\u00fcnchen") are fine.
     */
    private boolean disguisedName() {
        for (Token t : tokens) {
            if (!t.isWord() || t.ascii() || index.isNameWord(t.word())) {
                continue;
            }
            String skeleton = Words.skeleton(t.text());
            if (skeleton.equals(t.word()) || !Words.isAscii(skeleton)) {
                continue;
            }
            String key = Words.singular(skeleton);
            boolean known = index.isNameWord(skeleton) || index.isNameWord(key) || Words.COMMON.contains(skeleton)
                    || !index.entityAliases(key).isEmpty() || READ_VERBS.contains(skeleton)
                    || CREATE_VERBS.contains(skeleton) || UPDATE_VERBS.contains(skeleton);
            if (known) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> BEFORE_ENTITY = Set.of("first", "top", "last", "latest", "newest", "most",
            "recent", "oldest", "earliest", "cheapest", "only", "longest", "shortest", "biggest", "largest", "highest",
            "smallest", "lowest", "are", "is", "there", "any", "do", "we", "have", "no", "not", "non");

    private boolean onlyFillersBetween(int from, int to) {
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (!t.isWord() || !(FILLER.contains(t.word()) || BEFORE_ENTITY.contains(t.word()) || adjectiveOf(k))) {
                return false;
            }
        }
        return true;
    }

    private boolean unknownWordBefore(int entityStart) {
        for (int k = 0; k < entityStart; k++) {
            Token t = tokens.get(k);
            if (!t.isWord() || FILLER.contains(t.word()) || BEFORE_ENTITY.contains(t.word())) {
                continue;
            }
            if (adjectiveOf(k)) {
                continue;
            }
            return true;
        }
        return false;
    }

    /** Whether the word at {@code k} is a boolean or enum value of any entity ("active", "PG"). */
    private boolean adjectiveOf(int k) {
        String word = tokens.get(k).word();
        String base = word.startsWith("in") || word.startsWith("un") ? word.substring(2) : word;
        for (EntityInfo entity : index.entities()) {
            for (ColumnView column : entity.columns()) {
                if (column.type() == ValueType.BOOLEAN) {
                    String key = Words.key(Words.split(column.name())).replaceFirst("^is", "").replaceFirst("bool$", "");
                    if (key.equals(word) || key.equals(base)) {
                        return true;
                    }
                }
                if (column.enumValues().stream().anyMatch(v -> v.equalsIgnoreCase(tokens.get(k).text()))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- verb -----------------------------------------------------------------------------------

    private int findVerb() {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isWord()) {
                continue;
            }
            String w = t.word();
            Intent found = null;
            if (w.equals("how") && next(i).map(n -> n.is("many") || n.is("much")).orElse(false)) {
                found = Intent.READ;
            } else if (w.equals("look") && next(i).map(n -> n.is("up") || n.is("for")).orElse(false)) {
                found = Intent.READ;
            } else if ((w.equals("is") || w.equals("are")) && i == 0
                    && next(i).map(n -> n.is("there")).orElse(false)) {
                found = Intent.READ;
            } else if (READ_VERBS.contains(w)) {
                found = Intent.READ;
            } else if (CREATE_VERBS.contains(w)) {
                found = Intent.CREATE;
            } else if (UPDATE_VERBS.contains(w)) {
                found = Intent.UPDATE;
            }
            if (found != null) {
                intent = found;
                verb = w;
                return i;
            }
        }
        return -1;
    }

    // ---- entities -------------------------------------------------------------------------------

    /** Where a message names an entity. */
    record Mention(int start, int end, EntityInfo entity, boolean typo) {}

    private List<Mention> mentions() {
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Optional<Mention> at = mentionAt(i);
            if (at.isPresent()) {
                found.add(at.get());
                i = at.get().end();
            } else {
                i++;
            }
        }
        return found;
    }

    private Optional<Mention> mentionAt(int i) {
        for (int len = Math.min(index.maxAliasWords(), tokens.size() - i); len >= 1; len--) {
            Optional<String> key = key(i, len);
            if (key.isEmpty()) {
                continue;
            }
            Set<EntityInfo> exact = new LinkedHashSet<>();
            Set<EntityInfo> comment = new LinkedHashSet<>();
            for (Alias<EntityInfo> alias : index.entityAliases(key.get())) {
                (alias.strength() == Strength.COMMENT ? comment : exact).add(alias.target());
            }
            if (exact.size() == 1) {
                return Optional.of(new Mention(i, i + len, exact.iterator().next(), false));
            }
            if (exact.isEmpty() && comment.size() == 1) {
                return Optional.of(new Mention(i, i + len, comment.iterator().next(), false));
            }
        }
        Token t = tokens.get(i);
        int tolerance = Words.tolerance(t.word().length(), config.maxTypoDistance());
        if (t.isWord() && t.ascii() && tolerance > 0 && !Words.COMMON.contains(t.word())) {
            String key = Words.singular(t.word());
            EntityInfo best = null;
            int bestDistance = Integer.MAX_VALUE;
            boolean tie = false;
            for (Alias<EntityInfo> alias : index.entityAliases()) {
                if (Math.abs(alias.key().length() - key.length()) > tolerance || alias.key().isEmpty()
                        || key.charAt(0) != alias.key().charAt(0) && key.charAt(1) != alias.key().charAt(1)) {
                    continue;
                }
                int d = Words.distance(key, alias.key(), tolerance);
                if (d <= tolerance) {
                    if (d < bestDistance) {
                        best = alias.target();
                        bestDistance = d;
                        tie = false;
                    } else if (d == bestDistance && alias.target() != best) {
                        tie = true;
                    }
                }
            }
            if (best != null && !tie) {
                return Optional.of(new Mention(i, i + 1, best, true));
            }
        }
        return Optional.empty();
    }

    /**
     * The first mention that is not part of a longer column phrase of another mentioned entity
     * ("change the customer id of order 5": "customer" is a field of orders, not the target).
     */
    private Optional<Mention> chooseTarget(List<Mention> mentions) {
        for (Mention m : mentions) {
            boolean partOfField = false;
            for (Mention other : mentions) {
                if (other.entity() == m.entity()) {
                    continue;
                }
                Optional<ColumnMatch> column = columnAt(other.entity(), m.start(), Use.ANY);
                if (column.isPresent() && column.get().end() > m.end()) {
                    partOfField = true;
                }
                // "units on order of product 9": the mention sits inside a longer field name of another entity
                for (int s = Math.max(0, m.start() - 3); s < m.start(); s++) {
                    Optional<ColumnMatch> around = columnAt(other.entity(), s, Use.ANY);
                    if (around.isPresent() && around.get().end() >= m.end()) {
                        partOfField = true;
                    }
                }
                // "set the language of film 5 ...": language is a field of the film named next
                int after = m.end();
                if (column.isPresent() && column.get().end() == m.end()
                        && (peekIs(after, "of") || peekIs(after, "for"))) {
                    int k = after + 1;
                    while (peekIs(k, "the") || peekIs(k, "a") || peekIs(k, "an")) {
                        k++;
                    }
                    if (other.start() == k) {
                        partOfField = true;
                    }
                }
            }
            if (!partOfField) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The matching key of {@code len} words from {@code i}, if they are all plain words. */
    private Optional<String> key(int i, int len) {
        List<String> words = new ArrayList<>();
        for (int k = i; k < i + len; k++) {
            Token t = tokens.get(k);
            if (!t.isWord() || used[k]) {
                return Optional.empty();
            }
            // INV-6 and lookalikes: a word with letters outside ASCII is compared only if a catalog name has it
            if (!t.ascii() && !index.isNameWord(t.word())) {
                return Optional.empty();
            }
            words.addAll(Words.split(t.word()));
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Words.key(words));
    }

    // ---- columns --------------------------------------------------------------------------------

    enum Use {
        ANY,
        FILTER,
        WRITE
    }

    record ColumnMatch(ColumnView column, int end) {}

    private Optional<ColumnMatch> columnAt(EntityInfo entity, int i, Use use) {
        if (i >= tokens.size() || !tokens.get(i).isWord() || used[i]) {
            return Optional.empty();
        }
        for (int len = Math.min(index.maxAliasWords(), tokens.size() - i); len >= 1; len--) {
            Optional<String> exact = key(i, len);
            if (exact.isEmpty()) {
                continue;
            }
            for (String key : len > 1 ? List.of(exact.get(), pastTenseFree(i, len)) : List.of(exact.get())) {
                List<Alias<ColumnView>> aliases = entity.columnAliases(key);
                if (aliases.isEmpty()) {
                    continue;
                }
                for (Strength strength : Strength.values()) {
                    Set<ColumnView> candidates = new LinkedHashSet<>();
                    for (Alias<ColumnView> alias : aliases) {
                        if (alias.strength() == strength) {
                            candidates.add(alias.target());
                        }
                    }
                    Optional<ColumnView> one = pick(candidates, use);
                    if (one.isPresent()) {
                        return Optional.of(new ColumnMatch(one.get(), i + len));
                    }
                    if (!candidates.isEmpty()) {
                        break;
                    }
                }
            }
        }
        for (int len = Math.min(3, tokens.size() - i); len >= 2; len--) {
            Optional<String> key = key(i, len);
            if (key.isEmpty() || !Words.isAscii(key.get()) || Words.COMMON.contains(tokens.get(i).word())
                    || Words.COMMON.contains(tokens.get(i + len - 1).word())) {
                continue;
            }
            int tolerance = Words.tolerance(key.get().length(), config.maxTypoDistance());
            Set<ColumnView> close = new LinkedHashSet<>();
            for (Alias<ColumnView> alias : entity.columnAliases()) {
                if (alias.strength() != Strength.PARTIAL && alias.words() == len
                        && Words.distance(key.get(), alias.key(), tolerance) <= tolerance) {
                    close.add(alias.target());
                }
            }
            if (close.size() == 1) {
                return Optional.of(new ColumnMatch(close.iterator().next(), i + len));
            }
        }
        Token t = tokens.get(i);
        if (t.ascii() && t.word().endsWith("ed") && t.word().length() > 4) {
            // "hired" -> hire_date, "returned" -> return_date, "shipped" -> shipped_date
            String w = t.word();
            for (String stem : List.of(w.substring(0, w.length() - 1), w.substring(0, w.length() - 2),
                    w.substring(0, w.length() - 3))) {
                Set<ColumnView> candidates = new LinkedHashSet<>();
                for (Alias<ColumnView> alias : entity.columnAliases(stem)) {
                    if (alias.words() == 1) {
                        candidates.add(alias.target());
                    }
                }
                Optional<ColumnView> one = pick(candidates, use);
                if (one.isPresent()) {
                    return Optional.of(new ColumnMatch(one.get(), i + 1));
                }
            }
        }
        int tolerance = Words.tolerance(t.word().length(), config.maxTypoDistance());
        if (t.ascii() && tolerance > 0 && !Words.COMMON.contains(t.word())) {
            String key = Words.singular(t.word());
            Set<ColumnView> close = new LinkedHashSet<>();
            for (Alias<ColumnView> alias : entity.columnAliases()) {
                if (alias.strength() != Strength.PARTIAL && Words.distance(key, alias.key(), tolerance) <= tolerance) {
                    close.add(alias.target());
                }
            }
            if (close.size() == 1) {
                return Optional.of(new ColumnMatch(close.iterator().next(), i + 1));
            }
        }
        return Optional.empty();
    }

    /** The key of a window with "-ed" dropped from its words: "shipped via" -> "ship via". */
    private String pastTenseFree(int i, int len) {
        List<String> words = new ArrayList<>();
        for (int k = i; k < i + len; k++) {
            String w = tokens.get(k).word();
            if (w.endsWith("ed") && w.length() > 4) {
                String base = w.substring(0, w.length() - 2);
                if (base.length() > 2 && base.charAt(base.length() - 1) == base.charAt(base.length() - 2)) {
                    base = base.substring(0, base.length() - 1);
                }
                w = base;
            }
            words.add(w);
        }
        return Words.key(words);
    }

    private static Optional<ColumnView> pick(Set<ColumnView> candidates, Use use) {
        if (candidates.size() == 1) {
            return Optional.of(candidates.iterator().next());
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<ColumnView> preferred = candidates.stream()
                .filter(c -> use == Use.FILTER ? SchemaIndex.filterable(c)
                        : use == Use.WRITE ? c.has(FieldRole.UPDATE) || c.has(FieldRole.CREATE_REQUIRED)
                                || c.has(FieldRole.CREATE_OPTIONAL)
                        : true)
                .toList();
        return preferred.size() == 1 ? Optional.of(preferred.get(0)) : Optional.empty();
    }

    // ---- the walk over the rest of the message -----------------------------------------------------

    private boolean filterMode;
    private boolean topSeen;
    private ColumnView pending;
    private String bare;

    private void walk(int from, int to) {
        filterMode = intent == Intent.READ;
        int i = from;
        while (i < to) {
            if (targetMention != null && i == targetMention.start()) {
                i = afterTarget(targetMention.end());
                continue;
            }
            if (used[i]) {
                i++;
                continue;
            }
            i = step(i);
        }
    }

    /** "order 10248", "customer 'ALFKI'", "film number 7": the primary key right after the entity. */
    private int afterTarget(int i) {
        int k = i;
        while (k < tokens.size() && !used[k] && (tokens.get(k).is("number") || tokens.get(k).is("no")
                || tokens.get(k).is("id") || tokens.get(k).is("with") && peekIs(k + 1, "id")
                || tokens.get(k).is("member") || tokens.get(k).is("record") || tokens.get(k).is("entry")
                || tokens.get(k).is("row") || tokens.get(k).is("item"))) {
            k++;
        }
        if (k >= tokens.size() || used[k]) {
            return i;
        }
        Token t = tokens.get(k);
        if (intent == Intent.CREATE && t.isWord() && !STOP.contains(t.word())
                && !FILLER.contains(t.word()) && !Words.COMMON.contains(t.word())
                && Character.isUpperCase(t.text().codePointAt(0)) && columnAt(target, k, Use.WRITE).isEmpty()) {
            // "add customer Grace Hopper, email ..."
            return named(k, false);
        }
        Optional<ColumnView> key = primaryKey();
        if (key.isEmpty()) {
            return i;
        }
        boolean looksLikeKey = t.kind() == Token.Kind.NUMBER && t.isInteger()
                || t.kind() == Token.Kind.QUOTED && (intent != Intent.CREATE) && k == i
                        && key.get().type() == ValueType.TEXT
                || t.isWord() && key.get().type() == ValueType.TEXT && t.text().length() >= 2
                        && t.text().length() <= 12 && t.text().equals(t.text().toUpperCase(Locale.ROOT))
                        && t.text().chars().anyMatch(Character::isLetter) && !Words.COMMON.contains(t.word());
        if (!looksLikeKey || intent == Intent.CREATE) {
            return i;
        }
        used[k] = true;
        filters.add(Filter.eq(key.get().name(), typed(List.of(t), key.get())));
        return k + 1;
    }

    private Optional<ColumnView> primaryKey() {
        List<ColumnView> keys = target.columns().stream().filter(c -> c.has(FieldRole.PRIMARY_KEY)).toList();
        if (keys.size() == 1) {
            return Optional.of(keys.get(0));
        }
        // a composite key with one integer id named after the entity (pagila's payment)
        return keys.stream().filter(c -> Words.key(Words.split(c.name())).equals(Words.key(target.nameWords()) + "id"))
                .findFirst();
    }

    private int step(int i) {
        Token t = tokens.get(i);
        String w = t.word();
        if (t.kind() == Token.Kind.SYMBOL) {
            if (t.text().equals(",") || t.text().equals(";")) {
                // "..., nonexistent is 5": a part naming no field is not dropped
                unknownField(i + 1);
            }
            return i + 1;
        }
        if (t.isWord()) {
            Optional<ColumnMatch> phrase = columnAt(target, i, filterMode ? Use.FILTER : Use.ANY);
            if (phrase.isPresent() && phrase.get().end() > i + 1) {
                // "first name", "last name", "order date": a field phrase wins over its words
                return condition(phrase.get().column(), phrase.get().end(), i);
            }
            switch (w) {
                case "where", "whose", "which", "that", "who", "if", "when", "having", "filter", "filtered" -> {
                    filterMode = true;
                    unknownField(i + 1);
                    return i + 1;
                }
                case "and" -> {
                    unknownField(i + 1);
                    return i + 1;
                }
                case "or" -> {
                    orAcrossFields(i);
                    unknownField(i + 1);
                    return i + 1;
                }
                case "set" -> {
                    filterMode = false;
                    return i + 1;
                }
                case "with", "has", "have" -> {
                    int next = with(i);
                    unknownField(i + 1);
                    return next;
                }
                case "not", "never", "unreturned", "hasn't", "haven't" -> {
                    int end = notYet(i);
                    if (end > i) {
                        return end;
                    }
                }
                case "without", "missing", "lacking" -> {
                    return nullCheck(i + 1, Op.IS_NULL).orElse(i + 1);
                }
                case "named", "called", "titled", "entitled" -> {
                    return named(i + 1, w.endsWith("titled"));
                }
                case "sorted", "ordered", "order", "sort" -> {
                    if (peekIs(i + 1, "by")) {
                        return sortBy(i + 2, false);
                    }
                }
                case "by" -> {
                    Optional<ColumnMatch> column = columnAt(target, i + 1, Use.FILTER);
                    if (column.isPresent() && !hasValueAt(column.get().end())) {
                        return sortBy(i + 1, topSeen);
                    }
                    return i + 1;
                }
                case "alphabetical", "alphabetically" -> {
                    Optional<ColumnView> name = SchemaIndex.nameColumn(target, true);
                    name.ifPresent(c -> orderBy.add(new Sort(c.name(), false)));
                    return i + 1;
                }
                case "first", "top", "limit", "last", "latest", "newest", "recent", "oldest", "earliest", "most",
                        "cheapest", "only", "longest", "shortest", "biggest", "largest", "highest", "smallest",
                        "lowest" -> {
                    return limitWords(i);
                }
                case "to", "into" -> {
                    return to(i + 1);
                }
                case "as" -> {
                    if (verb.equals("mark")) {
                        return mark(i + 1);
                    }
                    return i + 1;
                }
                case "on" -> {
                    if (peek(i + 1).map(n -> n.kind() == Token.Kind.DATE).orElse(false)) {
                        Optional<ColumnView> date = SchemaIndex.dateColumn(target);
                        if (date.isPresent()) {
                            add(date.get(), Op.EQ, tokens.get(i + 1).text(), false);
                            place(i + 1, i + 2);
                            return i + 2;
                        }
                    }
                }
                default -> {
                    // fall through to fields
                }
            }
        }
        Optional<ColumnMatch> column = columnAt(target, i, filterMode ? Use.FILTER : Use.ANY);
        if (column.isPresent()) {
            return condition(column.get().column(), column.get().end(), i);
        }
        if (t.isWord()) {
            int end = comparisonWithoutField(i);
            if (end > i) {
                return end;
            }
        }
        if (t.kind() == Token.Kind.NUMBER && intent == Intent.READ && limit == null && t.isInteger()
                && targetMention != null && i < targetMention.start() && i > verbAt && onlyFillersBetween(i + 1,
                        targetMention.start())) {
            // "show 5 films"
            limit = (int) Math.min(Integer.MAX_VALUE, Math.max(1, ((Long) t.number())));
            place(i, i + 1);
            return i + 1;
        }
        if (t.kind() == Token.Kind.EMAIL) {
            Optional<ColumnView> mail = SchemaIndex.emailColumn(target);
            if (mail.isPresent()) {
                add(mail.get(), Op.EQ, t.text(), false);
                place(i, i + 1);
            }
            return i + 1;
        }
        if (t.kind() == Token.Kind.QUOTED && intent == Intent.CREATE && bare == null) {
            // "add customer 'ZZTOP' with company name ...": decided at the end (name, or a text key)
            bare = t.text();
            place(i, i + 1);
            return i + 1;
        }
        if (t.kind() == Token.Kind.QUOTED && intent == Intent.READ) {
            Optional<ColumnView> name = SchemaIndex.nameColumn(target, false);
            if (name.isPresent() && filters.stream().noneMatch(f -> f.field().equals(name.get().name()))) {
                return named(i, false);
            }
            return i + 1;
        }
        if (t.kind() == Token.Kind.NUMBER && intent == Intent.CREATE && i > 0
                && (peekIs(i - 1, "of") || peekIs(i - 1, "worth") || peekIs(i - 1, "for"))) {
            // "a payment of 3.99"
            Optional<ColumnView> amount = SchemaIndex.amountColumn(target);
            if (amount.isPresent()) {
                add(amount.get(), Op.EQ, typed(List.of(t), amount.get()), false);
                place(i, i + 1);
            }
            return i + 1;
        }
        if (t.isWord() && (intent == Intent.READ || intent == Intent.UPDATE && filterMode)) {
            Optional<Flag> flag = adjective(i);
            if (flag.isPresent()) {
                add(flag.get().column(), Op.EQ, flag.get().value(), false);
                return flag.get().end();
            }
        }
        return i + 1;
    }

    // ---- conditions on a named field ----------------------------------------------------------------

    private record OpMatch(Op op, boolean setTo, int end) {}

    private Optional<OpMatch> operator(int j) {
        int k = j;
        // "is over", "are above", "was before": the copula adds nothing
        if ((peekIs(k, "is") || peekIs(k, "are") || peekIs(k, "was")) && !peekIs(k + 1, "not")
                && !peekIs(k + 1, "null") && !peekIs(k + 1, "empty") && !peekIs(k + 1, "missing")
                && !peekIs(k + 1, "blank") && !peekIs(k + 1, "set") && !peekIs(k + 1, "unknown")
                && !peekIs(k + 1, "present") && !peekIs(k + 1, "known") && !peekIs(k + 1, "filled")
                && !peekIs(k + 1, "equal")) {
            Optional<OpMatch> after = phraseOperator(k + 1);
            if (after.isPresent() && after.get().op() != Op.EQ) {
                return after;
            }
        }
        if (peekIs(k, "to")) {
            return Optional.of(new OpMatch(Op.EQ, true, k + 1));
        }
        if (peekIs(k, "of")) {
            // "a unit price of at most 15"
            Optional<OpMatch> after = phraseOperator(k + 1);
            if (after.isPresent() && after.get().op() != Op.EQ && after.get().op() != Op.IN) {
                return after;
            }
        }
        return phraseOperator(k);
    }

    private Optional<OpMatch> phraseOperator(int k) {
        for (Operators.Phrase phrase : Operators.PHRASES) {
            List<String> words = phrase.words();
            boolean match = true;
            for (int n = 0; n < words.size(); n++) {
                Optional<Token> t = peek(k + n);
                if (t.isEmpty() || t.get().kind() == Token.Kind.QUOTED || !t.get().word().equals(words.get(n))) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return Optional.of(new OpMatch(phrase.op(), false, k + words.size()));
            }
        }
        return Optional.empty();
    }

    /** A field was named at {@code start}..{@code j}: read how it is compared or set, and the value. */
    private int condition(ColumnView column, int jAfterName, int start) {
        int j = jAfterName;
        while (peekIs(j, "flag") || peekIs(j, "field") || peekIs(j, "column") || peekIs(j, "value")
                || peekIs(j, "attribute")) {
            j++;
        }
        if ((peekIs(j, "of") || peekIs(j, "for") || peekIs(j, "on")) && isTargetAt(j + 1)) {
            // "change the email of customer 5 to ...": remember the field, the value comes after "to"
            pending = column;
            return j + 1;
        }
        if (targetMention != null && j == targetMention.start() && intent == Intent.UPDATE) {
            pending = column;
            return j;
        }
        Optional<OpMatch> match = operator(j);
        Op op = match.map(OpMatch::op).orElse(Op.EQ);
        int k = match.map(OpMatch::end).orElse(j);
        boolean setTo = match.map(OpMatch::setTo).orElse(false);
        if (op.isNullCheck()) {
            add(column, op, null, false);
            return k;
        }
        if (op == Op.BETWEEN) {
            Optional<Value> low = value(k, column, false);
            if (low.isPresent() && peekIs(low.get().end(), "and")) {
                Optional<Value> high = value(low.get().end() + 1, column, false);
                if (high.isPresent()) {
                    add(column, Op.BETWEEN, List.of(low.get().value(), high.get().value()), false);
                    place(k, high.get().end());
                    return high.get().end();
                }
            }
            return k;
        }
        Optional<Value> value = setTo && intent == Intent.UPDATE && freeText(column) ? changeText(k)
                .or(() -> value(k, column, false)) : value(k, column, op == Op.EQ || op == Op.IN || op == Op.NE,
                op == Op.IN);
        if (value.isPresent() && column.type().isTemporal() && !(peek(k).map(Token::isValue).orElse(false))) {
            // "shipped to Brazil": a plain word is no date, so "shipped" did not name the date field here
            return start + 1;
        }
        if (value.isEmpty()) {
            if (match.isEmpty() && column.type() == ValueType.BOOLEAN && (intent == Intent.READ || filterMode)) {
                // "show active staff"
                add(column, Op.EQ, Boolean.TRUE, false);
            } else if (match.isEmpty() && intent == Intent.READ && start > 0
                    && (peekIs(start - 1, "with") || peekIs(start - 1, "has") || peekIs(start - 1, "have")
                            || peekIs(start - 2, "with") && (peekIs(start - 1, "a") || peekIs(start - 1, "an")))) {
                // "customers with an email"
                add(column, Op.IS_NOT_NULL, null, false);
            } else if (match.isEmpty() && verb.equals("rename") && column != null) {
                pending = column;
            }
            return Math.max(k, start + 1);
        }
        Object v = value.get().value();
        if (op == Op.IN && !(v instanceof List)) {
            op = Op.EQ;
        }
        if (v instanceof List && op == Op.EQ) {
            op = Op.IN;
        }
        place(k, value.get().end());
        if (v instanceof List<?> items && op == Op.NE) {
            // "status is not open or paid": neither of them, every item kept
            for (Object item : items) {
                add(column, Op.NE, item, setTo);
            }
            return value.get().end();
        }
        add(column, op, v, setTo);
        return value.get().end();
    }

    private void add(ColumnView column, Op op, Object value, boolean setTo) {
        switch (intent) {
            case CREATE -> {
                if (op == Op.EQ || op == Op.IN && value instanceof List<?> list && list.size() == 1) {
                    fields.putIfAbsent(column.name(), value);
                }
            }
            case UPDATE -> {
                boolean change = setTo || op == Op.EQ && !filterMode;
                if (change) {
                    fields.put(column.name(), value);
                } else {
                    filters.add(Filter.of(column.name(), op, value));
                }
            }
            default -> filters.add(Filter.of(column.name(), op, value));
        }
    }

    private int with(int i) {
        if (peekIs(i + 1, "no") || peekIs(i + 1, "out")) {
            return nullCheck(i + 2, Op.IS_NULL).orElse(i + 2);
        }
        if (intent == Intent.UPDATE) {
            // "update customer 5 with email x" sets; "update customers with city X set ..." filters
            filterMode = laterWord(i, "set") || laterWord(i, "to");
        } else if (intent == Intent.READ) {
            filterMode = true;
        }
        return i + 1;
    }

    /** "not returned", "have not been shipped", "never returned": the date of that event is empty. */
    private int notYet(int i) {
        int k = i + 1;
        while (peekIs(k, "been") || peekIs(k, "yet") || peekIs(k, "be") || peekIs(k, "not")) {
            k++;
        }
        Optional<ColumnMatch> column = columnAt(target, k, Use.FILTER);
        if (column.isPresent() && column.get().column().type().isTemporal() && column.get().column().nullable()
                && (intent == Intent.READ || filterMode)) {
            filters.add(Filter.of(column.get().column().name(), Op.IS_NULL, null));
            return column.get().end();
        }
        return i;
    }

    private Optional<Integer> nullCheck(int i, Op op) {
        int k = i;
        while (peek(k).map(t -> FILLER.contains(t.word()) || t.is("a") || t.is("an") || t.is("any")).orElse(false)) {
            k++;
        }
        Optional<ColumnMatch> column = columnAt(target, k, Use.FILTER);
        if (column.isEmpty()) {
            return Optional.empty();
        }
        if (intent == Intent.READ || intent == Intent.UPDATE) {
            filters.add(Filter.of(column.get().column().name(), op, null));
        }
        return Optional.of(column.get().end());
    }

    /** "named Ada", "called 'Horror'", "titled X": the entity's name or title field. */
    private int named(int i, boolean title) {
        Optional<ColumnView> name = SchemaIndex.nameColumn(target, title);
        if (name.isEmpty()) {
            return i;
        }
        ColumnView column = name.get();
        Optional<Value> value = value(i, column, intent == Intent.READ);
        if (value.isEmpty()) {
            return i;
        }
        setName(column, value.get().value());
        place(i, value.get().end());
        return value.get().end();
    }

    /** Sets or filters the name; "Ada Lovelace" for an entity with first and last names sets both. */
    private void setName(ColumnView column, Object v) {
        Optional<ColumnView> last = target.columns().stream()
                .filter(c -> Words.key(Words.split(c.name())).equals("lastname")).findFirst();
        if (Words.key(Words.split(column.name())).equals("firstname") && last.isPresent() && v instanceof String text
                && text.strip().contains(" ")) {
            String[] parts = text.strip().split("\\s+", 2);
            add(column, Op.EQ, parts[0], false);
            add(last.get(), Op.EQ, parts[1], false);
        } else {
            add(column, v instanceof List ? Op.IN : Op.EQ, v, verb.equals("rename"));
        }
    }

    /** "to ...": the value of a remembered field, a rename, or "move ... to store 2". */
    private int to(int i) {
        if (intent != Intent.UPDATE) {
            return i;
        }
        ColumnView column = pending;
        if (column == null && verb.equals("rename")) {
            column = SchemaIndex.nameColumn(target, false).orElse(null);
        }
        if (column == null) {
            Optional<ColumnMatch> named = columnAt(target, i, Use.WRITE);
            if (named.isPresent()) {
                Optional<Value> value = value(named.get().end(), named.get().column(), false);
                if (value.isPresent()) {
                    fields.put(named.get().column().name(), value.get().value());
                    place(named.get().end(), value.get().end());
                    return value.get().end();
                }
            }
            if (unknownChange(i - 1)) {
                return i;
            }
            if (verb.equals("mark") || verb.equals("set") || verb.equals("change") || verb.equals("switch")) {
                return mark(i);
            }
            return i;
        }
        ColumnView changed = column;
        Optional<Value> value = freeText(changed) ? changeText(i).or(() -> value(i, changed, false))
                : value(i, changed, false);
        if (value.isEmpty()) {
            return i;
        }
        fields.put(column.name(), value.get().value());
        place(i, value.get().end());
        pending = null;
        return value.get().end();
    }

    private static boolean freeText(ColumnView column) {
        return column.type() == ValueType.TEXT && column.enumValues().isEmpty();
    }

    private static final Set<String> CHANGE_ENDS = Set.of("where", "whose", "if", "when", "please", "thanks",
            "thank", "but");

    /**
     * The new text of a field after "to", as typed: it runs to the end of the message or to where something
     * else starts (a condition, another field to set, the row it is for, the end of a sentence), so
     * "Pride and Prejudice", "O'Brien & Sons" and "+1 403 555 0100" are kept whole. Quoted text, e-mail
     * addresses and dates are single values and are read as such.
     */
    private Optional<Value> changeText(int i) {
        Optional<Token> first = peek(i);
        if (first.isEmpty() || used[i] || first.get().kind() != Token.Kind.WORD
                && first.get().kind() != Token.Kind.NUMBER) {
            return Optional.empty();
        }
        int k = i;
        while (k < tokens.size() && !used[k]) {
            Token t = tokens.get(k);
            if (k > i && message.substring(tokens.get(k - 1).end(), t.start()).matches("(?s).*[.!?]\\s.*")) {
                break;
            }
            if (t.kind() == Token.Kind.SYMBOL && (t.text().equals(",") || t.text().equals(";"))
                    || t.kind() == Token.Kind.QUOTED || t.isWord() && CHANGE_ENDS.contains(t.word())) {
                break;
            }
            if ((t.is("and") || t.is("then") || t.is("also")) && somethingElseAt(k + 1)) {
                break;
            }
            if ((t.is("for") || t.is("of") || t.is("on") || t.is("in")) && isTargetAt(k + 1)) {
                break;
            }
            k++;
        }
        if (k == i) {
            return Optional.empty();
        }
        int from = first.get().start();
        if (from > 0 && (message.charAt(from - 1) == '+' || message.charAt(from - 1) == '(')) {
            from--;
        }
        String text = message.substring(from, tokens.get(k - 1).end()).strip();
        return Optional.of(new Value(text, k));
    }

    /** Whether another part of the request starts at {@code k}: a field, a verb, or the entity. */
    private boolean somethingElseAt(int k) {
        int at = k;
        while (peekIs(at, "the") || peekIs(at, "its") || peekIs(at, "a") || peekIs(at, "an")) {
            at++;
        }
        Optional<Token> t = peek(at);
        return t.isEmpty() || !t.get().isWord() || columnAt(target, at, Use.ANY).isPresent()
                || READ_VERBS.contains(t.get().word()) || CREATE_VERBS.contains(t.get().word())
                || UPDATE_VERBS.contains(t.get().word()) || isTargetAt(at) || COMPARING.contains(t.get().word());
    }

    /** "mark order 5 as shipped", "mark staff 2 as inactive": find the field the word is a value of. */
    private int mark(int i) {
        Optional<Token> t = peek(i);
        if (t.isEmpty() || t.get().kind() == Token.Kind.SYMBOL) {
            return i;
        }
        String word = t.get().kind() == Token.Kind.QUOTED ? t.get().text() : t.get().word();
        for (ColumnView column : target.columns()) {
            for (String allowed : column.enumValues()) {
                if (allowed.equalsIgnoreCase(word) && column.has(FieldRole.UPDATE)) {
                    fields.put(column.name(), allowed);
                    place(i, i + 1);
                    return i + 1;
                }
            }
        }
        Optional<Flag> flag = adjective(i);
        if (flag.isPresent()) {
            fields.put(flag.get().column().name(), flag.get().value());
            return flag.get().end();
        }
        Optional<ColumnView> status = target.columns().stream()
                .filter(c -> c.has(FieldRole.UPDATE))
                .filter(c -> Words.key(Words.split(c.name())).matches("(status|state)"))
                .findFirst();
        if (status.isPresent()) {
            Optional<Value> value = value(i, status.get(), false);
            if (value.isPresent()) {
                fields.put(status.get().name(), value.get().value());
                place(i, value.get().end());
                return value.get().end();
            }
        }
        return i + 1;
    }

    /** A field and value named by one word ("active", "PG"), and where the reading goes on. */
    private record Flag(ColumnView column, Object value, int end) {}

    /** "active staff", "inactive customers", "not active", "PG films": a boolean or enum field named by a word. */
    private Optional<Flag> adjective(int i) {
        boolean negated = peekIs(i, "not") || peekIs(i, "non");
        int k = negated ? i + 1 : i;
        Optional<Token> t = peek(k);
        if (t.isEmpty() || !t.get().isWord()) {
            return Optional.empty();
        }
        String word = t.get().word();
        if (!negated && !Words.COMMON.contains(word)
                && (word.length() >= 2 || t.get().text().equals(t.get().text().toUpperCase(Locale.ROOT)))) {
            // "PG films", "open invoices": a value of exactly one enum field
            List<Flag> enums = new ArrayList<>();
            for (ColumnView column : target.columns()) {
                for (String allowed : column.enumValues()) {
                    if (allowed.equalsIgnoreCase(t.get().text())) {
                        enums.add(new Flag(column, allowed, k + 1));
                    }
                }
            }
            if (enums.size() == 1) {
                return Optional.of(enums.get(0));
            }
        }
        boolean inverse = false;
        if (word.startsWith("in") && word.length() > 4 || word.startsWith("un") && word.length() > 4) {
            inverse = true;
        }
        for (boolean tryInverse : new boolean[] {false, true}) {
            if (tryInverse && !inverse) {
                continue;
            }
            String base = tryInverse ? word.substring(2) : word;
            for (ColumnView column : target.columns()) {
                if (column.type() != ValueType.BOOLEAN) {
                    continue;
                }
                String key = Words.key(Words.split(column.name())).replaceFirst("^is", "").replaceFirst("bool$", "");
                if (key.equals(base)) {
                    boolean value = !negated ^ tryInverse;
                    return Optional.of(new Flag(column, value, k + 1));
                }
            }
        }
        return Optional.empty();
    }

    // ---- ordering and limits ------------------------------------------------------------------------

    private int sortBy(int i, boolean defaultDescending) {
        Optional<ColumnMatch> column = columnAt(target, i, Use.ANY);
        if (column.isEmpty()) {
            return i;
        }
        int k = column.get().end();
        boolean descending = defaultDescending;
        if (peekIs(k, "desc") || peekIs(k, "descending") || peekIs(k, "highest") || peekIs(k, "largest")
                || peekIs(k, "newest") || peekIs(k, "latest")) {
            descending = true;
            k++;
        } else if (peekIs(k, "asc") || peekIs(k, "ascending") || peekIs(k, "lowest") || peekIs(k, "smallest")
                || peekIs(k, "oldest") || peekIs(k, "earliest")) {
            descending = false;
            k++;
        }
        if (peekIs(k, "first")) {
            k++;
        }
        orderBy.add(new Sort(column.get().column().name(), descending));
        return k;
    }

    private int limitWords(int i) {
        Token t = tokens.get(i);
        String w = t.word();
        int k = i;
        Boolean descendingDate = null;
        Boolean descendingAmount = null;
        if (w.equals("most") && peekIs(i + 1, "recent") || w.equals("most") && peekIs(i + 1, "recently")) {
            descendingDate = true;
            k = i + 2;
        } else if (w.equals("most") && peekIs(i + 1, "expensive")) {
            descendingAmount = true;
            k = i + 2;
        } else if (w.equals("latest") || w.equals("newest") || w.equals("recent") || w.equals("last")) {
            descendingDate = true;
            k = i + 1;
        } else if (w.equals("oldest") || w.equals("earliest")) {
            descendingDate = false;
            k = i + 1;
        } else if (w.equals("cheapest") || w.equals("lowest") || w.equals("smallest")) {
            descendingAmount = false;
            k = i + 1;
        } else if (w.equals("biggest") || w.equals("largest") || w.equals("highest")) {
            descendingAmount = true;
            k = i + 1;
        } else if (w.equals("longest") || w.equals("shortest")) {
            Optional<ColumnView> length = SchemaIndex.lengthColumn(target);
            length.ifPresent(c -> orderBy.add(new Sort(c.name(), w.equals("longest"))));
            k = i + 1;
        } else if (w.equals("top")) {
            topSeen = true;
            k = i + 1;
        } else if (w.equals("first") || w.equals("limit") || w.equals("only")) {
            k = i + 1;
        } else {
            return i + 1;
        }
        // "first 5", "top 10", "latest 3", "the 10 newest": a number just before or after
        Optional<Token> after = peek(k);
        if (after.isPresent() && after.get().isInteger()) {
            setLimit(k);
            k++;
        } else if (i > 0 && peek(i - 1).map(Token::isInteger).orElse(false) && limit == null) {
            setLimit(i - 1);
        } else if (w.equals("first") || w.equals("only") || w.equals("top") || w.equals("limit")) {
            return i + 1;
        }
        if (descendingDate != null) {
            Optional<ColumnView> date = SchemaIndex.dateColumn(target);
            if (date.isPresent()) {
                orderBy.add(new Sort(date.get().name(), descendingDate));
            }
        }
        if (descendingAmount != null) {
            Optional<ColumnView> amount = SchemaIndex.amountColumn(target);
            if (amount.isPresent()) {
                orderBy.add(new Sort(amount.get().name(), descendingAmount));
            }
        }
        return k;
    }

    private void setLimit(int at) {
        Object n = tokens.get(at).number();
        if (n instanceof Long l && l > 0) {
            limit = (int) Math.min(Integer.MAX_VALUE, l);
            place(at, at + 1);
        }
    }

    /** "over 100", "before 2005-06-01", "between 10 and 20" without a field: the amount or date field. */
    private int comparisonWithoutField(int i) {
        Optional<OpMatch> op = phraseOperator(i);
        if (op.isEmpty() || op.get().op() == Op.EQ || op.get().op() == Op.NE || op.get().op() == Op.IN
                || op.get().op().isNullCheck()) {
            return i;
        }
        int k = op.get().end();
        if (op.get().op().isTextMatch()) {
            Optional<ColumnView> name = SchemaIndex.nameColumn(target, false);
            Optional<Value> text = name.flatMap(c -> value(k, c, false));
            if (text.isPresent() && text.get().value() instanceof String) {
                add(name.get(), op.get().op(), text.get().value(), false);
                place(k, text.get().end());
                return text.get().end();
            }
            return i;
        }
        Optional<Token> first = peek(k);
        if (first.isEmpty() || !first.get().isValue()) {
            return i;
        }
        boolean size = peekIs(i, "longer") || peekIs(i, "shorter");
        if (first.get().kind() == Token.Kind.NUMBER && op.get().op() != Op.BETWEEN) {
            Optional<ColumnMatch> after = columnAt(target, k + 1, Use.FILTER);
            if (after.isPresent() && after.get().column().type().isNumeric()) {
                add(after.get().column(), op.get().op(), typed(List.of(first.get()), after.get().column()), false);
                place(k, k + 1);
                return after.get().end();
            }
        }
        Optional<ColumnView> column = first.get().kind() == Token.Kind.DATE ? SchemaIndex.dateColumn(target)
                : first.get().kind() != Token.Kind.NUMBER ? Optional.empty()
                : size ? SchemaIndex.lengthColumn(target) : SchemaIndex.amountColumn(target);
        if (column.isEmpty()) {
            return i;
        }
        if (op.get().op() == Op.BETWEEN) {
            if (peekIs(k + 1, "and") && peek(k + 2).map(Token::isValue).orElse(false)) {
                add(column.get(), Op.BETWEEN, List.of(typed(List.of(first.get()), column.get()),
                        typed(List.of(tokens.get(k + 2)), column.get())), false);
                place(k, k + 3);
                return k + 3;
            }
            return i;
        }
        // "fewer than 20 units in stock": the field may follow the number
        Optional<ColumnMatch> named = columnAt(target, k + 1, Use.FILTER);
        if (named.isPresent() && named.get().column().type().isNumeric() == column.get().type().isNumeric()) {
            add(named.get().column(), op.get().op(), typed(List.of(first.get()), named.get().column()), false);
            place(k, k + 1);
            return named.get().end();
        }
        add(column.get(), op.get().op(), typed(List.of(first.get()), column.get()), false);
        place(k, k + 1);
        return k + 1;
    }

    // ---- values -------------------------------------------------------------------------------------

    private record Value(Object value, int end) {}

    private Optional<Value> value(int i, ColumnView column, boolean allowList) {
        return value(i, column, allowList, false);
    }

    /**
     * A value, or a list of values of one field: "A or B", "A, B or C", "A or name is B" ({@code allowList});
     * after an explicit "in" also "1, 2 and 3" and "(1,2,3)" ({@code explicitList}). A list never runs into
     * another field: "name is A or email is B" stops before "email".
     */
    private Optional<Value> value(int i, ColumnView column, boolean allowList, boolean explicitList) {
        Optional<Value> first = single(i, column);
        if (first.isEmpty() || !allowList) {
            return first;
        }
        List<Object> items = new ArrayList<>();
        items.add(first.get().value());
        int k = first.get().end();
        boolean sawOr = false;
        while (true) {
            boolean comma = isComma(k);
            boolean or = peekIs(k, "or") || explicitList && peekIs(k, "and");
            if (!comma && !or) {
                break;
            }
            int next = k + 1;
            if (comma && (peekIs(next, "or") || explicitList && peekIs(next, "and"))) {
                next++;
                or = true;
            }
            OptionalInt again = sameFieldAgain(next, column);
            if (again.isEmpty()) {
                break;
            }
            next = again.getAsInt();
            Optional<Value> more = single(next, column);
            if (more.isEmpty()) {
                break;
            }
            boolean continues = isComma(more.get().end()) || peekIs(more.get().end(), "or")
                    || explicitList && peekIs(more.get().end(), "and");
            if (!or && !continues && !explicitList) {
                break;
            }
            items.add(more.get().value());
            sawOr |= or;
            k = more.get().end();
        }
        if (items.size() > 1 && (sawOr || explicitList)) {
            return Optional.of(new Value(List.copyOf(items), k));
        }
        return first;
    }

    /**
     * Where the next item of a list of values of {@code column} starts: right here, or after the field named
     * again ("or name is B"); empty when another field is named here ("or email is B"), which ends the list.
     */
    private OptionalInt sameFieldAgain(int i, ColumnView column) {
        int k = i;
        while (peekIs(k, "the") || peekIs(k, "a") || peekIs(k, "an")) {
            k++;
        }
        Optional<ColumnMatch> named = target == null ? Optional.empty() : columnAt(target, k, Use.ANY);
        if (named.isEmpty()) {
            return OptionalInt.of(i);
        }
        Optional<OpMatch> op = operator(named.get().end());
        if (!named.get().column().equals(column) || op.isPresent() && op.get().op() != Op.EQ
                && op.get().op() != Op.IN) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(op.map(OpMatch::end).orElse(named.get().end()));
    }

    private boolean isComma(int k) {
        return peek(k).map(t -> t.kind() == Token.Kind.SYMBOL && t.text().equals(",")).orElse(false);
    }

    private Optional<Value> single(int i, ColumnView column) {
        Optional<Token> t = peek(i);
        if (t.isEmpty() || used[i]) {
            return Optional.empty();
        }
        Token token = t.get();
        if (token.kind() == Token.Kind.NUMBER && column.type() == ValueType.TEXT && column.enumValues().isEmpty()) {
            // "(100) 555-4822": digits with punctuation stay one text value, as typed
            int k = i + 1;
            while (k < tokens.size() && !used[k] && (tokens.get(k).kind() == Token.Kind.NUMBER
                    || tokens.get(k).isWord() && Character.isDigit(tokens.get(k).text().charAt(0)))
                    && message.substring(tokens.get(k - 1).end(), tokens.get(k).start()).matches("[\\s()\\-./]*")) {
                k++;
            }
            if (k > i + 1) {
                int from = token.start();
                if (from > 0 && (message.charAt(from - 1) == '(' || message.charAt(from - 1) == '+')) {
                    // "(100) 555-4822", "+1 403 555 0100": the sign or bracket is part of the value as typed
                    from--;
                }
                int to = tokens.get(k - 1).end();
                return Optional.of(new Value(message.substring(from, to), k));
            }
        }
        if (token.isValue()) {
            return Optional.of(new Value(typed(List.of(token), column), i + 1));
        }
        if (!token.isWord() || STOP.contains(token.word())) {
            return Optional.empty();
        }
        if (column.type().isNumeric() && peek(i + 1).map(n -> n.kind() == Token.Kind.NUMBER).orElse(false)
                && !used[i + 1]) {
            // "via shipper 3", "about 30": a word before the number of a numeric field
            return single(i + 1, column);
        }
        List<Token> run = new ArrayList<>();
        int k = i;
        while (k < tokens.size() && !used[k] && run.size() < 6) {
            Token w = tokens.get(k);
            if (!w.isWord() || STOP.contains(w.word())) {
                break;
            }
            if (!run.isEmpty() && isStrongColumnStart(k)) {
                break;
            }
            run.add(w);
            k++;
            if (column.type() != ValueType.TEXT || !column.enumValues().isEmpty()) {
                // only free text runs over several words; a number, date or enum value is one word
                break;
            }
        }
        if (run.isEmpty()) {
            return Optional.empty();
        }
        if (run.size() == 1 && FILLER.contains(run.get(0).word())) {
            return Optional.empty();
        }
        if (run.size() > 1 && freeText(column)) {
            // "O'Brien & Sons": several words of free text are kept as typed, punctuation and all
            return Optional.of(new Value(message.substring(run.get(0).start(), run.get(run.size() - 1).end()), k));
        }
        return Optional.of(new Value(typed(run, column), k));
    }

    /** Whether a field's own name (not a partial or a synonym) starts at {@code k}: it ends a value. */
    private boolean isStrongColumnStart(int k) {
        for (int len = Math.min(index.maxAliasWords(), tokens.size() - k); len >= 1; len--) {
            Optional<String> key = key(k, len);
            if (key.isEmpty()) {
                continue;
            }
            for (Alias<ColumnView> alias : target.columnAliases(key.get())) {
                if (alias.strength() == Strength.EXACT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Typed as plan JSON carries it: Long, BigDecimal, Boolean, or text (dates stay ISO text). */
    private static Object typed(List<Token> run, ColumnView column) {
        Token first = run.get(0);
        String text = run.size() == 1 ? first.text()
                : String.join(" ", run.stream().map(Token::text).toList());
        if (!column.enumValues().isEmpty()) {
            for (String allowed : column.enumValues()) {
                if (allowed.equalsIgnoreCase(text)) {
                    return allowed;
                }
            }
            return text;
        }
        if (run.size() == 1 && first.kind() == Token.Kind.NUMBER) {
            return switch (column.type()) {
                case INTEGER -> first.number();
                case DECIMAL, FLOAT -> first.number();
                default -> first.text();
            };
        }
        if (column.type() == ValueType.BOOLEAN) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "on", "active", "enabled" -> {
                    return Boolean.TRUE;
                }
                case "false", "no", "n", "off", "inactive", "disabled" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    return text;
                }
            }
        }
        if (column.type().isNumeric() && run.size() == 1 && first.kind() == Token.Kind.QUOTED) {
            try {
                BigDecimal number = new BigDecimal(first.text().strip());
                return column.type() == ValueType.INTEGER && number.scale() <= 0 ? (Object) number.longValueExact()
                        : number;
            } catch (NumberFormatException | ArithmeticException e) {
                return text;
            }
        }
        return text;
    }

    // ---- answers during a draft -----------------------------------------------------------------------

    /**
     * While a draft is being filled in: "email is ada@x.org" or "set the phone to 555" give values
     * for the draft (no entity: the engine merges them). A bare value is left to the engine, which
     * takes the whole message as the answer to its question.
     */
    private PlannerOutput draftAnswer() {
        Optional<EntityInfo> draft = request.draftEntity().flatMap(index::entity);
        Intent draftIntent = request.draftIntent().orElse(Intent.UNKNOWN);
        if (draft.isEmpty() || !draftIntent.isWrite()) {
            return PlannerOutput.unknown(trace);
        }
        if (intent == Intent.READ) {
            return PlannerOutput.unknown(trace);
        }
        target = draft.get();
        intent = draftIntent;
        Map<String, Object> found = new LinkedHashMap<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.isWord() && (UPDATE_VERBS.contains(t.word()) || CREATE_VERBS.contains(t.word()))) {
                i++;
                continue;
            }
            Optional<ColumnMatch> column = columnAt(target, i, Use.WRITE);
            if (column.isPresent()) {
                Optional<OpMatch> op = operator(column.get().end());
                if (op.isEmpty() || op.get().op() == Op.EQ) {
                    int k = op.map(OpMatch::end).orElse(column.get().end());
                    Optional<Value> value = value(k, column.get().column(), false);
                    if (value.isPresent()) {
                        found.put(column.get().column().name(), value.get().value());
                        i = value.get().end();
                        continue;
                    }
                }
            }
            i++;
        }
        if (found.isEmpty()) {
            return PlannerOutput.unknown(trace);
        }
        return new PlannerOutput(Intent.UNKNOWN, Optional.empty(), found, List.of(), List.of(), OptionalInt.empty(),
                Optional.empty(), trace);
    }

    // ---- nothing left out (invariant 11) -------------------------------------------------------------

    /** What of the message could not be placed in the plan; the first one found is refused. */
    private LeftOut leftOut;

    private void place(int from, int to) {
        for (int k = Math.max(0, from); k < Math.min(to, tokens.size()); k++) {
            placed[k] = true;
        }
    }

    /** Words that start a comparison after a field's name: a verb or symbol, never a word such as "more". */
    private static final Set<String> COMPARING = Set.of("is", "are", "was", "were", "isn't", "aren't", "equals",
            "equal", "=", "!=", "<>", "<", ">", "<=", ">=", ":", "contains", "starts", "begins", "matches");

    /**
     * "where nonexistent is 5", "and favourite colour = 'blue'": words naming no field, then a comparison and
     * a value. Such a condition is never dropped: the request is refused, naming it.
     */
    private void unknownField(int from) {
        if (leftOut != null || target == null) {
            return;
        }
        int start = from;
        while (peek(start).map(t -> t.isWord() && FILLER.contains(t.word()) && !t.is("of")).orElse(false)) {
            start++;
        }
        int k = start;
        while (k < tokens.size() && k - start < 3) {
            Token t = tokens.get(k);
            if (!t.isWord() || used[k] || STOP.contains(t.word()) || COMPARING.contains(t.word()) || t.is("not")
                    || t.is("no") || !namesNothing(k)) {
                break;
            }
            k++;
        }
        if (k == start || !peek(k).map(t -> COMPARING.contains(t.word())).orElse(false)) {
            return;
        }
        Optional<OpMatch> op = operator(k);
        if (op.isEmpty()) {
            return;
        }
        int end = op.get().end();
        if (!op.get().op().isNullCheck()) {
            Optional<Token> value = peek(end);
            if (value.isEmpty() || !value.get().isValue()
                    && !(value.get().isWord() && !STOP.contains(value.get().word()))) {
                return;
            }
            end = valueEnd(end);
        }
        place(start, end);
        boolean change = intent == Intent.CREATE || intent == Intent.UPDATE && !filterMode;
        leftOut = LeftOut.unknownField(target, text(start, k), text(start, end),
                change ? LeftOut.Part.CHANGE : LeftOut.Part.CONDITION, intent);
    }

    /** Whether the word at {@code k} names no field, entity, flag or enum value and is no common word. */
    private boolean namesNothing(int k) {
        Token t = tokens.get(k);
        return !Words.COMMON.contains(t.word()) && !FILLER.contains(t.word()) && !READ_VERBS.contains(t.word())
                && !CREATE_VERBS.contains(t.word()) && !UPDATE_VERBS.contains(t.word())
                && columnAt(target, k, Use.ANY).isEmpty() && !adjectiveOf(k) && mentionAt(k).isEmpty();
    }

    /**
     * "set nonexistent to 3 for customer 5", "set the nonexistent of customer 5 to 3": before "to" (at
     * {@code toAt}) words that name no field. True (and refused) when found: no other field gets the value.
     */
    private boolean unknownChange(int toAt) {
        if (leftOut != null || intent != Intent.UPDATE) {
            return leftOut != null;
        }
        int from = -1;
        int to = -1;
        for (int k = Math.max(verbAt + 1, 0); k < toAt; k++) {
            Token t = tokens.get(k);
            if (used[k] || placed[k] || !t.isWord() || STOP.contains(t.word()) || !namesNothing(k)) {
                continue;
            }
            from = from < 0 ? k : from;
            to = k + 1;
        }
        if (from < 0) {
            return false;
        }
        int end = valueEnd(toAt + 1);
        place(toAt + 1, end);
        leftOut = LeftOut.unknownField(target, text(from, to), text(from, to) + " to " + text(toAt + 1, end),
                LeftOut.Part.CHANGE, intent);
        return true;
    }

    /**
     * "name is A or email is B", "price under 5 or over 10": "or" between conditions that cannot be one list
     * of values of one field. Plans combine conditions with "and" only, so this is refused, never half-read.
     */
    private void orAcrossFields(int i) {
        if (leftOut != null || intent != Intent.READ && !filterMode || filters.isEmpty()) {
            return;
        }
        int k = i + 1;
        while (peekIs(k, "the") || peekIs(k, "a") || peekIs(k, "an") || peekIs(k, "its")) {
            k++;
        }
        Optional<ColumnMatch> column = columnAt(target, k, Use.FILTER);
        Optional<Flag> flag = adjective(k);
        Optional<OpMatch> op = operator(k);
        boolean condition = column.isPresent() || flag.isPresent()
                || op.isPresent() && op.get().op() != Op.EQ && op.get().op() != Op.IN && !op.get().op().isNullCheck();
        if (!condition) {
            return;
        }
        int end = column.map(c -> valueEnd(operator(c.end()).map(OpMatch::end).orElse(c.end())))
                .orElseGet(() -> flag.map(Flag::end).orElseGet(() -> valueEnd(op.get().end())));
        place(i, end);
        leftOut = LeftOut.orAcrossFields(text(i, end), intent);
    }

    /** Whether the words just before {@code to} are the start of the tenant column's name ("company" of company_id). */
    private boolean namesTheTenant(int from, int to) {
        List<String> tenant = Words.split(config.tenantColumn());
        for (int start = from; start < to; start++) {
            boolean all = to - start <= tenant.size();
            for (int k = start; all && k < to; k++) {
                all = Words.singular(tokens.get(k).word()).equals(Words.singular(tenant.get(k - start)));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** The end of the value starting at {@code k}: one value token, or a run of plain words. */
    private int valueEnd(int k) {
        if (peek(k).map(Token::isValue).orElse(false)) {
            return k + 1;
        }
        int end = k;
        while (end < tokens.size() && end - k < 6 && tokens.get(end).isWord()
                && !STOP.contains(tokens.get(end).word())) {
            end++;
        }
        return end;
    }

    /** The message as typed from token {@code from} up to token {@code to} (exclusive). */
    private String text(int from, int to) {
        if (to <= from || from >= tokens.size()) {
            return "";
        }
        return message.substring(tokens.get(from).start(), tokens.get(Math.min(to, tokens.size()) - 1).end()).strip();
    }

    /**
     * A value typed in the message that went nowhere ("customers with ids 1, 2, 3" read as no condition at
     * all): the part around it, from the words just before it to the last value joined to it.
     */
    private Optional<LeftOut> unplacedValue() {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isValue() || placed[i] || used[i]) {
                continue;
            }
            int from = i;
            while (from > 0 && from > i - 3 && !placed[from - 1] && !used[from - 1] && tokens.get(from - 1).isWord()
                    && !STOP.contains(tokens.get(from - 1).word()) && !FILLER.contains(tokens.get(from - 1).word())
                    && from - 1 != verbAt) {
                from--;
            }
            int to = i + 1;
            while (to + 1 < tokens.size() && (isComma(to) || peekIs(to, "and") || peekIs(to, "or"))
                    && tokens.get(to + 1).isValue() && !placed[to + 1] && !used[to + 1]) {
                to += 2;
            }
            if (namesTheTenant(from, i)) {
                // "their orders at company 202": the tenant is never chosen by a message, and said so
                return Optional.of(new LeftOut(RulesPlanner.tenantRefusal(config.tenantColumn())));
            }
            return Optional.of(LeftOut.unplaced(target, text(from, to), intent));
        }
        return Optional.empty();
    }

    // ---- output ---------------------------------------------------------------------------------------

    private PlannerOutput output() {
        Optional<LeftOut> missing = Optional.ofNullable(leftOut).or(this::unplacedValue);
        if (missing.isPresent() && intent != Intent.UNKNOWN) {
            // INV-11: a plan never runs with less than was asked
            return PlannerOutput.refused(missing.get().refusal(), trace);
        }
        String entity = target.name();
        if (bare != null) {
            Optional<ColumnView> name = SchemaIndex.nameColumn(target, false);
            Optional<ColumnView> key = primaryKey().filter(c -> c.type() == ValueType.TEXT
                    && c.has(FieldRole.CREATE_REQUIRED));
            if (name.isPresent() && !fields.containsKey(name.get().name())) {
                setName(name.get(), typed(List.of(Token.of(Token.Kind.QUOTED, bare, 0, 0)), name.get()));
            } else if (key.isPresent() && !fields.containsKey(key.get().name())) {
                fields.put(key.get().name(), bare);
            }
        }
        return switch (intent) {
            case READ -> new PlannerOutput(Intent.READ, Optional.of(entity), Map.of(), filters, orderBy,
                    limit == null ? OptionalInt.empty() : OptionalInt.of(limit), Optional.empty(), trace);
            case CREATE -> PlannerOutput.create(entity, fields, trace);
            case UPDATE -> PlannerOutput.update(entity, fields, filters, trace);
            default -> PlannerOutput.unknown(trace);
        };
    }

    // ---- small helpers ----------------------------------------------------------------------------------

    private Optional<Token> peek(int i) {
        return i >= 0 && i < tokens.size() ? Optional.of(tokens.get(i)) : Optional.empty();
    }

    private Optional<Token> next(int i) {
        return peek(i + 1);
    }

    private boolean peekIs(int i, String word) {
        return peek(i).map(t -> t.kind() != Token.Kind.QUOTED && (t.word().equals(word) || t.text().equals(word)))
                .orElse(false);
    }

    private boolean hasValueAt(int i) {
        Optional<OpMatch> op = operator(i);
        int k = op.map(OpMatch::end).orElse(i);
        return peek(k).map(t -> t.isValue() || op.isPresent() && t.isWord() && !STOP.contains(t.word()))
                .orElse(false);
    }

    private boolean isTargetAt(int k) {
        int at = k;
        while (peekIs(at, "the") || peekIs(at, "a") || peekIs(at, "an") || peekIs(at, "this")) {
            at++;
        }
        return targetMention != null && at == targetMention.start();
    }

    private boolean laterWord(int i, String word) {
        for (int k = i + 1; k < tokens.size(); k++) {
            if (peekIs(k, word)) {
                return true;
            }
        }
        return false;
    }
}
