package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ways between entities along declared foreign keys ({@link ColumnView#references()}), child to parent, for
 * relationship phrases (#13): never guessed from column names, and never naming a hidden entity (a key to one
 * references nothing in the view).
 */
final class KeyPaths {

    /** The most keys in a row a named entity is looked for through ("customers in the country Canada": 3). */
    static final int MAX_HOPS = 3;

    private final SchemaIndex index;

    KeyPaths(SchemaIndex index) {
        this.index = index;
    }

    /** One foreign key followed: {@code key} (a column of the entity before) points at {@code to}. */
    record Hop(ColumnView key, EntityInfo to) {}

    /**
     * The shortest ways from {@code from} to {@code to} along foreign keys, child to parent, of at most
     * {@link #MAX_HOPS} keys ("customers in the country Canada": address, city, country); none if they are
     * further apart or linked only the other way (a film's categories, through film_category).
     */
    List<List<Hop>> shortest(EntityInfo from, EntityInfo to) {
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
    List<List<Hop>> reachable(EntityInfo from, int hops) {
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

    /**
     * The entities named by a first and a last name that {@code from} is linked with through a table of links
     * ({@code film_actor} between films and actors: a table with a key to {@code from} and one to the person): "films
     * by PENELOPE GUINESS" most likely means such a person, whom relationship phrases cannot reach yet.
     *
     * @return each person entity with the link table's name, in schema order
     */
    List<String> peopleThroughLinks(EntityInfo from) {
        List<String> found = new ArrayList<>();
        for (EntityInfo link : index.entities()) {
            if (link == from || link.columns().stream().noneMatch(c -> points(c, from))) {
                continue;
            }
            for (ColumnView c : link.columns()) {
                Optional<EntityInfo> person = c.references().flatMap(index::entity);
                if (person.isPresent()
                        && person.get() != from
                        && person.get() != link
                        && RelatedLabels.column(person.get(), "firstname").isPresent()
                        && RelatedLabels.column(person.get(), "lastname").isPresent()) {
                    found.add(person.get().name() + " (through " + link.name() + ")");
                }
            }
        }
        return found;
    }

    private boolean points(ColumnView column, EntityInfo to) {
        return column.references().flatMap(index::entity).filter(e -> e == to).isPresent();
    }

    /** The conditions on the last entity of {@code path}, wrapped in one relationship per key followed. */
    static Condition wrap(List<Hop> path, List<Condition> innermost) {
        List<Condition> inner = innermost;
        for (int h = path.size() - 1; h >= 0; h--) {
            inner = List.of(
                    new Related(path.get(h).key().name(), path.get(h).to().name(), inner));
        }
        return inner.get(0);
    }

    /** "inventory_id (inventory) > film_id (film)": the keys followed, for a choice of a question. */
    static String label(List<Hop> path) {
        List<String> steps = new ArrayList<>();
        for (Hop hop : path) {
            steps.add(hop.key().name() + " (" + hop.to().name() + ")");
        }
        return String.join(" > ", steps);
    }
}
