package dev.tabletalk.executorjooq.archfixture;

import org.jooq.Field;
import org.jooq.impl.DSL;

/** Breaks R6 (invariant 2): plain SQL through jOOQ. */
public class PlainSqlUser {
    public Field<Object> raw(String userText) {
        return DSL.field(userText);
    }
}
