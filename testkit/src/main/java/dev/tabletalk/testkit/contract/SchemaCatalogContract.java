package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.SchemaCatalog;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SchemaCatalog} must do. Extend it over a fixture database that has an
 * exposed table ({@link #exposedEntity()}) with a hidden column ({@link #hiddenColumn()}) and a
 * table the catalog must hide ({@link #hiddenEntity()}), and that can grow a new table on demand.
 */
public abstract class SchemaCatalogContract {

    private static final AtomicInteger TABLES = new AtomicInteger();

    /** The catalog under test; the same instance on every call within one test. */
    protected abstract SchemaCatalog catalog();

    /** The plain name of a table the catalog exposes. */
    protected abstract String exposedEntity();

    /** The name of a column of {@link #exposedEntity()} that must be hidden (e.g. password_hash). */
    protected abstract String hiddenColumn();

    /** The plain name of a table the catalog must hide (e.g. a migration or sessions table). */
    protected abstract String hiddenEntity();

    /** Creates a new table with this lower-case name and an integer primary key {@code id}. */
    protected abstract void createTable(String name);

    @Test
    void currentIsLoadedOnceAndCached() {
        EntityCatalog first = catalog().current();
        assertThat(catalog().current()).isSameAs(first);
        assertThat(first.fingerprint()).isNotBlank();
        assertThat(first.find(exposedEntity())).isPresent();
    }

    @Test
    void refreshReloadsAndTheFingerprintFollowsTheSchema() {
        EntityCatalog before = catalog().current();
        String added = "contract_added_" + TABLES.incrementAndGet() + "_" + System.nanoTime() % 100_000;
        createTable(added);

        assertThat(catalog().current()).as("cached until refreshed").isSameAs(before);
        assertThat(before.find(added)).isEmpty();

        EntityCatalog after = catalog().refresh();
        assertThat(after.find(added)).isPresent();
        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
        assertThat(catalog().current()).isSameAs(after);
    }

    @Test
    void fingerprintIsStableWhileTheSchemaIsUnchanged() {
        String first = catalog().refresh().fingerprint();
        assertThat(catalog().refresh().fingerprint()).isEqualTo(first);
    }

    @Test
    @Tag("invariant-6")
    void hiddenEntityCannotBeResolvedByAnySpelling() {
        EntityCatalog catalog = catalog().current();
        Entity hidden = catalog.entities().stream()
                .filter(e -> e.name().equalsIgnoreCase(hiddenEntity()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the operator view lists " + hiddenEntity()));
        assertThat(hidden.exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(hidden.reason()).isNotBlank();
        assertThat(hidden.form()).isEqualTo(Form.empty());
        for (String spelling : List.of(
                hidden.name(),
                hidden.qualifiedName(),
                hidden.name().toUpperCase(Locale.ROOT),
                hidden.name().toLowerCase(Locale.ROOT),
                hidden.qualifiedName().toUpperCase(Locale.ROOT))) {
            assertThat(catalog.find(spelling)).as(spelling).isEmpty();
        }
        assertThat(catalog.exposedEntities()).doesNotContain(hidden);
        SchemaView view = SchemaView.of(catalog);
        assertThat(view.entities())
                .noneMatch(e ->
                        e.name().equalsIgnoreCase(hidden.name()) || e.name().equalsIgnoreCase(hidden.qualifiedName()));
    }

    @Test
    @Tag("invariant-6")
    void hiddenColumnIsInNoFormAndNoViewWhileItsTableStaysUsable() {
        EntityCatalog catalog = catalog().current();
        Entity entity = catalog.find(exposedEntity()).orElseThrow();
        Column column = entity.column(hiddenColumn())
                .orElseThrow(() -> new AssertionError("the operator view lists " + hiddenColumn()));
        assertThat(column.isHidden()).isTrue();
        assertThat(column.reason()).isNotBlank();
        assertThat(entity.visibleColumn(hiddenColumn())).isEmpty();
        assertThat(entity.visibleColumn(hiddenColumn().toUpperCase(Locale.ROOT)))
                .isEmpty();
        assertThat(formNames(entity.form())).doesNotContain(column.name());
        assertThat(entity.visibleColumns()).isNotEmpty();
        SchemaView.EntityView view =
                SchemaView.of(catalog).entity(catalog.referenceOf(entity)).orElseThrow();
        assertThat(view.column(column.name())).isEmpty();
    }

    @Test
    void everyDecisionCarriesAReason() {
        for (Entity entity : catalog().current().entities()) {
            assertThat(entity.reason()).as(entity.qualifiedName()).isNotBlank();
            for (Column column : entity.columns()) {
                assertThat(column.reason())
                        .as(entity.qualifiedName() + "." + column.name())
                        .isNotBlank();
            }
            Form form = entity.form();
            for (List<FormField> fields :
                    List.of(form.createRequired(), form.createOptional(), form.read(), form.filter(), form.update())) {
                assertThat(fields)
                        .allSatisfy(field -> assertThat(field.reason()).isNotBlank());
            }
        }
    }

    @Test
    @Tag("invariant-6")
    void formsNameOnlyVisibleColumnsAndNeverFilterByMaskedOnes() {
        for (Entity entity : catalog().current().entities()) {
            Form form = entity.form();
            for (String name : formNames(form)) {
                Column column = entity.column(name)
                        .orElseThrow(() -> new AssertionError(entity.qualifiedName() + " has no column " + name));
                assertThat(column.isHidden())
                        .as(entity.qualifiedName() + "." + name)
                        .isFalse();
            }
            for (String name : form.filterNames()) {
                assertThat(entity.column(name).orElseThrow().isMasked())
                        .as(name)
                        .isFalse();
            }
            if (!entity.isWritable()) {
                assertThat(form.createRequired()).isEmpty();
                assertThat(form.createOptional()).isEmpty();
                assertThat(form.update()).isEmpty();
            }
        }
    }

    @Test
    void writableEntitiesHaveAPrimaryKeyThatIsNeverUpdated() {
        for (Entity entity : catalog().current().exposedEntities()) {
            if (entity.isWritable()) {
                assertThat(entity.hasPrimaryKey()).as(entity.qualifiedName()).isTrue();
                assertThat(entity.form().updateNames()).doesNotContainAnyElementsOf(entity.primaryKey());
            }
        }
    }

    private static List<String> formNames(Form form) {
        return Stream.of(form.createRequired(), form.createOptional(), form.read(), form.filter(), form.update())
                .flatMap(List::stream)
                .map(FormField::column)
                .toList();
    }
}
