package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import java.util.List;
import org.jooq.Condition;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class TextComparisonTest {

    private static final Entity PEOPLE = TextTables.entity("", "people", "name");

    @Test
    void eachDatabaseFoldsBothSidesTheSameWayWithTheValueBound() {
        Condition equal = Sql.condition(PEOPLE, Filter.eq("name", "ÉMILE"));

        assertThat(render(SQLDialect.POSTGRES, equal))
                .isEqualTo("lower(((\"name\") collate \"default\")) = lower(((?) collate \"default\"))");
        assertThat(render(SQLDialect.MARIADB, equal))
                .isEqualTo("((lower(convert(`name` using utf8mb4))) collate `utf8mb4_bin`)"
                        + " = ((lower(convert(? using utf8mb4))) collate `utf8mb4_bin`)");
        assertThat(render(SQLDialect.MYSQL, equal)).contains("convert(`name` using utf8mb4)", "utf8mb4_bin");
        assertThat(render(SQLDialect.SQLITE, equal)).isEqualTo("tabletalk_lower(name) = tabletalk_lower(?)");
        assertThat(render(SQLDialect.H2, equal)).isEqualTo("lower(\"name\") = lower(cast(? as varchar))");
    }

    @Test
    void inNotEqualContainsAndStartsWithFoldToo() {
        assertThat(render(SQLDialect.SQLITE, Sql.condition(PEOPLE, Filter.of("name", Op.IN, List.of("a", "b")))))
                .isEqualTo("tabletalk_lower(name) in (tabletalk_lower(?), tabletalk_lower(?))");
        assertThat(render(SQLDialect.SQLITE, Sql.condition(PEOPLE, Filter.of("name", Op.NE, "a"))))
                .isEqualTo("tabletalk_lower(name) <> tabletalk_lower(?)");
        assertThat(render(SQLDialect.SQLITE, Sql.condition(PEOPLE, Filter.of("name", Op.CONTAINS, "50%"))))
                .isEqualTo("tabletalk_lower(name) like tabletalk_lower(?) escape '!'");
        assertThat(render(SQLDialect.H2, Sql.condition(PEOPLE, Filter.of("name", Op.STARTS_WITH, "a"))))
                .isEqualTo("lower(\"name\") like lower(cast(? as varchar)) escape '!'");
    }

    @Test
    void enumerationsAndOtherTypesCompareExactly() {
        Column status = Column.builder("status", ValueType.TEXT)
                .enumValues(List.of("active", "blocked"))
                .build();
        Column age = Column.builder("age", ValueType.INTEGER).build();

        assertThat(TextComparison.applies(status)).isFalse();
        assertThat(TextComparison.applies(age)).isFalse();
        assertThat(TextComparison.applies(PEOPLE.column("name").orElseThrow())).isTrue();
    }

    @Test
    void theJavaFoldLowersEachCodePointWithoutALocale() {
        assertThat(TextComparison.fold("ÉMILE Luís")).isEqualTo("émile luís");
        assertThat(TextComparison.fold("İSTANBUL")).isEqualTo("istanbul");
        assertThat(TextComparison.fold("STRAẞE")).isEqualTo("straße");
        assertThat(TextComparison.fold("ΟΔΟΣ")).isEqualTo("οδοσ");
        assertThat(TextComparison.fold("𐐀")).isEqualTo("𐐨");
        assertThat(TextComparison.fold("100% Organic_Foods")).isEqualTo("100% organic_foods");
    }

    private static String render(SQLDialect dialect, Condition condition) {
        // rendered as the executor renders (TargetDatabase); jOOQ quotes SQLite names only where needed
        return DSL.using(dialect, new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS))
                .render(condition);
    }
}
