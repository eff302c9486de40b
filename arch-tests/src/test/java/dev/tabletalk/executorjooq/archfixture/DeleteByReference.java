package dev.tabletalk.executorjooq.archfixture;

import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.DeleteUsingStep;
import org.jooq.Record;
import org.jooq.Table;

/** Breaks R7 (invariant 1) through a method reference rather than a call. */
public class DeleteByReference {
    public BiFunction<DSLContext, Table<Record>, DeleteUsingStep<Record>> deleter() {
        return DSLContext::deleteFrom;
    }
}
