package dev.tabletalk.cli;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.OperatorCatalog;
import dev.tabletalk.core.port.in.PlanChecks;
import dev.tabletalk.core.port.in.SessionReplays;
import java.util.List;

/** Core inbound ports over an empty schema for CLI tests: the given conversations, the rest as given or refusing. */
final class FakePorts {

    /** An empty catalog, as the operator sees it. */
    static final OperatorCatalog EMPTY_CATALOG = new OperatorCatalog() {
        @Override
        public EntityCatalog schema() {
            return EntityCatalog.of(List.of());
        }

        @Override
        public String schemaJson() {
            return "{\"entities\":[]}";
        }

        @Override
        public Tenancies tenancies() {
            return schema().tenancies("company_id");
        }
    };

    private FakePorts() {}

    /** Ports that answer turns with these conversations; plan checks and replays are not expected. */
    static TableTalkPorts of(Conversations conversations) {
        return of(
                conversations,
                (message, user) -> {
                    throw new AssertionError("not asked");
                },
                sessionId -> {
                    throw new ConfigurationException("replay is not available in this build");
                });
    }

    /** Ports with these use cases. */
    static TableTalkPorts of(Conversations conversations, PlanChecks planChecks, SessionReplays replays) {
        return new TableTalkPorts(
                conversations, user -> new SchemaView("f", List.of()), EMPTY_CATALOG, planChecks, replays, "fake");
    }
}
