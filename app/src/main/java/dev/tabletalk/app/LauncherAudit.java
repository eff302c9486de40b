package dev.tabletalk.app;

import dev.tabletalk.cli.CliAudit;
import dev.tabletalk.launcher.AuditStore;
import java.util.List;

/** The launcher's {@link AuditStore} as the CLI sees it. */
final class LauncherAudit implements CliAudit {

    private final AuditStore store;

    LauncherAudit(AuditStore store) {
        this.store = store;
    }

    @Override
    public Chain verify() {
        AuditStore.Chain chain = store.verify();
        return new Chain(chain.intact(), chain.entriesChecked(), chain.headHash(), chain.brokenAt(), chain.problem(),
                chain.unresolvedWrites());
    }

    @Override
    public List<Session> sessions(int limit) {
        return store.sessions(limit).stream()
                .map(s -> new Session(s.sessionId(), s.userId(), s.firstAt(), s.lastAt(), s.turns()))
                .toList();
    }

    @Override
    public List<Turn> turns(String sessionId) {
        return store.turns(sessionId).stream().map(LauncherAudit::turn).toList();
    }

    @Override
    public List<Turn> turnsWithErrorId(String errorId) {
        return store.turnsWithErrorId(errorId).stream().map(LauncherAudit::turn).toList();
    }

    private static Turn turn(AuditStore.Turn t) {
        return new Turn(t.sequence(), t.timestamp(), t.userId(), t.sessionId(), t.message(), t.action(), t.intent(),
                t.entity(), t.outcome(), t.refusalCode(), t.rowCount(), t.latencyMillis(), t.error(), t.unresolved());
    }

    @Override
    public void close() {
        store.close();
    }
}
