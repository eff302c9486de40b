package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A client of a running server's operator routes ({@code tabletalk admin ...}): the read-only switch and reload,
 * with the operator token as {@code Authorization: Bearer}. The token is sent to the given server only and never
 * appears in a message. Failures are {@link OperatorClientException}s whose message tells the operator what to do.
 *
 * <pre>{@code
 * OperatorClient client = OperatorClient.create(URI.create("http://127.0.0.1:8080"), token);
 * client.switchReadOnly(true);   // every write refused from the next turn
 * }</pre>
 */
public final class OperatorClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http;

    private OperatorClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A client of the server at {@code base} ({@code http://host:port}).
     *
     * @throws IllegalArgumentException when {@code base} is not an {@code http(s)} URL with a host, or the token is
     *     blank
     */
    public static OperatorClient create(URI base, String token) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(token, "token");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
            throw new IllegalArgumentException("give the server's address as http://host:port");
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("the operator token is empty");
        }
        return new OperatorClient(base, token.strip());
    }

    /**
     * Whether read-only mode is on.
     *
     * @throws OperatorClientException when the server cannot be reached or refuses
     */
    public boolean readOnly() {
        JsonNode answer = send("GET", "/admin/read-only", null);
        return answer.path("on").asBoolean();
    }

    /**
     * Switches read-only mode.
     *
     * @return the position now and whether it moved
     * @throws OperatorClientException when the server cannot be reached or refuses
     */
    public Switched switchReadOnly(boolean on) {
        JsonNode answer = send("POST", "/admin/read-only", "{\"on\":" + on + "}");
        return new Switched(
                answer.path("on").asBoolean(), answer.path("changed").asBoolean());
    }

    /**
     * Reloads the settings and the catalog.
     *
     * @throws OperatorClientException when the server cannot be reached or refuses (invalid settings included)
     */
    public Reloaded reload() {
        JsonNode answer = send("POST", "/admin/reload", "{}");
        List<String> notes = new ArrayList<>();
        answer.path("notes").forEach(note -> notes.add(note.asText()));
        return new Reloaded(
                answer.path("reloaded").asText(),
                answer.path("exposedEntities").asInt(),
                answer.path("readOnly").asBoolean(),
                notes);
    }

    /**
     * The switch's position after a switch.
     *
     * @param on whether read-only mode is on now
     * @param changed whether it moved
     */
    public record Switched(boolean on, boolean changed) {}

    /**
     * What a reload did.
     *
     * @param what {@code catalog} or {@code settings and catalog}
     * @param exposedEntities the entities the catalog exposes now
     * @param readOnly whether read-only mode is on after it
     * @param notes what the operator should know
     */
    public record Reloaded(String what, int exposedEntities, boolean readOnly, List<String> notes) {
        public Reloaded {
            notes = List.copyOf(notes);
        }
    }

    private JsonNode send(String method, String path, String body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new OperatorClientException(
                    OperatorClientException.Kind.UNREACHABLE,
                    "cannot connect to " + base + " (connection refused): is `tabletalk serve` running there?");
        } catch (IOException e) {
            throw new OperatorClientException(
                    OperatorClientException.Kind.UNREACHABLE,
                    "cannot reach " + base + ": " + e.getClass().getSimpleName()
                            + "; check the address and that the server is running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorClientException(OperatorClientException.Kind.UNREACHABLE, "interrupted");
        }
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status == 200) {
            return json;
        }
        String detail = json.path("detail").asText("");
        throw switch (status) {
            case 401 ->
                new OperatorClientException(
                        OperatorClientException.Kind.UNAUTHORIZED,
                        "the server refused the operator token (401): set TABLETALK_ADMIN_TOKEN, or --token-file, to "
                                + "the token the server was started with");
            case 404 ->
                new OperatorClientException(
                        OperatorClientException.Kind.NOT_ENABLED,
                        "the server has no operator token set (404): start `tabletalk serve` with "
                                + "TABLETALK_ADMIN_TOKEN to use the admin commands");
            case 503 -> new OperatorClientException(OperatorClientException.Kind.UNAVAILABLE, or(detail, status));
            default ->
                new OperatorClientException(
                        status >= 400 && status < 500
                                ? OperatorClientException.Kind.REFUSED
                                : OperatorClientException.Kind.FAILED,
                        or(detail, status));
        };
    }

    private static String or(String detail, int status) {
        return detail.isBlank() ? "the server answered " + status : detail;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return StrictJson.parse(body);
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's page, an empty body): the status alone tells what happened
            return MissingNode.getInstance();
        }
    }
}
