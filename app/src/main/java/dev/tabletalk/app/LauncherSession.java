package dev.tabletalk.app;

import dev.tabletalk.cli.CliSession;
import dev.tabletalk.cli.PlanView;
import dev.tabletalk.cli.ReplayView;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.launcher.DemoDatabase;
import dev.tabletalk.launcher.PlanCheck;
import dev.tabletalk.launcher.Replay;
import dev.tabletalk.launcher.TableTalk;

/** A built {@link TableTalk} (and the demo database behind it, if any) as the CLI sees it. */
final class LauncherSession implements CliSession {

    private final TableTalk tableTalk;
    private final DemoDatabase demo;
    private final String description;

    /** @param demo the demo database to drop on close, or null */
    LauncherSession(TableTalk tableTalk, DemoDatabase demo, String description) {
        this.tableTalk = tableTalk;
        this.demo = demo;
        this.description = description;
    }

    @Override
    public Conversations conversations() {
        return tableTalk.conversations();
    }

    /** Where the HTTP server records refused identities: the same audit log as every turn. */
    SecurityEvents securityEvents() {
        return tableTalk.securityEvents();
    }

    /** Switches the served database ({@code POST /connect}); refuses every host unless serve allowed some. */
    TargetConnections targetConnections() {
        return tableTalk.targetConnections();
    }

    @Override
    public CatalogView catalogView() {
        return tableTalk.catalogView();
    }

    @Override
    public EntityCatalog schema() {
        return tableTalk.schema();
    }

    @Override
    public String schemaJson() {
        return tableTalk.schemaJson();
    }

    @Override
    public Tenancies tenancies() {
        return tableTalk.tenancies();
    }

    @Override
    public PlanView checkPlan(String message, UserContext user) {
        PlanCheck check = tableTalk.checkPlan(message, user);
        return new PlanView(check.message(), check.intent(), check.entity(), check.fields(), check.filters(),
                check.limit(), check.refusal());
    }

    @Override
    public ReplayView replay(String sessionId) {
        Replay replay = tableTalk.replay(sessionId);
        return new ReplayView(replay.sessionId(), replay.planner(), replay.turns().stream()
                .map(t -> new ReplayView.Turn(t.sequence(), t.message(), t.verdict(), t.differences()))
                .toList());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            tableTalk.close();
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }
}
