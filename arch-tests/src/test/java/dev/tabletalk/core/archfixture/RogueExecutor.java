package dev.tabletalk.core.archfixture;

import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.user.UserContext;

/** Breaks R5: a guarded executor outside the executor module, and a port implementation inside core. */
public class RogueExecutor implements GuardedExecutor {
    @Override
    public ReadOutcome read(ReadPlan plan, UserContext user) {
        throw new IllegalStateException("fixture");
    }

    @Override
    public PreviewOutcome previewCreate(CreatePlan plan, UserContext user) {
        throw new IllegalStateException("fixture");
    }

    @Override
    public PreviewOutcome previewUpdate(UpdatePlan plan, UserContext user) {
        throw new IllegalStateException("fixture");
    }

    @Override
    public CommitOutcome executeConfirmed(PreviewSnapshot preview, UserContext user, CommitGate gate) {
        throw new IllegalStateException("fixture");
    }

    @Override
    public CommitOutcome.Unknown checkConfirmed(PreviewSnapshot preview, UserContext user) {
        throw new IllegalStateException("fixture");
    }
}
