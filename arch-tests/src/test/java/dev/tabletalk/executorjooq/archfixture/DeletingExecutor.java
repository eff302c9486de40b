package dev.tabletalk.executorjooq.archfixture;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Breaks R7 (invariant 1): builds a DELETE. */
public class DeletingExecutor {
    public int wipe(DSLContext db) {
        return db.deleteFrom(DSL.table(DSL.name("customers"))).execute();
    }
}
