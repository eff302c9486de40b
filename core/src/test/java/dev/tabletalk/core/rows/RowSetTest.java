package dev.tabletalk.core.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowSetTest {

    @Test
    void rowsFromValueArraysKeepOrderAndNullsAndEqualOrdinaryMaps() {
        Object[] values = {1L, null, "Ada"};
        RowSet rows = RowSet.ofValues(List.of("id", "email", "name"), List.<Object[]>of(values), true);

        Map<String, Object> row = rows.rows().get(0);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 1L);
        expected.put("email", null);
        expected.put("name", "Ada");
        assertThat(row).isEqualTo(expected);
        assertThat(row.hashCode()).isEqualTo(expected.hashCode());
        assertThat(new ArrayList<>(row.keySet())).containsExactly("id", "email", "name");
        assertThat(row.containsKey("email")).isTrue();
        assertThat(row.get("nope")).isNull();
        assertThat(rows.hasMore()).isTrue();
    }

    @Test
    void forEachVisitsEveryCellInColumnOrderWithItsNull() {
        RowSet rows = RowSet.ofValues(
                List.of("id", "email", "name"), List.<Object[]>of(new Object[] {1L, null, "Ada"}), false);
        List<String> seen = new ArrayList<>();

        rows.rows().get(0).forEach((column, value) -> seen.add(column + "=" + value));

        assertThat(seen).containsExactly("id=1", "email=null", "name=Ada");
    }

    @Test
    void rowsCannotBeChangedNotEvenThroughTheArrayTheyCameFrom() {
        Object[] values = {1L, "Ada"};
        RowSet rows = RowSet.ofValues(List.of("id", "name"), List.<Object[]>of(values), false);
        values[1] = "Mallory";

        assertThat(rows.rows().get(0)).containsEntry("name", "Ada");
        assertThatThrownBy(() -> rows.rows().get(0).put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> RowSet.ofValues(List.of("id"), List.<Object[]>of(new Object[] {1L, 2L}), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordinaryMapsAreCopiedSoLaterChangesDoNotShow() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", 1L);
        RowSet rows = new RowSet(List.of("id"), List.of(source), false);
        source.put("id", 2L);

        assertThat(rows.rows().get(0)).containsEntry("id", 1L);
    }
}
