package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a related row is found by its name (#13): which column is its label, and what a name typed for it means
 * ("MARY SMITH" is a first and a last name; "SMITH" either, so both readings are kept for a question). Nothing
 * else is guessed: an entity without such a column has no label.
 */
final class RelatedLabels {

    private RelatedLabels() {}

    /** The label's conditions, one list per reading: "MARY SMITH" is a first and a last name. */
    static List<List<Condition>> byLabel(EntityInfo parent, ColumnView label, String name) {
        Optional<ColumnView> last = column(parent, "lastname");
        if (!key(label).equals("firstname") || last.isEmpty()) {
            return List.of(List.of(Filter.eq(label.name(), name)));
        }
        String[] words = name.strip().split("\\s+");
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

    static Optional<ColumnView> column(EntityInfo entity, String key) {
        return entity.columns().stream().filter(c -> key(c).equals(key)).findFirst();
    }

    static String key(ColumnView column) {
        return Words.key(Words.split(column.name()));
    }
}
