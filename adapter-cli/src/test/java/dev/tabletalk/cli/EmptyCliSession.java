package dev.tabletalk.cli;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.user.UserContext;
import java.util.List;

/** A CLI session over an empty schema that answers turns with the given conversations; tests override the rest. */
class EmptyCliSession implements CliSession {

    private final Conversations conversations;

    EmptyCliSession(Conversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public Conversations conversations() {
        return conversations;
    }

    @Override
    public CatalogView catalogView() {
        return user -> new SchemaView("f", List.of());
    }

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

    @Override
    public PlanView checkPlan(String message, UserContext user) {
        throw new AssertionError("not asked");
    }

    @Override
    public String description() {
        return "fake";
    }

    @Override
    public void close() {}
}
