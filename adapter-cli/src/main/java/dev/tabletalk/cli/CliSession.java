package dev.tabletalk.cli;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.user.UserContext;

/** TableTalk as one CLI command sees it: the inbound port and read-only views. Closed after the command. */
public interface CliSession extends AutoCloseable {

    /** The inbound port: one turn in, one reply out. */
    Conversations conversations();

    /** The schema as a chat user may see it. */
    CatalogView catalogView();

    /** The operator's view of the schema, hidden entities with their reasons. */
    EntityCatalog schema();

    /** The operator's view of the schema as JSON. */
    String schemaJson();

    /** The tenancy of each entity for callers with a tenant (decided from the schema and the tenant column). */
    Tenancies tenancies();

    /** Plans and validates one message for this caller without running anything. */
    PlanView checkPlan(String message, UserContext user);

    /**
     * Plans a recorded session's messages again with this session's planner and schema; runs nothing.
     *
     * @throws dev.tabletalk.core.error.ConfigurationException when replay is not available here
     */
    default ReplayView replay(String sessionId) {
        throw new dev.tabletalk.core.error.ConfigurationException("replay is not available in this build");
    }

    /** One line saying what is open, e.g. {@code demo shop (in memory) · planner rules}. */
    String description();

    @Override
    void close();
}
