package dev.tabletalk.core.port.out;

import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.user.UserContext;

/**
 * The only way the engine reaches business rows in the target database.
 *
 * <p>Implementations assume the plan may be malicious: they check it again against the catalog
 * and policy, build every statement from catalog identifiers and bound values only, never return
 * more than the row cap, force the tenant column from the {@link UserContext}, and never run
 * anything but SELECT, INSERT or UPDATE. An expected refusal is returned as an outcome value. An
 * exception is thrown only when the database cannot be reached or behaves unexpectedly
 * ({@link dev.tabletalk.core.error.DependencyUnavailableException}).
 *
 * <p>Implementations are thread-safe; one instance serves every session. Arguments and results
 * are never null.
 */
public interface GuardedExecutor {

    /** Reads at most the row cap of rows, in a read-only transaction with a statement timeout. */
    ReadOutcome read(ReadPlan plan, UserContext user);

    /** Computes the row a create would insert, with friendly pre-checks; writes nothing. */
    PreviewOutcome previewCreate(CreatePlan plan, UserContext user);

    /** Computes every row an update would change, before and after; refuses above the cap; writes nothing. */
    PreviewOutcome previewUpdate(UpdatePlan plan, UserContext user);

    /**
     * Applies exactly the previewed rows in one transaction, or refuses if they changed since.
     * {@code gate} is called inside the transaction just before the commit; if it throws, the
     * write is rolled back and the exception propagates.
     */
    CommitOutcome executeConfirmed(PreviewSnapshot preview, UserContext user, CommitGate gate);

    /**
     * What the database holds now of the write of a confirmed preview, for a person who did not get its answer:
     * one read, in the caller's scope, that finds the rows as the write leaves them ({@code APPLIED}), exactly
     * as previewed ({@code NOT_APPLIED}), otherwise ({@code CHANGED_OTHERWISE}), or cannot tell ({@code
     * NOT_CHECKED}: no answer in time, a new row whose key only the database makes, or a plan the caller may no
     * longer use). Writes nothing; not refused in read-only mode. It tells the rows' state now, not whether a
     * write still under way will apply.
     */
    CommitOutcome.Unknown checkConfirmed(PreviewSnapshot preview, UserContext user);
}
