package dev.tabletalk.mcp;

import dev.tabletalk.core.user.UserContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.Serial;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Binds each MCP session of the Streamable HTTP transport to the caller who opened it. The transport keeps a session
 * by the id it hands out on {@code initialize} ({@code Mcp-Session-Id}) and knows nothing of identities, so a request
 * of another verified caller bearing that id would be served in the session: it could even answer the person's
 * question that confirms a write. Here a request naming a session is passed on only when its verified caller is the
 * session's owner (same user, role and tenant); any other caller gets 404, exactly what a session that does not exist
 * gets, so the answer tells nothing.
 */
final class SessionOwners extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String SESSION_HEADER = "Mcp-Session-Id";

    /** Who opened a session: the parts of a caller that decide what it may reach. */
    private record Owner(String userId, String role, Optional<String> tenantId) {

        static Owner of(UserContext user) {
            return new Owner(user.userId(), user.role(), user.tenantId());
        }
    }

    private final transient HttpServlet transport;
    private final transient Function<HttpServletRequest, Optional<UserContext>> callers;
    private final transient Map<String, Owner> owners = new ConcurrentHashMap<>();

    SessionOwners(HttpServlet transport, Function<HttpServletRequest, Optional<UserContext>> callers) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.callers = Objects.requireNonNull(callers, "callers");
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
        Optional<Owner> caller = callers.apply(request).map(Owner::of);
        String session = request.getHeader(SESSION_HEADER);
        if (session == null) {
            // a new session: note its owner when the transport hands out its id
            transport.service(request, caller.isPresent() ? new NotingOwner(response, caller.get()) : response);
            return;
        }
        Owner owner = owners.get(session);
        if (owner == null || caller.isEmpty() || !owner.equals(caller.get())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        transport.service(request, response);
        boolean ended = "DELETE".equals(request.getMethod()) && response.getStatus() < 300;
        if (ended || response.getStatus() == HttpServletResponse.SC_NOT_FOUND) {
            // closed by its client, or no longer known to the transport: its owner need not be kept
            owners.remove(session);
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
                owners.putIfAbsent(value, owner);
            }
        }
    }
}
