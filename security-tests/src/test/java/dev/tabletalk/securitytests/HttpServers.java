package dev.tabletalk.securitytests;

import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.launcher.TableTalk;

/** Starts the real HTTP server for a {@link TableTalk}, wired to its audit log for refused identities. */
final class HttpServers {

    private HttpServers() {}

    static HttpServer start(TableTalk tableTalk, HttpConfig config) {
        return HttpServer.create(tableTalk.conversations(), tableTalk.catalogView(), tableTalk.securityEvents(), config)
                .start();
    }
}
