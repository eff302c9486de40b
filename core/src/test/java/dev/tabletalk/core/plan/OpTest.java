package dev.tabletalk.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class OpTest {

    @Test
    void eachOperatorKnowsItsArity() {
        assertThat(EnumSet.allOf(Op.class))
                .allSatisfy(op -> assertThat(op.arity()).isNotNull());
        assertThat(op(Op.Arity.NONE)).containsExactlyInAnyOrder(Op.IS_NULL, Op.IS_NOT_NULL);
        assertThat(op(Op.Arity.LIST)).containsExactlyInAnyOrder(Op.IN, Op.NOT_IN);
        assertThat(op(Op.Arity.PAIR)).containsExactly(Op.BETWEEN);
        assertThat(op(Op.Arity.ONE))
                .containsExactlyInAnyOrder(
                        Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.CONTAINS, Op.STARTS_WITH, Op.ENDS_WITH);
    }

    @Test
    void eachOperatorKnowsTheTypesItAccepts() {
        assertThat(accepting(Op.Accepts.TEXT)).containsExactlyInAnyOrder(Op.CONTAINS, Op.STARTS_WITH, Op.ENDS_WITH);
        assertThat(accepting(Op.Accepts.ORDERED)).containsExactlyInAnyOrder(Op.LT, Op.LE, Op.GT, Op.GE, Op.BETWEEN);
        assertThat(accepting(Op.Accepts.ANY_TYPE))
                .containsExactlyInAnyOrder(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.IS_NULL, Op.IS_NOT_NULL);
    }

    @Test
    void thePredicatesReadTheTable() {
        for (Op op : Op.values()) {
            assertThat(op.isNullCheck()).isEqualTo(op.arity() == Op.Arity.NONE);
            assertThat(op.isOrdering()).isEqualTo(op.accepts() == Op.Accepts.ORDERED);
            assertThat(op.isTextMatch()).isEqualTo(op.accepts() == Op.Accepts.TEXT);
        }
    }

    @Test
    void symbolsRoundTripWithoutAliases() {
        for (Op op : Op.values()) {
            assertThat(Op.fromSymbol(op.symbol())).contains(op);
        }
        assertThat(Op.fromSymbol("==")).isEmpty();
        assertThat(Op.fromSymbol("IN")).isEmpty();
    }

    private static EnumSet<Op> ops(Predicate<Op> test) {
        EnumSet<Op> ops = EnumSet.noneOf(Op.class);
        for (Op op : Op.values()) {
            if (test.test(op)) {
                ops.add(op);
            }
        }
        return ops;
    }

    private static EnumSet<Op> op(Op.Arity arity) {
        return ops(op -> op.arity() == arity);
    }

    private static EnumSet<Op> accepting(Op.Accepts accepts) {
        return ops(op -> op.accepts() == accepts);
    }
}
