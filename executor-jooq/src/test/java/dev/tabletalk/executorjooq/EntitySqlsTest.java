package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The parts kept per catalog generation ({@link EntitySqls}, {@link EntitySql}) are exactly what {@link Sql} builds
 * each time, are reused only for the very entity and column objects they were built from, never show a hidden column,
 * and are dropped with the catalog they belong to.
 */
class EntitySqlsTest {

    private static final List<SQLDialect> DIALECTS =
            List.of(SQLDialect.POSTGRES, SQLDialect.MARIADB, SQLDialect.SQLITE, SQLDialect.H2);

    private final EntityCatalog catalog = ShopFixture.catalog("shop", FixtureDatabase.POSTGRES);

    @Test
    void everyPartRendersAsTheOneBuiltEachTimeOnEveryDialect() {
        EntitySqls sqls = EntitySqls.forCatalog(null, catalog);
        for (SQLDialect dialect : DIALECTS) {
            DSLContext db = DSL.using(dialect, new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS));
            for (Entity entity : catalog.entities()) {
                EntitySql sql = sqls.of(entity);
                assertThat(db.render(sql.table())).isEqualTo(db.render(Sql.table(entity)));
                assertThat(sql.name()).isEqualTo(Sql.qualified(entity));
                for (Column column : entity.columns()) {
                    assertThat(db.render(sql.field(column)))
                            .as(entity.name() + "." + column.name())
                            .isEqualTo(db.render(Sql.field(column)));
                    assertThat(sql.field(column).getDataType()).isEqualTo(Sql.dataType(column));
                }
                List<Column> shown = sql.shown(List.of());
                assertThat(db.render(DSL.select(sql.fields(shown)).from(sql.table())))
                        .isEqualTo(db.render(DSL.select(Sql.fields(shown)).from(Sql.table(entity))));
            }
        }
    }

    @Test
    void aReadWithoutFieldsShowsTheFormsReadFieldsOrEveryVisibleColumnButNeverAHiddenOne() {
        EntitySqls sqls = EntitySqls.forCatalog(null, catalog);
        for (Entity entity : catalog.entities()) {
            List<Column> shown = sqls.of(entity).shown(List.of());
            List<String> expected = new ArrayList<>();
            List<String> source = entity.form().readNames().isEmpty()
                    ? Sql.names(entity.visibleColumns())
                    : entity.form().readNames();
            for (String name : source) {
                if (entity.column(name).filter(c -> !c.isHidden()).isPresent() && !expected.contains(name)) {
                    expected.add(name);
                }
            }
            assertThat(Sql.names(shown)).as(entity.name()).isEqualTo(expected);
            assertThat(shown).noneMatch(Column::isHidden);
        }
        Entity customers = catalog.find("customers").orElseThrow();
        Column hidden = customers.columns().stream()
                .filter(Column::isHidden)
                .findFirst()
                .orElseThrow();
        assertThat(Sql.names(sqls.of(customers).shown(List.of("name", hidden.name(), "name", "id"))))
                .as("a hidden column asked for by name, and a name asked twice")
                .containsExactly("name", "id");
    }

    @Test
    void partsAreReusedForTheSameEntityObjectOnlyAndAColumnOfAnotherEntityGetsItsOwnField() {
        EntitySqls sqls = EntitySqls.forCatalog(null, catalog);
        Entity customers = catalog.find("customers").orElseThrow();
        assertThat(sqls.of(customers)).isSameAs(sqls.of(customers));

        // an equal entity built anew (a reload's) is another object: it gets parts of its own
        Entity rebuilt = customers.withColumns(new ArrayList<>(customers.columns()));
        assertThat(sqls.of(rebuilt)).isNotSameAs(sqls.of(customers));

        // a column named like one of customers' but of another type is never given customers' field
        Column name = customers.column("name").orElseThrow();
        Column otherName = Column.builder("name", ValueType.INTEGER).build();
        assertThat(sqls.of(customers).field(name)).isSameAs(sqls.of(customers).field(name));
        assertThat(sqls.of(customers).field(otherName).getDataType()).isEqualTo(Sql.dataType(otherName));
        assertThat(sqls.of(customers).field(otherName))
                .isNotSameAs(sqls.of(customers).field(name));
    }

    @Test
    void aNewCatalogBringsANewGenerationAndTheSameCatalogKeepsItsOwn() {
        EntitySqls first = EntitySqls.forCatalog(null, catalog);
        first.of(catalog.find("customers").orElseThrow());
        assertThat(EntitySqls.forCatalog(first, catalog)).isSameAs(first);

        EntityCatalog reloaded = hidden(catalog, "customers", "phone");
        EntitySqls second = EntitySqls.forCatalog(first, reloaded);
        assertThat(second).isNotSameAs(first);
        assertThat(second.catalog()).isSameAs(reloaded);
        assertThat(second.size()).isZero();
        Entity customers = reloaded.find("customers").orElseThrow();
        assertThat(Sql.names(second.of(customers).shown(List.of()))).doesNotContain("phone");
        assertThat(Sql.names(first.of(catalog.find("customers").orElseThrow()).shown(List.of())))
                .contains("phone");
    }

    @Test
    void theMapIsBounded() {
        EntitySqls sqls = EntitySqls.forCatalog(null, catalog);
        Entity customers = catalog.find("customers").orElseThrow();
        for (int i = 0; i < 50; i++) {
            sqls.of(customers.withColumns(new ArrayList<>(customers.columns())));
        }
        assertThat(sqls.size()).isLessThanOrEqualTo(EntitySqls.MAX_ENTITIES);
    }

    private static EntityCatalog hidden(EntityCatalog catalog, String entity, String column) {
        List<Entity> entities = new ArrayList<>();
        for (Entity each : catalog.entities()) {
            if (!each.name().equals(entity)) {
                entities.add(each);
                continue;
            }
            List<Column> columns = new ArrayList<>();
            for (Column c : each.columns()) {
                columns.add(c.name().equals(column) ? c.withExposure(ColumnExposure.HIDDEN, "reloaded hidden") : c);
            }
            entities.add(each.withColumns(columns));
        }
        return EntityCatalog.of(entities);
    }
}
