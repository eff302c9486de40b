package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /admin/connect {"url": ...}}, for the operator only (checked by the gate): the URL must name a
 * {@code host:port} on the allowlist (URLs without a host never pass; the driver's default port counts as
 * named). Checked here, before any network access, and again by the port, which also requires TLS off
 * loopback and never adds the server's own password. Without the {@link TargetConnections} port the answer is
 * 501 and no connection is ever attempted. Refusals made here are recorded as the operator's refused connect
 * ({@code connect_<reason>}); the port records every call that reaches it. Neither the URL nor any part of
 * it is echoed, except the database description the port returns, which carries no credentials.
 */
final class ConnectHandler implements Handler {

    private final Optional<TargetConnections> targetConnections;
    private final Set<String> connectTargets;
    private final Refusals refusals;

    ConnectHandler(Optional<TargetConnections> targetConnections, Set<String> connectTargets, Refusals refusals) {
        this.targetConnections = targetConnections;
        this.connectTargets = connectTargets;
        this.refusals = refusals;
    }

    @Override
    public void handle(Context ctx) {
        UserContext operator = Caller.of(ctx).requireUser();
        String url;
        try {
            JsonNode node = StrictJson.parse(Caller.of(ctx).body());
            JsonNode value = node.get("url");
            if (!node.isObject() || node.size() != 1 || value == null || !value.isTextual()) {
                throw refuse(operator, ChatHandler.invalidBody("Send {\"url\": \"postgresql://user@host:5432/db\"}."));
            }
            url = value.textValue();
        } catch (IOException e) {
            throw refuse(operator, ChatHandler.invalidBody("Send {\"url\": \"postgresql://user@host:5432/db\"}."));
        }
        Optional<String> target;
        try {
            target = targetOf(url);
        } catch (IllegalArgumentException e) {
            throw refuse(
                    operator,
                    Problem.of(
                            400,
                            "unsupported_url",
                            "Unsupported database URL",
                            "Give a database URL that names one host, such as mariadb://user@host:3306/db or "
                                    + "postgresql://user@host:5432/db."));
        }
        if (target.isEmpty() || !connectTargets.contains(target.get())) {
            throw refuse(
                    operator,
                    Problem.of(
                            403,
                            "host_not_allowed",
                            "Host not allowed",
                            "That host and port are not on the server's allowlist of databases (--allow-connect)."));
        }
        if (targetConnections.isEmpty()) {
            throw refuse(
                    operator,
                    Problem.of(
                            501,
                            "connect_not_supported",
                            "Not supported",
                            "This server serves the database it was started with; restart it with the new database URL."));
        }
        ConnectOutcome outcome = targetConnections.get().connect(url, operator);
        if (outcome instanceof ConnectOutcome.Connected connected) {
            ctx.attribute(Exchange.OUTCOME_ATTRIBUTE, "ok");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("database", connected.database());
            body.put("exposedEntities", connected.exposedEntities());
            Exchange.writeJson(ctx, 200, body);
            return;
        }
        // a refusal of the port, already recorded there
        throw new RefusedRequestException(connectProblem((ConnectOutcome.Refused) outcome));
    }

    /** The problem for a refusal of the port (already recorded there). */
    static Problem connectProblem(ConnectOutcome.Refused refused) {
        return switch (refused.reason()) {
            case FORBIDDEN -> Problem.of(403, "forbidden", "Forbidden", refused.message());
            case TLS_REQUIRED -> Problem.of(400, "tls_required", "TLS required", refused.message());
            case HOST_NOT_ALLOWED -> Problem.of(403, "host_not_allowed", "Host not allowed", refused.message());
            case UNSUPPORTED_URL -> Problem.of(400, "unsupported_url", "Unsupported database URL", refused.message());
            case CONNECTION_FAILED -> Problem.of(502, "connection_failed", "Connection failed", refused.message());
            case AUDIT_UNAVAILABLE ->
                Problem.of(503, "audit_unavailable", "Service unavailable", refused.message())
                        .retryAfter(5);
            case SEVERAL_SERVERS -> Problem.of(409, "several_servers", "Not with several servers", refused.message());
            case SHARED_STATE_UNAVAILABLE ->
                Problem.of(503, "shared_state_unavailable", "Service unavailable", refused.message())
                        .retryAfter(5);
            case OUTCOME_UNKNOWN -> Problem.of(503, "outcome_unknown", "Outcome unknown", refused.message());
        };
    }

    /** A refusal made before the port was reached, recorded as the operator's refused connect. */
    private RefusedRequestException refuse(UserContext operator, Problem problem) {
        return refusals.ofCaller(
                operator,
                Route.CONNECT,
                problem,
                "host_not_allowed".equals(problem.reason()) || "connect_not_supported".equals(problem.reason())
                        ? RefusalCode.ROLE_FORBIDS
                        : RefusalCode.NOT_UNDERSTOOD,
                "connect_" + problem.reason());
    }

    /**
     * The {@code host:port} a database URL names, lower case ({@code [v6]:port} for IPv6), with the scheme's
     * default port when it names none ({@code 5432} for PostgreSQL, {@code 3306} for MariaDB/MySQL); empty when it
     * names no host (a file, an in-memory database, several hosts, the driver's default host).
     *
     * @throws IllegalArgumentException when the URL cannot be read at all
     */
    static Optional<String> targetOf(String url) {
        String text = url.strip();
        String plain = text.regionMatches(true, 0, "jdbc:", 0, 5) ? text.substring(5) : text;
        URI uri = URI.create(plain);
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("no scheme");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        int port = uri.getPort();
        if (port < 0) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            port = scheme.startsWith("postgres")
                    ? 5432
                    : scheme.startsWith("mariadb") || scheme.startsWith("mysql") ? 3306 : -1;
        }
        if (port < 1) {
            return Optional.empty();
        }
        return Optional.of(TargetConnections.target(host + ":" + port));
    }
}
