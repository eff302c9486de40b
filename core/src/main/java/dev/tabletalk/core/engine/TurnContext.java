package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.in.Channel;
import dev.tabletalk.core.user.UserContext;

/**
 * What one turn works with: its audit facts ({@link Turn}), the caller, the channel it came on, and ONE snapshot of the catalog as
 * this caller sees it. The snapshot is fetched on first use and then kept for the whole turn, so that every
 * step of a turn (commands, form, preview, confirm) validates against the same schema. Not thread-safe: one
 * per turn.
 */
final class TurnContext {

    private final Turn turn;
    private final UserContext user;
    private final Channel channel;
    private final CallerCatalogs catalogs;
    private EntityCatalog catalog;

    TurnContext(Turn turn, UserContext user, Channel channel, CallerCatalogs catalogs) {
        this.turn = turn;
        this.user = user;
        this.channel = channel;
        this.catalogs = catalogs;
    }

    Turn turn() {
        return turn;
    }

    UserContext user() {
        return user;
    }

    /** Where the turn comes from: whether it may confirm (invariant 12). */
    Channel channel() {
        return channel;
    }

    /** The caller's catalog view, fetched once per turn (tenancy applied: hidden and shared entities). */
    EntityCatalog catalog() {
        if (catalog == null) {
            catalog = catalogs.of(user);
        }
        return catalog;
    }

    /** The planner's view of this turn's catalog snapshot. */
    SchemaView view() {
        return catalogs.view(catalog());
    }
}
