package dev.tabletalk.securitytests;

import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.launcher.TableTalk;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Starts the real HTTP server for a {@link TableTalk}. The server is being changed to take the
 * {@link SecurityEvents} port (so that refused identities are audited); this uses that factory when
 * it exists and the older one otherwise, so the suite builds against either.
 */
final class HttpServers {

    private static final Method WITH_EVENTS = find();

    private HttpServers() {}

    /** Whether refused identities are recorded in the audit log by the server in use. */
    static boolean auditsIdentityFailures() {
        return WITH_EVENTS != null;
    }

    static HttpServer start(TableTalk tableTalk, HttpConfig config) {
        if (WITH_EVENTS == null) {
            return legacy(tableTalk.conversations(), tableTalk.catalogView(), config).start();
        }
        try {
            return ((HttpServer) WITH_EVENTS.invoke(null, tableTalk.conversations(), tableTalk.catalogView(),
                    tableTalk.securityEvents(), config)).start();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static HttpServer legacy(Conversations conversations, CatalogView catalogView, HttpConfig config) {
        try {
            Method create = HttpServer.class.getMethod("create", Conversations.class, CatalogView.class,
                    HttpConfig.class);
            return (HttpServer) create.invoke(null, conversations, catalogView, config);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("no usable HttpServer.create", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Method find() {
        try {
            return HttpServer.class.getMethod("create", Conversations.class, CatalogView.class, SecurityEvents.class,
                    HttpConfig.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
