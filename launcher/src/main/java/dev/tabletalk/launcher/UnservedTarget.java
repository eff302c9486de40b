package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.user.UserContext;

/**
 * The target of a server that could not follow a connect made on another server sharing its state: no database
 * at all. Its schema and every read and write fail as {@link DependencyUnavailableException#chosenDatabase}, so
 * a turn is answered as unavailable (and audited as such) instead of from the database before the connect.
 */
final class UnservedTarget implements SchemaCatalog, GuardedExecutor {

    private final long generation;

    /** @param generation the target generation this server could not follow */
    UnservedTarget(long generation) {
        this.generation = generation;
    }

    private DependencyUnavailableException unavailable() {
        return DependencyUnavailableException.chosenDatabase("this server has not followed the connect of target "
                + "generation " + generation + " made on another server");
    }

    @Override
    public EntityCatalog current() {
        throw unavailable();
    }

    @Override
    public EntityCatalog refresh() {
        throw unavailable();
    }

    @Override
    public ReadOutcome read(ReadPlan plan, UserContext user) {
        throw unavailable();
    }

    @Override
    public PreviewOutcome previewCreate(CreatePlan plan, UserContext user) {
        throw unavailable();
    }

    @Override
    public PreviewOutcome previewUpdate(UpdatePlan plan, UserContext user) {
        throw unavailable();
    }

    @Override
    public CommitOutcome executeConfirmed(PreviewSnapshot preview, UserContext user, CommitGate gate) {
        throw unavailable();
    }

    @Override
    public CommitOutcome.Unknown checkConfirmed(PreviewSnapshot preview, UserContext user) {
        throw unavailable();
    }
}
