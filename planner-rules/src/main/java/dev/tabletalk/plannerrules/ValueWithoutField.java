package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A value said without its field (#13): "customers from Germany", "employees in London", "suppliers based in
 * Japan", "orders shipped to France", "customers in Germany or France" ({@code in}), "customers not in Germany"
 * ({@code !=}). Read last, on words no other reader placed. The columns that could hold the value are the entity's
 * own text columns that can be searched: an enum column whose allowed values contain it wins outright; otherwise,
 * after "from", "in", "at" or "shipped to", the place-like columns (country, city, region, state, ...), country first. One
 * candidate is used (the reply's interpretation then says which field it went to); several become a question
 * ({@link Ambiguity}); none leaves the words unplaced, and the request is refused as before.
 *
 * <p>A street address or postal code is no candidate (a place name never equals one), nor is the column that
 * names the entity itself ({@code city} of cities). An entity that reaches a place through a foreign key
 * ({@code address_id}, {@code country_id}) is left alone: "customers in Paris" there is a relationship, for the
 * relationship reader or a refusal, never a guess at one of its own columns.
 */
final class ValueWithoutField {

    private static final Set<String> PREPOSITIONS = Set.of("from", "in", "at", "to");
    private static final Set<String> SHIPPED = Set.of("shipped", "sent", "delivered", "shipping", "going");
    private static final Set<String> LEADS = Set.of(
            "based",
            "located",
            "living",
            "situated",
            "who",
            "live",
            "lives",
            "shipped",
            "sent",
            "delivered",
            "shipping",
            "going");
    private static final Set<String> ENDS = Set.of(
            "and", "or", "but", "with", "without", "who", "whose", "which", "that", "where", "sorted", "ordered", "by",
            "order", "since", "before", "after", "between", "from", "in", "at", "of", "to", "for", "on");
    /** Place words in the order the candidates are offered in: country, city, region, ... */
    private static final List<String> PLACES = List.of(
            "country",
            "city",
            "region",
            "state",
            "province",
            "territory",
            "county",
            "continent",
            "town",
            "district",
            "suburb",
            "location");

    private final TokenCursor tokens;
    private final PlanParts plan;

    ValueWithoutField(TokenCursor tokens, PlanParts plan) {
        this.tokens = tokens;
        this.plan = plan;
    }

    /** Places the first value without a field in the one column that fits, or asks about the ones that do. */
    void place() {
        if (plan.intent != Intent.READ && plan.intent != Intent.UPDATE || plan.target == null) {
            return;
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.accounted(i)
                    && tokens.get(i).isWord()
                    && PREPOSITIONS.contains(tokens.get(i).word())) {
                if (placeAfter(i)) {
                    return;
                }
            }
        }
    }

    /** Whether the value at {@code i} follows "from", "in" or "at": a place, not a name ("customers in 'Lyon'"). */
    static boolean placeAt(TokenCursor tokens, int i) {
        int k = tokens.peekIs(i - 1, "the") ? i - 2 : i - 1;
        return k >= 0 && tokens.get(k).isWord() && tokens.get(k).word().matches("from|in|at");
    }

    private boolean placeAfter(int at) {
        if (tokens.get(at).is("to") && !shippedBefore(at)) {
            return false;
        }
        List<String> values = new ArrayList<>();
        int to = valueAt(at + 1, values);
        // "customers in Germany or France": one field takes either value
        while (to > 0 && tokens.peekIs(to, "or") && !tokens.accounted(to)) {
            int next = valueAt(to + 1, values);
            if (next < 0) {
                break;
            }
            to = next;
        }
        if (values.isEmpty()) {
            return false;
        }
        List<ColumnView> candidates = candidates(plan.target, values);
        if (candidates.isEmpty() || candidates.size() > 1 && plan.ambiguity != null || !plan.orMarks.isEmpty()) {
            return false;
        }
        int lead = at;
        while (lead > 0
                && !tokens.accounted(lead - 1)
                && LEADS.contains(tokens.get(lead - 1).word())) {
            lead--;
        }
        // "customers not in Germany"
        boolean not =
                lead > 0 && !tokens.accounted(lead - 1) && tokens.get(lead - 1).is("not");
        lead -= not ? 1 : 0;
        Object value = values.size() == 1 ? values.get(0) : List.copyOf(values);
        Op op = values.size() == 1 ? (not ? Op.NE : Op.EQ) : (not ? Op.NOT_IN : Op.IN);
        if (candidates.size() == 1) {
            plan.filters.add(Filter.of(candidates.get(0).name(), op, value));
        } else {
            plan.ambiguity = Ambiguity.condition(String.join(" or ", values), candidates, op, value);
        }
        tokens.place(lead, to);
        return true;
    }

    /** "shipped to", "sent to", "delivered to": the only "to" that names a place. */
    private boolean shippedBefore(int at) {
        return at > 0
                && !tokens.accounted(at - 1)
                && SHIPPED.contains(tokens.get(at - 1).word());
    }

    /** Reads one value from {@code from} ("the" skipped) into {@code values}: where it ends, or -1 if none is there. */
    private int valueAt(int from, List<String> values) {
        int start = tokens.peekIs(from, "the") && !tokens.accounted(from) ? from + 1 : from;
        int end = start;
        while (end < tokens.size() && !tokens.accounted(end) && fitsValue(tokens.get(end))) {
            end++;
        }
        Optional<String> value = value(start, end);
        if (value.isEmpty()) {
            return -1;
        }
        values.add(value.get());
        return end;
    }

    private static boolean fitsValue(Token token) {
        return token.kind() == Token.Kind.QUOTED || token.isWord() && !ENDS.contains(token.word());
    }

    /** One quoted text, or words that start with a letter, as typed. */
    private Optional<String> value(int from, int to) {
        if (to == from + 1 && tokens.get(from).kind() == Token.Kind.QUOTED) {
            String quoted = tokens.get(from).text().strip();
            return quoted.isEmpty() ? Optional.empty() : Optional.of(quoted);
        }
        for (int k = from; k < to; k++) {
            if (!tokens.get(k).isWord()) {
                return Optional.empty();
            }
        }
        String text = tokens.text(from, to);
        return text.isEmpty() || !Character.isLetter(text.codePointAt(0)) ? Optional.empty() : Optional.of(text);
    }

    /** The columns of {@code entity} that could hold every one of {@code values}, best first. */
    static List<ColumnView> candidates(EntityInfo entity, List<String> values) {
        List<ColumnView> own = entity.columns().stream()
                .filter(SchemaIndex::filterable)
                .filter(c -> c.type() == ValueType.TEXT && !c.has(FieldRole.PRIMARY_KEY))
                .filter(c -> c.references().isEmpty())
                .toList();
        List<ColumnView> enums = own.stream()
                .filter(c -> values.stream()
                        .allMatch(value -> c.enumValues().stream().anyMatch(v -> v.equalsIgnoreCase(value))))
                .toList();
        if (!enums.isEmpty()) {
            return enums;
        }
        if (reachesPlace(entity)) {
            return List.of();
        }
        String entityKey = Words.key(entity.nameWords());
        return own.stream()
                .filter(c -> c.enumValues().isEmpty())
                .filter(c -> place(c) < PLACES.size())
                .filter(c -> !Words.key(Words.split(c.name())).equals(entityKey))
                .sorted(Comparator.comparingInt(ValueWithoutField::place))
                .toList();
    }

    /** Whether a foreign key of {@code entity} leads to a place ({@code address_id}, {@code country_id}). */
    private static boolean reachesPlace(EntityInfo entity) {
        return entity.columns().stream()
                .filter(c -> c.references().isPresent()
                        || c.name().toLowerCase(Locale.ROOT).endsWith("id"))
                .anyMatch(c -> {
                    List<String> words =
                            Words.split(c.name() + " " + c.references().orElse(""));
                    return words.stream()
                            .anyMatch(w ->
                                    PLACES.contains(Words.singular(w)) || w.equals("address") || w.equals("addresses"));
                });
    }

    /** The rank of the first place word of the column's name, or {@code PLACES.size()} if it has none. */
    private static int place(ColumnView column) {
        return Words.split(column.name()).stream()
                .mapToInt(w -> PLACES.indexOf(Words.singular(w)))
                .filter(n -> n >= 0)
                .min()
                .orElse(PLACES.size());
    }
}
