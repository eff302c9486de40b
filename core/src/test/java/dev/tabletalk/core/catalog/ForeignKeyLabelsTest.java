package dev.tabletalk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one rule that picks a row's label columns, and which shown foreign keys get a label. */
class ForeignKeyLabelsTest {

    private static Column text(String name) {
        return Column.builder(name, ValueType.TEXT).build();
    }

    private static Entity entity(String name, List<ForeignKey> keys, Column... columns) {
        List<Column> all = new ArrayList<>();
        all.add(Column.builder("id", ValueType.INTEGER).nullable(false).build());
        all.addAll(Arrays.asList(columns));
        return new Entity(
                "",
                name,
                EntityKind.TABLE,
                all,
                List.of("id"),
                List.of(),
                List.of(),
                keys,
                Optional.empty(),
                Exposure.READ_WRITE,
                "table",
                Form.empty());
    }

    private static Entity entity(String name, Column... columns) {
        return entity(name, List.of(), columns);
    }

    private static Optional<List<String>> labelOf(Entity entity) {
        return ForeignKeyLabels.labelColumns(entity);
    }

    @Test
    void theFirstRuleThatFindsAVisibleUnmaskedTextColumnWins() {
        assertThat(labelOf(entity("albums", text("code"), text("title")))).contains(List.of("title"));
        assertThat(labelOf(entity("artists", text("title"), text("Name")))).contains(List.of("Name"));
        assertThat(labelOf(entity("categories", text("description"), text("category_name"))))
                .contains(List.of("category_name"));
        assertThat(labelOf(entity("cities", text("city")))).contains(List.of("city"));
        assertThat(labelOf(entity("employees", text("last_name"), text("first_name"), text("company_name"))))
                .contains(List.of("first_name", "last_name"));
        assertThat(labelOf(entity("suppliers", text("contact_name"), text("company_name"))))
                .contains(List.of("company_name"));
        assertThat(labelOf(entity("staff", text("first_name"), text("username"))))
                .contains(List.of("username"));
        assertThat(labelOf(entity("invoices", text("billing_city")))).isEmpty();
    }

    @Test
    void maskedHiddenAndNonTextColumnsNeverLabel() {
        Column maskedName = Column.builder("name", ValueType.TEXT)
                .exposure(ColumnExposure.MASKED, "personal")
                .build();
        Column hiddenTitle = Column.builder("title", ValueType.TEXT)
                .exposure(ColumnExposure.HIDDEN, "secret")
                .build();
        Column numericLabel = Column.builder("label", ValueType.INTEGER).build();

        assertThat(labelOf(entity("people", maskedName, hiddenTitle, numericLabel)))
                .isEmpty();
        assertThat(labelOf(entity("people", maskedName, text("full_name")))).contains(List.of("full_name"));
    }

    @Test
    void onlyShownUnmaskedKeysToReadableExposedParentsGetALabel() {
        Entity artists = entity("artists", text("name"));
        Entity secrets = entity("secrets", text("name")).withExposure(Exposure.HIDDEN, "secret");
        Column maskedKey = Column.builder("secret_id", ValueType.INTEGER)
                .exposure(ColumnExposure.MASKED, "personal")
                .build();
        Entity albums = entity(
                "albums",
                List.of(
                        new ForeignKey("a", List.of("artist_id"), "", "artists", List.of("id")),
                        new ForeignKey("s", List.of("hidden_id"), "", "secrets", List.of("id")),
                        new ForeignKey("m", List.of("secret_id"), "", "artists", List.of("id"))),
                text("title"),
                Column.builder("artist_id", ValueType.INTEGER).build(),
                Column.builder("hidden_id", ValueType.INTEGER).build(),
                maskedKey);
        EntityCatalog catalog = EntityCatalog.of(List.of(artists, secrets, albums));
        List<String> shown = List.of("id", "title", "artist_id", "hidden_id", "secret_id");

        assertThat(ForeignKeyLabels.of(catalog, albums, shown, e -> true))
                .extracting(ForeignKeyLabels.Label::key)
                .containsExactly("artist_id__label");
        assertThat(ForeignKeyLabels.of(catalog, albums, List.of("id", "title"), e -> true))
                .isEmpty();
        assertThat(ForeignKeyLabels.of(catalog, albums, shown, e -> false))
                .as("a parent the caller may not read")
                .isEmpty();
        assertThat(ForeignKeyLabels.join(Arrays.asList("Jane", null, " Peacock ")))
                .contains("Jane Peacock");
        assertThat(ForeignKeyLabels.join(Arrays.asList(null, " "))).isEmpty();
    }
}
