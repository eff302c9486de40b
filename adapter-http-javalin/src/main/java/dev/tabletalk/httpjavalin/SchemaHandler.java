package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.in.AdapterEvent;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.SchemaWire;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.user.UserContext;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /schema}: the exposed schema as the verified caller's role may see it, with the macros that role may
 * run, recorded as a schema read.
 */
final class SchemaHandler implements Handler {

    private final CatalogView catalogView;
    private final SecurityEvents securityEvents;

    SchemaHandler(CatalogView catalogView, SecurityEvents securityEvents) {
        this.catalogView = catalogView;
        this.securityEvents = securityEvents;
    }

    @Override
    public void handle(Context ctx) {
        UserContext user = Caller.of(ctx).requireUser();
        SchemaView view = catalogView.schemaFor(user);
        Exchange.writeJson(ctx, 200, SchemaWire.schema(view, catalogView.macrosFor(user)));
        securityEvents.requestAnswered(AdapterEvent.answered(
                user,
                Route.SCHEMA.method() + " " + Route.SCHEMA.path(),
                "schema_read (" + view.entities().size() + " entities)"));
    }
}
