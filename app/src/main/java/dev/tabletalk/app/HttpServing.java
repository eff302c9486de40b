package dev.tabletalk.app;

import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.httpjavalin.HttpServer;
import java.util.concurrent.CountDownLatch;

/** The HTTP server over a built TableTalk, until Ctrl-C or {@link #close()}. */
final class HttpServing implements CliServer {

    private final HttpServer server;
    private final LauncherSession session;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread shutdownHook;

    HttpServing(HttpServer server, LauncherSession session) {
        this.server = server;
        this.session = session;
        // Ctrl-C (SIGINT) and SIGTERM stop the server cleanly: connections drained, pools closed
        this.shutdownHook = new Thread(this::stop, "tabletalk-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public String address() {
        String host = server.config().host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }

    @Override
    public String description() {
        return session.description();
    }

    @Override
    public Tenancies tenancies() {
        return session.tenancies();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook does the work
        }
        stop();
    }

    private synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.close();
        } finally {
            session.close();
            stopped.countDown();
        }
    }
}
