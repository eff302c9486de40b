package dev.tabletalk.app;

import dev.tabletalk.cli.TableTalkPorts;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.launcher.DemoDatabase;
import dev.tabletalk.launcher.TableTalk;
import java.util.Optional;

/** A built {@link TableTalk} (and the demo database behind it, if any), for one CLI command or one server. */
final class LauncherSession implements AutoCloseable {

    private final TableTalk tableTalk;
    private final DemoDatabase demo;
    private final String description;

    /** @param demo the demo database to drop on close, or null */
    LauncherSession(TableTalk tableTalk, DemoDatabase demo, String description) {
        this.tableTalk = tableTalk;
        this.demo = demo;
        this.description = description;
    }

    /** The core inbound ports a CLI command uses. */
    TableTalkPorts ports() {
        return new TableTalkPorts(
                tableTalk.conversations(), tableTalk.catalogView(), tableTalk, tableTalk, tableTalk, description);
    }

    /** One turn in, one reply out. */
    Conversations conversations() {
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

    /** The operator's read-only switch and reload ({@code /admin/read-only}, {@code /admin/reload}). */
    OperatorControls operatorControls() {
        return tableTalk.operatorControls();
    }

    /** The rate-limit buckets every server shares; empty without {@code sharedState.url}. */
    Optional<TokenBuckets> rateLimitBuckets() {
        return tableTalk.rateLimitBuckets();
    }

    /** The schema as a chat user may see it. */
    CatalogView catalogView() {
        return tableTalk.catalogView();
    }

    /** The tenancy of each entity, for the warning when no table has the tenant column. */
    Tenancies tenancies() {
        return tableTalk.tenancies();
    }

    /** One line saying what is open, e.g. {@code demo shop in memory · planner rules}. */
    String description() {
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
