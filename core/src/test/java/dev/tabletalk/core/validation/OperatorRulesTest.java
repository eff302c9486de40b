package dev.tabletalk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorRulesTest {

    private static final Column NUMBER =
            Column.builder("qty", ValueType.INTEGER).build();
    private static final Column TEXT = Column.builder("name", ValueType.TEXT).build();
    private static final Column STATUS = Column.builder("status", ValueType.TEXT)
            .enumValues(List.of("a", "b"))
            .build();
    private static final Column FLAG =
            Column.builder("active", ValueType.BOOLEAN).build();

    private final OperatorRules rules = new OperatorRules(3);
    private final List<Problem> problems = new ArrayList<>();

    private Optional<Filter> filter(Column column, Op op, Object value) {
        return rules.filter(column, op, value, problems);
    }

    private List<RefusalCode> codes() {
        return problems.stream().map(Problem::code).toList();
    }

    @Test
    void anOperatorWorksOnlyOnTheColumnTypesItAccepts() {
        for (Op op : Op.values()) {
            if (op.arity() != Op.Arity.ONE) {
                continue;
            }
            problems.clear();
            boolean onFlag = filter(FLAG, op, true).isPresent();
            boolean onStatus = filter(STATUS, op, "a").isPresent();
            boolean onText = filter(TEXT, op, "x").isPresent();
            switch (op.accepts()) {
                case ANY_TYPE ->
                    assertThat(List.of(onFlag, onStatus, onText))
                            .as(op.symbol())
                            .containsOnly(true);
                case ORDERED ->
                    assertThat(List.of(onFlag, onStatus, onText))
                            .as(op.symbol())
                            .containsExactly(false, false, true);
                case TEXT ->
                    assertThat(List.of(onFlag, onStatus, onText))
                            .as(op.symbol())
                            .containsExactly(false, false, true);
            }
            assertThat(codes()).as(op.symbol()).allMatch(code -> code == RefusalCode.OP_NOT_ALLOWED);
        }
    }

    @Test
    void aTypeMismatchNamesTheColumnAndWhatItHolds() {
        filter(STATUS, Op.GT, "a");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).contains("status");
            assertThat(problem.message()).isEqualTo("'>' does not work on status (one of a, b).");
        });
    }

    @Test
    void aNullCheckTakesNoValue() {
        assertThat(filter(NUMBER, Op.IS_NULL, null)).contains(new Filter("qty", Op.IS_NULL, null));
        assertThat(filter(NUMBER, Op.IS_NOT_NULL, 5L)).isEmpty();
        assertThat(codes()).containsExactly(RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void everyOtherOperatorRefusesToCompareWithNothing() {
        for (Op op : Op.values()) {
            if (op.arity() != Op.Arity.NONE) {
                assertThat(filter(TEXT, op, null)).as(op.symbol()).isEmpty();
            }
        }
        assertThat(codes()).hasSize(Op.values().length - 2).containsOnly(RefusalCode.NULL_COMPARISON);
    }

    @Test
    void aSingleValueOperatorRefusesListsAndObjectsAndWidensTheValue() {
        assertThat(filter(NUMBER, Op.EQ, 5)).contains(new Filter("qty", Op.EQ, 5L));
        assertThat(filter(NUMBER, Op.EQ, List.of(5L))).isEmpty();
        assertThat(filter(NUMBER, Op.LT, Map.of("$gt", 0))).isEmpty();
        assertThat(codes()).containsExactly(RefusalCode.TYPE_MISMATCH, RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void aTextMatchKeepsItsPatternAsTextAndNeedsText() {
        assertThat(filter(TEXT, Op.CONTAINS, "5%")).contains(new Filter("name", Op.CONTAINS, "5%"));
        assertThat(filter(TEXT, Op.STARTS_WITH, 5L)).isEmpty();
        assertThat(problems).singleElement().extracting(Problem::message).isEqualTo("starts_with needs text for name.");
    }

    @Test
    void aPairTakesExactlyTwoValues() {
        assertThat(filter(NUMBER, Op.BETWEEN, List.of(1, 9L))).contains(new Filter("qty", Op.BETWEEN, List.of(1L, 9L)));
        assertThat(filter(NUMBER, Op.BETWEEN, List.of(1L))).isEmpty();
        assertThat(filter(NUMBER, Op.BETWEEN, List.of(1L, 2L, 3L))).isEmpty();
        assertThat(filter(NUMBER, Op.BETWEEN, 1L)).isEmpty();
        assertThat(codes()).containsOnly(RefusalCode.TYPE_MISMATCH).hasSize(3);
    }

    @Test
    void aListTakesOneToTheMaximumSingleNonEmptyValues() {
        assertThat(filter(NUMBER, Op.IN, List.of(1L, 2, 3L))).contains(new Filter("qty", Op.IN, List.of(1L, 2L, 3L)));
        assertThat(filter(NUMBER, Op.IN, List.of())).isEmpty();
        assertThat(filter(NUMBER, Op.IN, List.of(1L, 2L, 3L, 4L))).isEmpty();
        assertThat(filter(NUMBER, Op.IN, Arrays.asList(1L, null))).isEmpty();
        assertThat(filter(NUMBER, Op.IN, List.of(List.of(1L)))).isEmpty();
        assertThat(filter(NUMBER, Op.IN, List.of("one"))).isEmpty();
        assertThat(codes())
                .containsExactly(
                        RefusalCode.TYPE_MISMATCH,
                        RefusalCode.IN_LIST_TOO_LONG,
                        RefusalCode.NULL_COMPARISON,
                        RefusalCode.TYPE_MISMATCH,
                        RefusalCode.TYPE_MISMATCH);
    }
}
