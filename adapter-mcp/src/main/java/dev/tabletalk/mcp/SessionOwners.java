package dev.tabletalk.mcp;

import dev.tabletalk.core.user.UserContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.Serial;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds each MCP session of the Streamable HTTP transport to the caller who opened it. The transport keeps a session
 * by the id it hands out on {@code initialize} ({@code Mcp-Session-Id}) and knows nothing of identities, so a request
 * of another verified caller bearing that id would be served in the session: it could even answer the person's
 * question that confirms a write. Here a request naming a session is passed on only when its verified caller is the
 * session's owner (same user, role and tenant); any other caller gets 404, exactly what a session that does not exist
 * gets, so the answer tells nothing.
 *
 * <p>A caller keeps at most {@value #MAX_SESSIONS_PER_OWNER} sessions: the transport keeps a session until its client
 * deletes it, so clients that go away without {@code DELETE} (or a caller who keeps initializing) would otherwise
 * grow the server's memory without end. Opening one more closes that caller's least recently used session (as a
 * {@code DELETE} of it would); its client then gets 404 and initializes again, as after a server restart. For the same
 * reason a session that no request has named for {@link #IDLE_TIMEOUT} is closed the same way, whoever's it is: a
 * client that went away for good leaves nothing behind, and one that comes back after that long initializes again.
 * (Its conversations are not the session's: they are named by the tool's {@code sessionId} and live in the session
 * store.) Idle sessions are looked for at most every tenth of the timeout, by the request that finds the time due.
 */
final class SessionOwners extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String SESSION_HEADER = "Mcp-Session-Id";

    /** The most sessions one caller keeps open, as the conversations a user keeps by default. */
    static final int MAX_SESSIONS_PER_OWNER = 20;

    /** How long a session may go without a request naming it before it is closed, as the conversations' idle time. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(SessionOwners.class);

    /** Who opened a session: the parts of a caller that decide what it may reach. */
    private record Owner(String userId, String role, Optional<String> tenantId) {

        static Owner of(UserContext user) {
            return new Owner(user.userId(), user.role(), user.tenantId());
        }
    }

    private final transient HttpServlet transport;
    private final transient Function<HttpServletRequest, Optional<UserContext>> callers;
    private final transient Map<String, Owner> owners = new ConcurrentHashMap<>();
    /** Each owner's sessions, least recently used first; guarded by itself. */
    private final transient Map<Owner, LinkedHashSet<String>> byOwner = new HashMap<>();
    /** When a request last named each session, by {@link #nanoClock}. */
    private final transient Map<String, Long> lastUsed = new ConcurrentHashMap<>();

    private final transient LongSupplier nanoClock;
    private final long idleNanos;
    private final transient AtomicLong nextSweep;

    SessionOwners(HttpServlet transport, Function<HttpServletRequest, Optional<UserContext>> callers) {
        this(transport, callers, IDLE_TIMEOUT, System::nanoTime);
    }

    /** The binding with its own idle timeout and clock (for tests). */
    SessionOwners(
            HttpServlet transport,
            Function<HttpServletRequest, Optional<UserContext>> callers,
            Duration idleTimeout,
            LongSupplier nanoClock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.callers = Objects.requireNonNull(callers, "callers");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.idleNanos = idleTimeout.toNanos();
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + sweepEvery());
    }

    @Override
    public void init() throws ServletException {
        transport.init(getServletConfig());
    }

    @Override
    public void destroy() {
        transport.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        closeIdle(request);
        Optional<Owner> caller = callers.apply(request).map(Owner::of);
        String session = request.getHeader(SESSION_HEADER);
        if (session == null) {
            // a new session: note its owner when the transport hands out its id
            transport.service(request, caller.isPresent() ? new NotingOwner(response, caller.get()) : response);
            caller.ifPresent(owner -> overCap(owner)
                    .forEach(
                            oldest -> close(request, oldest, "its caller opened more than " + MAX_SESSIONS_PER_OWNER)));
            return;
        }
        Owner owner = owners.get(session);
        if (owner == null || caller.isEmpty() || !owner.equals(caller.get()) || !named(owner, session)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        transport.service(request, response);
        boolean ended = "DELETE".equals(request.getMethod()) && response.getStatus() < 300;
        if (ended || response.getStatus() == HttpServletResponse.SC_NOT_FOUND) {
            // closed by its client, or no longer known to the transport: its owner need not be kept
            forget(session);
        }
    }

    private void opened(Owner owner, String session) {
        if (owners.putIfAbsent(session, owner) == null) {
            used(owner, session);
        }
    }

    private void used(Owner owner, String session) {
        lastUsed.put(session, nanoClock.getAsLong());
        synchronized (byOwner) {
            LinkedHashSet<String> sessions = byOwner.computeIfAbsent(owner, o -> new LinkedHashSet<>());
            sessions.remove(session);
            sessions.add(session);
        }
    }

    /**
     * Marks a session a request names as used, unless the idle sweep took it since its owner was looked up: then it is
     * gone (forgotten, and closed in the transport), and the request gets what any unknown session gets. The sweep
     * takes a session only at the last use it saw, so of the two exactly one wins.
     */
    private boolean named(Owner owner, String session) {
        long now = nanoClock.getAsLong();
        if (lastUsed.computeIfPresent(session, (id, before) -> now) == null) {
            return false;
        }
        synchronized (byOwner) {
            LinkedHashSet<String> sessions = byOwner.get(owner);
            if (sessions != null && sessions.remove(session)) {
                sessions.add(session);
            }
        }
        return true;
    }

    private void forget(String session) {
        lastUsed.remove(session);
        Owner owner = owners.remove(session);
        if (owner != null) {
            synchronized (byOwner) {
                Set<String> sessions = byOwner.get(owner);
                if (sessions != null && sessions.remove(session) && sessions.isEmpty()) {
                    byOwner.remove(owner);
                }
            }
        }
    }

    /** The owner's least recently used sessions beyond the cap, no longer theirs. */
    private List<String> overCap(Owner owner) {
        List<String> dropped;
        synchronized (byOwner) {
            LinkedHashSet<String> sessions = byOwner.get(owner);
            if (sessions == null || sessions.size() <= MAX_SESSIONS_PER_OWNER) {
                return List.of();
            }
            dropped = sessions.stream()
                    .limit(sessions.size() - MAX_SESSIONS_PER_OWNER)
                    .toList();
        }
        dropped.forEach(this::forget);
        return dropped;
    }

    /**
     * Closes, when the time for it has come, every session no request has named for the idle timeout: each is
     * forgotten first (unless a request named it meanwhile), so nobody reaches it again, then closed in the transport.
     */
    private void closeIdle(HttpServletRequest request) {
        long now = nanoClock.getAsLong();
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + sweepEvery())) {
            return;
        }
        List<String> idle = new ArrayList<>();
        lastUsed.forEach((session, used) -> {
            if (now - used >= idleNanos && lastUsed.remove(session, used)) {
                idle.add(session);
            }
        });
        for (String session : idle) {
            forget(session);
            close(request, session, "idle for " + IDLE_TIMEOUT.toMinutes() + " minutes or more");
        }
    }

    private long sweepEvery() {
        return Math.max(Duration.ofSeconds(1).toNanos(), idleNanos / 10);
    }

    /**
     * Closes a session in the transport as its client's {@code DELETE} would, carried by the request at hand (the
     * transport closes whatever session the {@code DELETE} names); it is already gone from the owners, so whatever the
     * transport answers, nobody reaches it.
     */
    private void close(HttpServletRequest request, String session, String why) {
        int[] status = {0};
        try {
            transport.service(new DeleteOf(request, session), statusOnly(status));
        } catch (ServletException | IOException | RuntimeException e) {
            log.warn("could not close MCP session {} ({}): {}", session, why, e.getMessage());
            return;
        }
        if (status[0] == HttpServletResponse.SC_OK || status[0] == HttpServletResponse.SC_NOT_FOUND) {
            // 404: the transport had dropped it already (a stream it could not write to)
            log.debug("closed MCP session {}: {}", session, why);
        } else {
            log.warn("could not close MCP session {} ({}): the transport answered {}", session, why, status[0]);
        }
    }

    /** A response that keeps only its status, for the {@code DELETE} of a session over the cap. */
    private static HttpServletResponse statusOnly(int[] status) {
        return (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("setStatus") || name.equals("sendError")) && args[0] instanceof Integer code) {
                        status[0] = code;
                    }
                    Class<?> type = method.getReturnType();
                    if (type == boolean.class) {
                        return false;
                    }
                    if (type == int.class) {
                        return name.equals("getStatus") ? status[0] : 0;
                    }
                    if (type == long.class) {
                        return 0L;
                    }
                    return null;
                });
    }

    /** The caller's request turned into a {@code DELETE} of {@code session}. */
    private static final class DeleteOf extends HttpServletRequestWrapper {

        private final String session;

        DeleteOf(HttpServletRequest request, String session) {
            super(request);
            this.session = session;
        }

        @Override
        public String getMethod() {
            return "DELETE";
        }

        @Override
        public String getHeader(String name) {
            return SESSION_HEADER.equalsIgnoreCase(name) ? session : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return SESSION_HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(session))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
            names.add(SESSION_HEADER);
            return Collections.enumeration(names);
        }
    }

    /** The response of a request without a session: the session id the transport sets on it is its caller's. */
    private final class NotingOwner extends HttpServletResponseWrapper {

        private final Owner owner;

        NotingOwner(HttpServletResponse response, Owner owner) {
            super(response);
            this.owner = owner;
        }

        @Override
        public void setHeader(String name, String value) {
            note(name, value);
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            note(name, value);
            super.addHeader(name, value);
        }

        private void note(String name, String value) {
            if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
                opened(owner, value);
            }
        }
    }
}
