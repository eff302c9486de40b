package dev.tabletalk.cli;

import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.OperatorCatalog;
import dev.tabletalk.core.port.in.PlanChecks;
import dev.tabletalk.core.port.in.SessionReplays;
import java.util.Objects;

/**
 * The core inbound ports a CLI command uses on one opened database.
 *
 * @param conversations one turn in, one reply out ({@code chat}, {@code demo})
 * @param catalogView the schema as a chat user may see it
 * @param operatorCatalog the operator's view of the schema ({@code schema})
 * @param planChecks checks a message's plan without running it ({@code plan})
 * @param sessionReplays plans a recorded session again ({@code replay})
 * @param description one line saying what is open, e.g. {@code demo shop (in memory) · planner rules}
 */
public record TableTalkPorts(
        Conversations conversations,
        CatalogView catalogView,
        OperatorCatalog operatorCatalog,
        PlanChecks planChecks,
        SessionReplays sessionReplays,
        String description) {

    public TableTalkPorts {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(catalogView, "catalogView");
        Objects.requireNonNull(operatorCatalog, "operatorCatalog");
        Objects.requireNonNull(planChecks, "planChecks");
        Objects.requireNonNull(sessionReplays, "sessionReplays");
        Objects.requireNonNull(description, "description");
    }
}
