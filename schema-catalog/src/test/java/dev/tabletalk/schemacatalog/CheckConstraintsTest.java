package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckConstraintsTest {

    private static TableMeta table() {
        TableMeta table = new TableMeta("public", "t", EntityKind.TABLE, null);
        table.columns.add(Column.builder("status", ValueType.TEXT).build());
        table.columns.add(Column.builder("stock", ValueType.INTEGER)
                .range(NumericRange.of(-2147483648, 2147483647))
                .build());
        table.columns.add(Column.builder("price", ValueType.DECIMAL).build());
        return table;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CHECK ((status = ANY (ARRAY['active'::text, 'it''s'::text])))",
                "CHECK (((status)::text = ANY ((ARRAY['active'::character varying, 'it''s'::character varying])::text[])))",
                "`status` in ('active','it''s')",
                "CHECK (status IN ('active', 'it''s'))"
            })
    void readsAllowedValuesInEveryDialectsSpelling(String definition) {
        TableMeta table = table();

        CheckConstraints.apply(table, definition);

        assertThat(table.columns.get(0).enumValues()).containsExactly("active", "it's");
    }

    @Test
    void narrowsIntegerRangesAndKeepsTheTypeBound() {
        TableMeta table = table();

        CheckConstraints.apply(table, "CHECK ((stock >= 0))");
        CheckConstraints.apply(table, "CHECK ((stock < 1000))");

        NumericRange range = table.columns.get(1).range().orElseThrow();
        assertThat(range.min()).isEqualByComparingTo("0");
        assertThat(range.max()).isEqualByComparingTo("999");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CHECK ((price > (0)::numeric))",
                "CHECK (length(status) > 3)",
                "CHECK ((status <> ''::text))",
                "CHECK ((stock >= 0) AND (stock <= 10))",
                "CHECK (status in (select 1))"
            })
    void leavesWhatItDoesNotUnderstandToTheDatabase(String definition) {
        TableMeta table = table();

        CheckConstraints.apply(table, definition);

        assertThat(table.columns.get(0).enumValues()).isEmpty();
        assertThat(table.columns.get(1).range()).contains(NumericRange.of(-2147483648, 2147483647));
        assertThat(table.columns.get(2).range()).isEmpty();
    }

    @Test
    void findsEveryCheckOfACreateStatementAndSkipsQuotedText() {
        String sql = "CREATE TABLE \"check\" (id integer primary key, note text default 'check (x)', "
                + "status text CHECK(status in ('on', 'o)ff')), stock int, \"check_it\" int, "
                + "constraint stock_ok check ((stock >= 0)))";

        assertThat(CheckConstraints.inCreateStatement(sql)).containsExactly("status in ('on', 'o)ff')", "(stock >= 0)");
    }
}
