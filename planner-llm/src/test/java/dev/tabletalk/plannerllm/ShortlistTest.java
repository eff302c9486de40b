package dev.tabletalk.plannerllm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShortlistTest {

    private final Shortlist shortlist = new Shortlist();

    @Test
    void namesAndMessagesGiveSingularContentWords() {
        // splitting and singulars are core.text's (IdentifiersTest, PluralsTest); here: both together, stop words out
        assertThat(Words.of("film_categories")).containsExactly("film", "category");
        assertThat(Words.of("show me all the Addresses of customers")).containsExactly("address", "customer");
        assertThat(Words.of("add a purchase to purchases")).containsExactly("purchase");
    }

    @Test
    void aSmallSchemaIsListedWhole() {
        SchemaView shop = SchemaView.of(Catalogs.shop());

        assertThat(shortlist.select(shop, "anything at all", Optional.empty(), 2_000, 30))
                .isEqualTo(shop.entities());
    }

    @Test
    void aLargeSchemaIsCutToTheBestMatchesWithinTheBudget() {
        SchemaView large = SchemaView.of(TestSchemas.large(600));

        List<EntityView> picked = shortlist.select(large, "open support tickets", Optional.empty(), 1_000, 30);

        assertThat(picked).isNotEmpty().hasSizeLessThanOrEqualTo(30);
        assertThat(picked.get(0).name()).isEqualTo("support_ticket");
        int tokens = picked.stream()
                .mapToInt(e -> Tokens.count(Prompts.entityLine(e)))
                .sum();
        assertThat(tokens).isLessThanOrEqualTo(1_000);
    }

    @Test
    void theDraftsEntityIsAlwaysListedFirst() {
        SchemaView large = SchemaView.of(TestSchemas.large(600));

        List<EntityView> picked = shortlist.select(large, "open support tickets", Optional.of("crm_lead"), 1_000, 30);

        assertThat(picked.get(0).name()).isEqualTo("crm_lead");
    }

    @Test
    void aPurchaseBringsThePurchasesTableIntoTheShortlistOfALargeSchema() {
        List<Entity> entities = new ArrayList<>(TestSchemas.large(600).entities().stream()
                .filter(e -> !e.name().contains("purchase"))
                .toList());
        entities.add(TestSchemas.table("purchases", "item", null, false));
        SchemaView large = SchemaView.of(EntityCatalog.of(entities));

        List<EntityView> picked = shortlist.select(large, "add a purchase", Optional.empty(), 1_000, 30);

        assertThat(entities).hasSizeGreaterThan(500);
        assertThat(picked).extracting(EntityView::name).startsWith("purchases");
    }

    @Test
    void aMessageWithNothingInCommonListsNothingFromALargeSchema() {
        SchemaView large = SchemaView.of(TestSchemas.large(600));

        assertThat(shortlist.select(large, "hello there", Optional.empty(), 1_000, 30))
                .isEmpty();
    }

    @Test
    void commentsActAsSynonyms() {
        SchemaView sakila = SampleSchemas.sakila();

        List<Shortlist.Scored> ranked = shortlist.rank(sakila.entities(), "which movies are rated PG?");

        assertThat(ranked.get(0).score()).isPositive();
        assertThat(ranked.get(0).entity().comment().orElse("")).containsIgnoringCase("movie");
    }

    @Test
    void theNeighboursAreTheForeignKeyNeighboursOfTheCatalog() {
        EntityCatalog catalog = SampleSchemas.sakilaCatalog();
        SchemaView sakila = SchemaView.of(catalog);
        EntityView rental = sakila.entity("rental").orElseThrow();
        Entity rentalTable = catalog.exposedEntities().stream()
                .filter(e -> e.name().equals("rental"))
                .findFirst()
                .orElseThrow();
        List<String> parents = rentalTable.foreignKeys().stream()
                .map(key -> catalog.target(rentalTable, key).orElseThrow().name())
                .distinct()
                .toList();
        List<String> children = catalog.exposedEntities().stream()
                .filter(e -> e.foreignKeys().stream()
                        .anyMatch(key -> catalog.target(e, key)
                                .map(Entity::name)
                                .filter("rental"::equals)
                                .isPresent()))
                .map(Entity::name)
                .toList();

        List<String> neighbours = shortlist.neighbours(sakila.entities(), rental).stream()
                .map(EntityView::name)
                .toList();

        assertThat(parents).containsExactlyInAnyOrder("inventory", "customer", "staff");
        assertThat(children).containsExactly("payment");
        assertThat(neighbours.subList(0, 3)).containsExactlyInAnyOrderElementsOf(parents);
        assertThat(neighbours).containsExactlyInAnyOrderElementsOf(concat(parents, children));
    }

    @Test
    void theChosenEntitysForeignKeyNeighboursAreListedRightAfterItWithinTheBudget() {
        SchemaView sakila = SampleSchemas.sakila();
        List<String> wanted = List.of("rental", "inventory", "customer", "staff", "payment");
        int budget = sakila.entities().stream()
                        .filter(e -> wanted.contains(e.name()))
                        .mapToInt(e -> Tokens.count(Prompts.entityLine(e)))
                        .sum()
                + 5;

        List<EntityView> picked = shortlist.select(sakila, "show the rentals", Optional.empty(), budget, 30);

        assertThat(picked).hasSizeLessThan(sakila.entities().size());
        assertThat(picked.get(0).name()).isEqualTo("rental");
        assertThat(picked.subList(0, 5)).extracting(EntityView::name).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(picked.stream()
                        .mapToInt(e -> Tokens.count(Prompts.entityLine(e)))
                        .sum())
                .isLessThanOrEqualTo(budget);
    }

    @Test
    void neighboursNeverBreakTheBudgetOrTheCandidateCount() {
        SchemaView sakila = SampleSchemas.sakila();
        EntityView rental = sakila.entity("rental").orElseThrow();
        int budget = Tokens.count(Prompts.entityLine(rental)) + 1;

        assertThat(shortlist.select(sakila, "show the rentals", Optional.empty(), budget, 30))
                .containsExactly(rental);
        assertThat(shortlist.select(sakila, "show the rentals", Optional.empty(), budget + 10, 1))
                .containsExactly(rental);
    }

    @Test
    void declaredForeignKeysAreTheNeighboursWhateverTheColumnsAreCalled() {
        SchemaView northwind = SampleSchemas.northwind();
        EntityView orders = northwind.entity("orders").orElseThrow();

        List<String> neighbours = shortlist.neighbours(northwind.entities(), orders).stream()
                .map(EntityView::name)
                .toList();

        // ship_via names no entity, yet its foreign key points at shippers
        assertThat(neighbours.subList(0, 3)).containsExactlyInAnyOrder("customers", "employees", "shippers");
        assertThat(neighbours).containsExactlyInAnyOrder("customers", "employees", "shippers", "order_details");
    }

    @Test
    void columnNamesCountOnlyWhereTheSchemaDeclaresNoForeignKeys() {
        EntityView customer = entity("customer", column("id", Optional.empty()));
        EntityView shipper = entity("shipper", column("id", Optional.empty()));
        EntityView undeclared =
                entity("orders", column("id", Optional.empty()), column("customer_id", Optional.empty()));
        EntityView declared = entity(
                "orders",
                column("id", Optional.empty()),
                column("customer_id", Optional.empty()),
                column("carrier", Optional.of("shipper")));

        assertThat(shortlist.neighbours(List.of(customer, shipper, undeclared), undeclared))
                .containsExactly(customer);
        assertThat(shortlist.neighbours(List.of(customer, shipper, declared), declared))
                .containsExactly(shipper);
    }

    private static ColumnView column(String name, Optional<String> references) {
        return new ColumnView(
                name, ValueType.INTEGER, List.of(), Optional.empty(), false, Set.of(FieldRole.FILTER), references);
    }

    private static EntityView entity(String name, ColumnView... columns) {
        return new EntityView(name, Optional.empty(), true, List.of("id"), List.of(columns));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
