package dev.tabletalk.securitytests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy for fault tests: forwards 127.0.0.1:{@link #port()} to a target, and can cut
 * every open connection, refuse new ones (accepted and closed at once) and delay every chunk of bytes.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;
    private volatile long delayMillis;
    private volatile boolean closed;
    /** Armed by {@link #loseTheAnswerToTheNextCommit}: cut the connection that sends COMMIT before it is answered. */
    private volatile boolean commitArmed;

    private volatile boolean downAfterCommit;
    /** Statements that commit on their own (see {@link #countAsCommit}), by the start of their text. */
    private final Set<String> selfCommitting = ConcurrentHashMap.newKeySet();

    private final AtomicInteger commitsCut = new AtomicInteger();

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "tt-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** The database is gone: every open connection is cut, new ones are refused. */
    void down() {
        refusing = true;
        cutAll();
    }

    /** The database is back. */
    void up() {
        refusing = false;
    }

    /** Cuts every open connection (new ones are still accepted unless {@link #down()}). */
    void cutAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /**
     * The next COMMIT any client sends (PostgreSQL protocol: a query message whose text is COMMIT) is forwarded
     * to the server, but its answer never reaches the client: the proxy drops every reply on that connection,
     * waits until the server has processed the commit, then cuts the connection. With {@code thenDown}, the proxy
     * also cuts every other open connection and refuses every later one, until {@link #up()}.
     */
    void loseTheAnswerToTheNextCommit(boolean thenDown) {
        downAfterCommit = thenDown;
        commitArmed = true;
    }

    /**
     * Counts a statement whose text contains {@code statementStart} as a commit too: a statement sent in autocommit
     * commits on its own, without a COMMIT message (the audit log appends a batch on PostgreSQL that way). Its text
     * reaches the proxy only in a parse message, so the client must not reuse server-side prepared statements
     * ({@code prepareThreshold=0}).
     */
    void countAsCommit(String statementStart) {
        selfCommitting.add(statementStart);
    }

    /** How many commits had their answer lost. */
    int commitsCut() {
        return commitsCut.get();
    }

    /** Delays every forwarded chunk by {@code delay} (zero: no delay). */
    void delay(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                Link link = new Link(client, upstream);
                pump(client, upstream, link, true);
                pump(upstream, client, link, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** One proxied connection: whether its replies are being dropped. */
    private static final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean dropReplies;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }
    }

    private void pump(Socket from, Socket to, Link link, boolean toServer) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            long delay = delayMillis;
                            if (delay > 0) {
                                // the injected network latency is the fault under test: a real delay, so a sleep
                                Thread.sleep(delay);
                            }
                            boolean commit = toServer && commitArmed && commits(buffer, n);
                            if (commit) {
                                commitArmed = false;
                                link.dropReplies = true;
                            }
                            if (!toServer && link.dropReplies) {
                                continue;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                            if (commit) {
                                // let the server process the COMMIT, then cut before its answer can be delivered: the
                                // server's progress cannot be observed through the socket, so this waits real time
                                Thread.sleep(300);
                                commitsCut.incrementAndGet();
                                if (downAfterCommit) {
                                    down();
                                }
                                closeQuietly(link.client);
                                closeQuietly(link.upstream);
                                return;
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // a cut connection ends here
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "tt-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A PostgreSQL simple ('Q') or extended ('P' parse) query message whose text is COMMIT, or that holds a statement
     * {@linkplain #countAsCommit counted as a commit}.
     */
    private boolean commits(byte[] buffer, int length) {
        String text = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        return (text.startsWith("Q") || text.startsWith("P"))
                && (text.contains("COMMIT\u0000") || selfCommitting.stream().anyMatch(text::contains));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (SocketException e) {
            // already closed
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cutAll();
    }
}
