package dev.tabletalk.plannerrules;

import dev.tabletalk.core.plan.Op;
import java.util.List;

/**
 * How people write comparisons ("over", "at least", "starts with", "is not", "is empty"), each
 * mapped to one of core's operators. Checked in this order, so a longer phrase comes before a
 * shorter one it begins with ("is not null" before "is not" before "is").
 */
final class Operators {

    private Operators() {}

    /** One way of writing an operator: its words, lower case. */
    record Phrase(List<String> words, Op op) {

        Phrase(String text, Op op) {
            this(List.of(text.split(" ")), op);
        }
    }

    static final List<Phrase> PHRASES = List.of(
            new Phrase("is not null", Op.IS_NOT_NULL),
            new Phrase("is not empty", Op.IS_NOT_NULL),
            new Phrase("is not missing", Op.IS_NOT_NULL),
            new Phrase("is not blank", Op.IS_NOT_NULL),
            new Phrase("is set", Op.IS_NOT_NULL),
            new Phrase("is present", Op.IS_NOT_NULL),
            new Phrase("is known", Op.IS_NOT_NULL),
            new Phrase("is filled", Op.IS_NOT_NULL),
            new Phrase("is not set", Op.IS_NULL),
            new Phrase("is null", Op.IS_NULL),
            new Phrase("is empty", Op.IS_NULL),
            new Phrase("is missing", Op.IS_NULL),
            new Phrase("is blank", Op.IS_NULL),
            new Phrase("is unknown", Op.IS_NULL),
            new Phrase("= null", Op.IS_NULL),
            new Phrase("is greater than or equal to", Op.GE),
            new Phrase("greater than or equal to", Op.GE),
            new Phrase("at least", Op.GE),
            new Phrase("no less than", Op.GE),
            new Phrase("not less than", Op.GE),
            new Phrase(">=", Op.GE),
            new Phrase("since", Op.GE),
            new Phrase("from", Op.GE),
            new Phrase("at most", Op.LE),
            new Phrase("no more than", Op.LE),
            new Phrase("not more than", Op.LE),
            new Phrase("up to", Op.LE),
            new Phrase("<=", Op.LE),
            new Phrase("until", Op.LE),
            new Phrase("less than or equal to", Op.LE),
            new Phrase("greater than", Op.GT),
            new Phrase("more than", Op.GT),
            new Phrase("over", Op.GT),
            new Phrase("above", Op.GT),
            new Phrase("exceeds", Op.GT),
            new Phrase("exceeding", Op.GT),
            new Phrase("higher than", Op.GT),
            new Phrase("bigger than", Op.GT),
            new Phrase("larger than", Op.GT),
            new Phrase("longer than", Op.GT),
            new Phrase("later than", Op.GT),
            new Phrase("after", Op.GT),
            new Phrase(">", Op.GT),
            new Phrase("less than", Op.LT),
            new Phrase("under", Op.LT),
            new Phrase("below", Op.LT),
            new Phrase("lower than", Op.LT),
            new Phrase("smaller than", Op.LT),
            new Phrase("fewer than", Op.LT),
            new Phrase("shorter than", Op.LT),
            new Phrase("cheaper than", Op.LT),
            new Phrase("earlier than", Op.LT),
            new Phrase("before", Op.LT),
            new Phrase("<", Op.LT),
            new Phrase("between", Op.BETWEEN),
            new Phrase("starts with", Op.STARTS_WITH),
            new Phrase("starting with", Op.STARTS_WITH),
            new Phrase("start with", Op.STARTS_WITH),
            new Phrase("begins with", Op.STARTS_WITH),
            new Phrase("beginning with", Op.STARTS_WITH),
            new Phrase("begin with", Op.STARTS_WITH),
            new Phrase("ends with", Op.ENDS_WITH),
            new Phrase("ending with", Op.ENDS_WITH),
            new Phrase("end with", Op.ENDS_WITH),
            new Phrase("ending in", Op.ENDS_WITH),
            new Phrase("ends in", Op.ENDS_WITH),
            new Phrase("contains", Op.CONTAINS),
            new Phrase("containing", Op.CONTAINS),
            new Phrase("contain", Op.CONTAINS),
            new Phrase("includes", Op.CONTAINS),
            new Phrase("including", Op.CONTAINS),
            new Phrase("like", Op.CONTAINS),
            new Phrase("matching", Op.CONTAINS),
            new Phrase("matches", Op.CONTAINS),
            new Phrase("mentions", Op.CONTAINS),
            new Phrase("mentioning", Op.CONTAINS),
            new Phrase("is not", Op.NE),
            new Phrase("isn't", Op.NE),
            new Phrase("are not", Op.NE),
            new Phrase("aren't", Op.NE),
            new Phrase("not equal to", Op.NE),
            new Phrase("other than", Op.NE),
            new Phrase("!=", Op.NE),
            new Phrase("<>", Op.NE),
            new Phrase("not", Op.NE),
            new Phrase("except", Op.NE),
            new Phrase("is equal to", Op.EQ),
            new Phrase("equal to", Op.EQ),
            new Phrase("equals", Op.EQ),
            new Phrase("=", Op.EQ),
            new Phrase(":", Op.EQ),
            new Phrase("is", Op.EQ),
            new Phrase("are", Op.EQ),
            new Phrase("was", Op.EQ),
            new Phrase("of", Op.EQ),
            new Phrase("in", Op.IN),
            new Phrase("as", Op.EQ),
            new Phrase("being", Op.EQ));
}
