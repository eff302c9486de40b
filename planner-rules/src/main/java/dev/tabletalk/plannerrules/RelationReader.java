package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.EntityReader.Mention;
import dev.tabletalk.plannerrules.KeyPaths.Hop;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
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
    private static final int BY_HOPS = 2;
    private static final Set<String> NAME_LEADS = Set.of("named", "called", "titled", "entitled", "is", "the");

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final PlanParts plan;
    private final ColumnMatcher columns;
    private final EntityReader entities;
    private final KeyPaths keyPaths;

    RelationReader(
            TokenCursor tokens, SchemaIndex index, PlanParts plan, ColumnMatcher columns, EntityReader entities) {
        this.tokens = tokens;
        this.index = index;
        this.plan = plan;
        this.columns = columns;
        this.entities = entities;
        this.keyPaths = new KeyPaths(index);
    }

    /** A name as typed, tokens {@code start} to {@code end} (exclusive). */
    private record Name(String text, int start, int end, boolean quoted) {}

    /** One reading of a relationship phrase: what the person is shown, and the condition it stands for. */
    record Reading(String label, Condition condition) {}

    /**
     * A relationship phrase read: what it names (for a question), its readings (conditions on the entity it was
     * read from; none when it was refused), and where its name or key starts and the phrase ends.
     */
    private record Phrase(String what, List<Reading> readings, int valueFrom, int end) {}

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
        return phrase(plan.target, i, true).map(this::commit).orElse(i);
    }

    /**
     * The phrase at {@code i} read from {@code from}'s side: its readings are conditions on {@code from}. At the top
     * a key on a named foreign key is left to the readers of fields ("orders of customer ALFKI"); inside a chain
     * ("order details of orders of customer ALFKI") it is the condition itself.
     */
    private Optional<Phrase> phrase(EntityInfo from, int i, boolean top) {
        Optional<ColumnMatch> column = columns.columnAt(from, i, Use.FILTER);
        List<List<Hop>> paths;
        EntityInfo parent;
        int after;
        if (column.isPresent()) {
            Optional<EntityInfo> to = column.get().column().references().flatMap(index::entity);
            if (to.isEmpty()) {
                return Optional.empty();
            }
            parent = to.get();
            paths = List.of(List.of(new Hop(column.get().column(), parent)));
            after = column.get().end();
        } else {
            Optional<Mention> mention = mentionAt(i);
            if (mention.isEmpty() || mention.get().typo() || mention.get().entity() == from) {
                return Optional.empty();
            }
            parent = mention.get().entity();
            paths = keyPaths.shortest(from, parent);
            after = mention.get().end();
        }
        int k = after;
        while (k < tokens.size() && NAME_LEADS.contains(tokens.get(k).word()) && !tokens.used(k)) {
            k++;
        }
        Optional<Token> key = key(k, parent);
        if (key.isPresent()) {
            String what = "\"" + key.get().text() + "\"";
            if (column.isPresent()) {
                ColumnView fk = column.get().column();
                return top
                        ? Optional.empty()
                        : Optional.of(new Phrase(
                                what,
                                List.of(new Reading(
                                        fk.name(), Filter.eq(fk.name(), ValueReader.typed(List.of(key.get()), fk)))),
                                k,
                                k + 1));
            }
            if (paths.isEmpty()) {
                return Optional.of(refuseUnlinked(from, parent, i, k + 1));
            }
            List<Reading> readings = new ArrayList<>();
            for (List<Hop> path : paths) {
                ColumnView last = path.get(path.size() - 1).key();
                Filter byKey = Filter.eq(last.name(), ValueReader.typed(List.of(key.get()), last));
                readings.add(new Reading(
                        KeyPaths.label(path), KeyPaths.wrap(path.subList(0, path.size() - 1), List.of(byKey))));
            }
            return Optional.of(new Phrase(what, readings, k, k + 1));
        }
        Optional<Name> name = name(k);
        if (name.isPresent()) {
            return Optional.of(
                    paths.isEmpty() ? refuseUnlinked(from, parent, i, name.get().end()) : byName(paths, name.get()));
        }
        return chained(from, paths, parent, i, k);
    }

    /** "order details of orders of customer ALFKI": a phrase about {@code parent} right after "of" or "for". */
    private Optional<Phrase> chained(EntityInfo from, List<List<Hop>> paths, EntityInfo parent, int i, int k) {
        if (!tokens.peekIs(k, "of") && !tokens.peekIs(k, "for")) {
            return Optional.empty();
        }
        int j = k + 1;
        while (tokens.peekIs(j, "the") || tokens.peekIs(j, "a") || tokens.peekIs(j, "an")) {
            j++;
        }
        Optional<Phrase> inner = j < tokens.size() ? phrase(parent, j, false) : Optional.empty();
        if (inner.isEmpty() || inner.get().readings().isEmpty()) {
            return inner;
        }
        if (paths.isEmpty()) {
            return Optional.of(refuseUnlinked(from, parent, i, inner.get().end()));
        }
        List<Reading> readings = new ArrayList<>();
        for (List<Hop> path : paths) {
            for (Reading reading : inner.get().readings()) {
                String which = paths.size() == 1 ? reading.label() : KeyPaths.label(path) + " / " + reading.label();
                readings.add(new Reading(which, KeyPaths.wrap(path, List.of(reading.condition()))));
            }
        }
        return Optional.of(new Phrase(
                inner.get().what(),
                readings,
                inner.get().valueFrom(),
                inner.get().end()));
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
                || mentionAt(k).isPresent()) {
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
        for (List<Hop> path : keyPaths.reachable(plan.target, BY_HOPS)) {
            if (RelatedLabels.labelColumn(path.get(path.size() - 1).to()).isPresent()) {
                paths.add(path);
            }
        }
        if (paths.isEmpty()) {
            return i;
        }
        List<String> people = keyPaths.peopleThroughLinks(plan.target);
        if (!people.isEmpty()
                && name.get().text().contains(" ")
                && paths.stream()
                        .noneMatch(p -> RelatedLabels.column(p.get(p.size() - 1).to(), "lastname")
                                .isPresent())) {
            // "films by PENELOPE GUINESS": a person linked through a table of links is the likely reading, and none
            // of the readings through keys is a person: refused, never asked about readings that were not meant
            markVerb(i);
            return commit(refuse(
                    "\"" + name.get().text() + "\" looks like a person, and " + plan.target.name()
                            + " reach people only through another table (" + String.join(", ", people)
                            + "), which I cannot follow yet",
                    i,
                    name.get().end()));
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
        return commit(byName(paths, name.get()));
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
                    read.aggregate(),
                    read.deleted());
            choices.add(new Question.Choice(reading.label(), reading.condition().toString(), choice));
        }
        return PlannerOutput.asking(new Question(ask.text(), choices), read.trace());
    }

    private Phrase byName(List<List<Hop>> paths, Name name) {
        List<Reading> readings = new ArrayList<>();
        for (List<Hop> path : paths) {
            EntityInfo parent = path.get(path.size() - 1).to();
            Optional<ColumnView> label = RelatedLabels.labelColumn(parent);
            if (label.isEmpty()) {
                continue;
            }
            for (List<Condition> byLabel : RelatedLabels.byLabel(parent, label.get(), name.text())) {
                String which = byLabel.size() == 1 && paths.size() == 1
                        ? ((Filter) byLabel.get(0)).field()
                        : KeyPaths.label(path);
                readings.add(new Reading(which, KeyPaths.wrap(path, byLabel)));
            }
        }
        if (readings.isEmpty()) {
            EntityInfo parent = paths.get(0).get(paths.get(0).size() - 1).to();
            return refuse(
                    parent.name() + " has no name or title to find \"" + name.text() + "\" by; name it by its number "
                            + "instead",
                    name.start(),
                    name.end());
        }
        return new Phrase("\"" + name.text() + "\"", readings, name.start(), name.end());
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

    /** Adds the phrase's one reading, or asks which; its name or key is placed either way (a refusal adds none). */
    private int commit(Phrase phrase) {
        List<Reading> readings = phrase.readings();
        int from = phrase.valueFrom();
        int to = phrase.end();
        tokens.place(from, to);
        if (readings.isEmpty()) {
            return to;
        }
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
                            "two relationship phrases can each be read more than one way; ask about one at a time",
                            from,
                            to)
                    .end();
        }
        Condition placeholder = readings.get(0).condition();
        plan.related.add(placeholder);
        plan.ask = new Ask(phrase.what() + " can be read more than one way: which do you mean?", placeholder, readings);
        return to;
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

    /** The entity named at {@code i} (found once for the message, not again per word), if its words are free. */
    private Optional<Mention> mentionAt(int i) {
        return plan.mentions.stream()
                .filter(m -> m.start() == i && !tokens.used(i))
                .findFirst();
    }

    /** Whether token {@code j} follows the one before it with no space ("AC" "/" "DC"). */
    private boolean glued(int j) {
        return j > 0
                && j < tokens.size()
                && tokens.get(j - 1).end() == tokens.get(j).start();
    }

    private Phrase refuseUnlinked(EntityInfo child, EntityInfo parent, int from, int to) {
        return refuse(
                child.name() + " has no foreign key to " + parent.name()
                        + " (they may be linked through another table, which I cannot follow yet)",
                from,
                to);
    }

    /** A phrase that cannot be placed: the request is refused naming it (the first such refusal is kept). */
    private Phrase refuse(String why, int from, int to) {
        tokens.place(from, to);
        if (plan.leftOut == null) {
            plan.leftOut = new LeftOut(Refusal.of(
                    RefusalCode.NOT_UNDERSTOOD,
                    "I cannot use \"" + tokens.text(from, to) + "\": " + why
                            + ", and I never leave part of a request out: nothing was read."));
        }
        return new Phrase(tokens.text(from, to), List.of(), from, to);
    }

    private static boolean sharesStem(String verb, Hop hop) {
        String stem = verb.length() > 5 ? verb.substring(0, 5) : verb;
        return verb.length() >= 5
                && (Words.key(Words.split(hop.key().name())).startsWith(stem)
                        || Words.key(hop.to().nameWords()).startsWith(stem));
    }
}
