package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.EntityReader.Mention;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Relationship phrases of a read (#13): "tracks of the album Let There Be Rock", "payments of customer MARY SMITH",
 * "rentals of the film ACADEMY DINOSAUR", "albums by AC/DC". The way from the plan's entity to the one named is
 * taken only from declared foreign keys ({@link ColumnView#references()}): one key, or up to three in a row (a
 * rental's inventory item's film), never guessed from column names. The related row is found by its label column: its
 * name or title ({@link #labelColumn}); a two-word name of an entity with first and last names is both. Where
 * the phrase can be read more than one way (two keys to the same entity, "SMITH" as a first or a last name) the
 * person is asked, with numbered choices; where the entities are not linked, or the related one has no label,
 * the request is refused saying so. The phrase is never dropped.
 */
final class RelationReader {

    private static final int MAX_NAME_WORDS = 8;
    private static final int MAX_HOPS = 3;
    private static final int BY_HOPS = 2;
    private static final Set<String> NAME_LEADS = Set.of("named", "called", "titled", "entitled", "is", "the");

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final PlanParts plan;
    private final ColumnMatcher columns;
    private final EntityReader entities;

    RelationReader(
            TokenCursor tokens, SchemaIndex index, PlanParts plan, ColumnMatcher columns, EntityReader entities) {
        this.tokens = tokens;
        this.index = index;
        this.plan = plan;
        this.columns = columns;
        this.entities = entities;
    }

    /** One foreign key followed: {@code key} (a column of the entity before) points at {@code to}. */
    private record Hop(ColumnView key, EntityInfo to) {}

    /** A name as typed, tokens {@code start} to {@code end} (exclusive). */
    private record Name(String text, int start, int end, boolean quoted) {}

    /** One reading of a relationship phrase: what the person is shown, and the condition it stands for. */
    record Reading(String label, Condition condition) {}

    /** A phrase that can be read more than one way: asked about, with the condition standing in the plan for now. */
    record Ask(String text, Condition placeholder, List<Reading> readings) {}

    /**
     * "album Let There Be Rock", "customer MARY SMITH", "the film ACADEMY DINOSAUR" at {@code i}: a foreign key of
     * the plan's entity, or an entity it is linked to, followed by a name or key. Returns where the phrase ends,
     * or {@code i} if there is none here.
     */
    int at(int i) {
        if (plan.intent != Intent.READ || plan.target == null) {
            return i;
        }
        Optional<ColumnMatch> column = columns.columnAt(plan.target, i, Use.FILTER);
        List<List<Hop>> paths;
        EntityInfo parent;
        int after;
        if (column.isPresent()) {
            Optional<EntityInfo> to = column.get().column().references().flatMap(index::entity);
            if (to.isEmpty()) {
                return i;
            }
            parent = to.get();
            paths = List.of(List.of(new Hop(column.get().column(), parent)));
            after = column.get().end();
        } else {
            Optional<Mention> mention = entities.mentionAt(i);
            if (mention.isEmpty() || mention.get().typo() || mention.get().entity() == plan.target) {
                return i;
            }
            parent = mention.get().entity();
            paths = paths(plan.target, parent);
            after = mention.get().end();
        }
        int k = after;
        while (k < tokens.size() && NAME_LEADS.contains(tokens.get(k).word()) && !tokens.used(k)) {
            k++;
        }
        Optional<Token> key = key(k, parent);
        if (key.isPresent()) {
            if (column.isPresent()) {
                // "orders of customer ALFKI", "payments of customer 5": the key itself, read as a field today
                return i;
            }
            if (paths.isEmpty()) {
                return refuseUnlinked(parent, i, k + 1);
            }
            List<Reading> readings = new ArrayList<>();
            for (List<Hop> path : paths) {
                ColumnView last = path.get(path.size() - 1).key();
                Filter byKey = Filter.eq(last.name(), ValueReader.typed(List.of(key.get()), last));
                readings.add(new Reading(label(path), wrap(path.subList(0, path.size() - 1), List.of(byKey))));
            }
            return commit("\"" + key.get().text() + "\"", readings, k, k + 1);
        }
        Optional<Name> name = name(k);
        if (name.isEmpty()) {
            return i;
        }
        if (paths.isEmpty()) {
            return refuseUnlinked(parent, i, name.get().end());
        }
        return byName(paths, name.get());
    }

    /**
     * "albums by AC/DC", "products supplied by Exotic Liquids" at the "by" at {@code i}: a name after "by" that
     * names no field, through a foreign key of the plan's entity. Returns where the phrase ends, or {@code i}.
     */
    int by(int i) {
        int k = i + 1;
        if (plan.intent != Intent.READ || plan.target == null || k >= tokens.size()) {
            return i;
        }
        if (columns.columnAt(plan.target, k, Use.FILTER).isPresent()
                || entities.mentionAt(k).isPresent()) {
            // "handled by staff Jon Stephens": a relationship phrase of its own, else a field to sort by
            int phrase = at(k);
            if (phrase > k) {
                markVerb(i);
            }
            return phrase > k ? phrase : i;
        }
        Optional<Name> name = name(k);
        if (name.isEmpty()) {
            return i;
        }
        // "tracks by AC/DC": the album's title or its artist's name; every labelled entity one or two keys away
        List<List<Hop>> paths = new ArrayList<>();
        for (List<Hop> path : reachable(plan.target, BY_HOPS)) {
            if (labelColumn(path.get(path.size() - 1).to()).isPresent()) {
                paths.add(path);
            }
        }
        if (paths.isEmpty()) {
            return i;
        }
        // "supplied by", "managed by": a verb sharing its stem with one key's words narrows the ways to the shortest
        // through that key, if it is one
        Optional<Token> verb = tokens.peek(i - 1).filter(t -> t.isWord() && !tokens.accounted(i - 1));
        if (verb.isPresent() && paths.size() > 1) {
            List<List<Hop>> stemmed = paths.stream()
                    .filter(p -> sharesStem(verb.get().word(), p.get(0)))
                    .toList();
            int shortest = stemmed.stream().mapToInt(List::size).min().orElse(0);
            List<List<Hop>> stem =
                    stemmed.stream().filter(p -> p.size() == shortest).toList();
            if (stem.size() == 1) {
                paths = stem;
            }
        }
        if (verb.isPresent() && sharesStem(verb.get().word(), paths.get(0).get(0))) {
            tokens.read(i - 1, i);
        }
        markVerb(i);
        return byName(paths, name.get());
    }

    /**
     * {@code read}, or, where a relationship phrase can be read more than one way, the question which reading was
     * meant, each choice the whole plan with that reading in place.
     */
    PlannerOutput orAsk(PlannerOutput read) {
        Ask ask = plan.ask;
        if (ask == null) {
            return read;
        }
        List<Question.Choice> choices = new ArrayList<>();
        for (Reading reading : ask.readings()) {
            List<Condition> where = read.filters().stream()
                    .map(c -> c == ask.placeholder() ? reading.condition() : c)
                    .toList();
            ReadPlan choice = new ReadPlan(
                    plan.target.name(),
                    read.select(),
                    where,
                    read.orderBy(),
                    read.limit(),
                    read.offset(),
                    read.aggregate());
            choices.add(new Question.Choice(reading.label(), reading.condition().toString(), choice));
        }
        return PlannerOutput.asking(new Question(ask.text(), choices), read.trace());
    }

    private int byName(List<List<Hop>> paths, Name name) {
        List<Reading> readings = new ArrayList<>();
        for (List<Hop> path : paths) {
            EntityInfo parent = path.get(path.size() - 1).to();
            Optional<ColumnView> label = labelColumn(parent);
            if (label.isEmpty()) {
                if (paths.size() == 1) {
                    return refuse(
                            parent.name() + " has no name or title to find \"" + name.text() + "\" by; name it by its "
                                    + "number instead",
                            name.start(),
                            name.end());
                }
                continue;
            }
            for (List<Condition> byLabel : byLabel(parent, label.get(), name)) {
                String which =
                        byLabel.size() == 1 && paths.size() == 1 ? ((Filter) byLabel.get(0)).field() : label(path);
                readings.add(new Reading(which, wrap(path, byLabel)));
            }
        }
        return commit("\"" + name.text() + "\"", readings, name.start(), name.end());
    }

    /** "supported by", "handled by": the verb before a "by" that led to a relationship is accounted for. */
    private void markVerb(int by) {
        if (by > 0
                && tokens.get(by - 1).isWord()
                && !tokens.accounted(by - 1)
                && by - 1 != plan.verbAt
                && tokens.get(by - 1).word().endsWith("ed")) {
            tokens.read(by - 1, by);
        }
    }

    /** Adds the one reading, or asks which; the phrase's name or key is placed either way. */
    private int commit(String what, List<Reading> readings, int from, int to) {
        tokens.place(from, to);
        if (readings.size() == 1) {
            if (readings.get(0).condition() instanceof Filter filter) {
                plan.filters.add(filter);
            } else {
                plan.related.add(readings.get(0).condition());
            }
            return to;
        }
        if (plan.ask != null) {
            return refuse(
                    "two relationship phrases can each be read more than one way; ask about one at a time", from, to);
        }
        Condition placeholder = readings.get(0).condition();
        plan.related.add(placeholder);
        plan.ask = new Ask(what + " can be read more than one way: which do you mean?", placeholder, readings);
        return to;
    }

    /** The label's conditions, one list per reading: "MARY SMITH" is a first and a last name. */
    private static List<List<Condition>> byLabel(EntityInfo parent, ColumnView label, Name name) {
        Optional<ColumnView> last = column(parent, "lastname");
        if (!key(label).equals("firstname") || last.isEmpty()) {
            return List.of(List.of(Filter.eq(label.name(), name.text())));
        }
        String[] words = name.text().strip().split("\\s+");
        String first = label.name();
        String lastName = last.get().name();
        if (words.length == 1) {
            // "payments of customer SMITH": a first name or a last name, not guessed
            return List.of(List.of(Filter.eq(first, words[0])), List.of(Filter.eq(lastName, words[0])));
        }
        List<List<Condition>> readings = new ArrayList<>();
        for (int split = 1; split < words.length && split <= 2; split++) {
            readings.add(List.of(
                    Filter.eq(first, String.join(" ", List.of(words).subList(0, split))),
                    Filter.eq(lastName, String.join(" ", List.of(words).subList(split, words.length)))));
        }
        return readings;
    }

    /**
     * The column a related row is found by: its name or title, a company name, a column named after the entity
     * ("category_name", "city"), or a first name (with the last name beside it). Any other text column (a ship
     * name, a description) is no label: nothing is guessed.
     */
    static Optional<ColumnView> labelColumn(EntityInfo entity) {
        String entityKey = Words.key(entity.nameWords());
        String singular = Words.singular(entityKey);
        Set<String> labels = new HashSet<>(List.of(
                "name", "title", "fullname", "firstname", "companyname", entityKey, singular, singular + "name"));
        return SchemaIndex.nameColumn(entity, false).filter(c -> labels.contains(key(c)));
    }

    /**
     * The shortest ways from {@code from} to {@code to} along foreign keys, child to parent, of at most
     * {@link #MAX_HOPS} keys ("customers in the country Canada": address, city, country); none if they are
     * further apart or linked only the other way (a film's categories, through film_category).
     */
    private List<List<Hop>> paths(EntityInfo from, EntityInfo to) {
        List<List<Hop>> found = reachable(from, MAX_HOPS).stream()
                .filter(path -> path.get(path.size() - 1).to() == to)
                .toList();
        int shortest = found.stream().mapToInt(List::size).min().orElse(0);
        return found.stream().filter(path -> path.size() == shortest).toList();
    }

    /**
     * Every way along foreign keys from {@code from} of at most {@code hops} keys, never back to an entity passed;
     * a key of {@code from} to itself (an employee's manager) is a way of one key.
     */
    private List<List<Hop>> reachable(EntityInfo from, int hops) {
        List<List<Hop>> all = new ArrayList<>();
        List<List<Hop>> level = List.of(List.of());
        for (int h = 1; h <= hops; h++) {
            List<List<Hop>> next = new ArrayList<>();
            for (List<Hop> path : level) {
                EntityInfo at =
                        path.isEmpty() ? from : path.get(path.size() - 1).to();
                for (ColumnView c : at.columns()) {
                    Optional<EntityInfo> step = c.references().flatMap(index::entity);
                    if (step.isEmpty() || path.stream().anyMatch(x -> x.to() == step.get())) {
                        continue;
                    }
                    if (step.get() == from) {
                        if (path.isEmpty()) {
                            all.add(List.of(new Hop(c, from)));
                        }
                        continue;
                    }
                    List<Hop> longer = new ArrayList<>(path);
                    longer.add(new Hop(c, step.get()));
                    next.add(List.copyOf(longer));
                }
            }
            all.addAll(next);
            level = next;
        }
        return all;
    }

    /** The conditions on the last entity of {@code path}, wrapped in one relationship per key followed. */
    private static Condition wrap(List<Hop> path, List<Condition> innermost) {
        List<Condition> inner = innermost;
        for (int h = path.size() - 1; h >= 0; h--) {
            inner = List.of(
                    new Related(path.get(h).key().name(), path.get(h).to().name(), inner));
        }
        return inner.get(0);
    }

    private static String label(List<Hop> path) {
        List<String> steps = new ArrayList<>();
        for (Hop hop : path) {
            steps.add(hop.key().name() + " (" + hop.to().name() + ")");
        }
        return String.join(" > ", steps);
    }

    /** A key of {@code parent} at {@code k}: a whole number for a numeric key, a code such as ALFKI for a text key. */
    private Optional<Token> key(int k, EntityInfo parent) {
        Optional<Token> t = tokens.peek(k).filter(x -> !tokens.used(k));
        List<ColumnView> keys = parent.columns().stream()
                .filter(c -> c.has(FieldRole.PRIMARY_KEY))
                .toList();
        if (t.isEmpty() || keys.size() != 1) {
            return Optional.empty();
        }
        Token token = t.get();
        ValueType type = keys.get(0).type();
        boolean numeric = token.isInteger() && type.isNumeric();
        boolean code = type == ValueType.TEXT
                && (token.isWord() || token.kind() == Token.Kind.QUOTED)
                && token.text().length() >= 2
                && token.text().length() <= 12
                && token.text().equals(token.text().toUpperCase(Locale.ROOT))
                && token.text().chars().allMatch(Character::isLetterOrDigit)
                && !glued(k + 1);
        return numeric || code ? t : Optional.empty();
    }

    /**
     * A name at {@code k}: a quoted text, or capitalised words as typed ("Let There Be Rock", "MARY SMITH",
     * "AC/DC", "Leonie Köhler"). A lower-case word is no name here, so "films by rating" is left to the readers
     * of fields and sorting.
     */
    private Optional<Name> name(int k) {
        Optional<Token> t = tokens.peek(k).filter(x -> !tokens.used(k));
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.get().kind() == Token.Kind.QUOTED) {
            return Optional.of(new Name(t.get().text(), k, k + 1, true));
        }
        if (!t.get().isWord() || !Character.isUpperCase(t.get().text().codePointAt(0))) {
            return Optional.empty();
        }
        int j = k + 1;
        while (j < tokens.size() && !tokens.used(j) && j - k < MAX_NAME_WORDS) {
            Token n = tokens.get(j);
            boolean separator = n.kind() == Token.Kind.SYMBOL && (n.is(",") || n.is(";"));
            if (glued(j) && n.kind() != Token.Kind.QUOTED && !separator
                    || n.isWord() && Character.isUpperCase(n.text().codePointAt(0))) {
                j++;
                continue;
            }
            break;
        }
        while (j > k + 1 && tokens.get(j - 1).kind() == Token.Kind.SYMBOL) {
            // "... AC/DC." : a full stop ends the sentence, not the name
            j--;
        }
        return Optional.of(new Name(tokens.text(k, j), k, j, false));
    }

    /** Whether token {@code j} follows the one before it with no space ("AC" "/" "DC"). */
    private boolean glued(int j) {
        return j > 0
                && j < tokens.size()
                && tokens.get(j - 1).end() == tokens.get(j).start();
    }

    private int refuseUnlinked(EntityInfo parent, int from, int to) {
        return refuse(
                plan.target.name() + " has no foreign key to " + parent.name()
                        + " (they may be linked through another table, which I cannot follow yet)",
                from,
                to);
    }

    private int refuse(String why, int from, int to) {
        tokens.place(from, to);
        if (plan.leftOut == null) {
            plan.leftOut = new LeftOut(Refusal.of(
                    RefusalCode.NOT_UNDERSTOOD,
                    "I cannot use \"" + tokens.text(from, to) + "\": " + why
                            + ", and I never leave part of a request out: nothing was read."));
        }
        return to;
    }

    private static boolean sharesStem(String verb, Hop hop) {
        String stem = verb.length() > 5 ? verb.substring(0, 5) : verb;
        return verb.length() >= 5
                && (Words.key(Words.split(hop.key().name())).startsWith(stem)
                        || Words.key(hop.to().nameWords()).startsWith(stem));
    }

    private static Optional<ColumnView> column(EntityInfo entity, String key) {
        return entity.columns().stream().filter(c -> key(c).equals(key)).findFirst();
    }

    private static String key(ColumnView column) {
        return Words.key(Words.split(column.name()));
    }
}
