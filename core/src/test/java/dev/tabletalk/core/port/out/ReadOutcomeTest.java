package dev.tabletalk.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.rows.RowSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOutcomeTest {

    private static final RowSet THREE_ROWS =
            RowSet.ofValues(List.of("id"), List.of(new Object[] {1L}, new Object[] {2L}, new Object[] {3L}), false);

    @Test
    void positionedRowsWorkOutOnlyThePositionsAskedForEachOnce() {
        List<Integer> asked = new ArrayList<>();
        ReadOutcome.Rows rows = ReadOutcome.Rows.positioned(THREE_ROWS, i -> {
            asked.add(i);
            return new Keyset(List.of("id"), List.of(i + 1L));
        });

        assertThat(rows.positions()).hasSize(3);
        assertThat(asked).isEmpty();
        assertThat(rows.positions().get(2).value("id")).isEqualTo(3L);
        assertThat(rows.positions().get(2).value("id")).isEqualTo(3L);
        assertThat(asked).containsExactly(2);
        assertThat(rows.positions()).extracting(p -> p.value("id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void positionedRowsCannotBeChangedOrReadPastTheirEnd() {
        ReadOutcome.Rows rows =
                ReadOutcome.Rows.positioned(THREE_ROWS, i -> new Keyset(List.of("id"), List.of(i + 1L)));

        assertThatThrownBy(() -> rows.positions().add(new Keyset(List.of("id"), List.of(9L))))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rows.positions().get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void givenPositionsMustBeOnePerRow() {
        assertThatThrownBy(() -> new ReadOutcome.Rows(THREE_ROWS, List.of(new Keyset(List.of("id"), List.of(1L)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one position per row");
    }
}
