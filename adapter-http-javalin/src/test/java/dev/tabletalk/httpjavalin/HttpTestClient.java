package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JDK HTTP client against a started server. */
final class HttpTestClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final int port;

    HttpTestClient(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /** A response with its body as text and as JSON (when it is JSON). */
    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        String reason() {
            return json().path("reason").asText();
        }
    }

    /** The server's port, for tests that speak raw TCP to it. */
    int port() {
        return port;
    }

    Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
    }

    Response post(String path, String body, String... headers) {
        return postBytes(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    Response postBytes(String path, byte[] body, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        boolean hasType = false;
        for (int i = 0; i < headers.length; i += 2) {
            hasType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!hasType) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder, headers);
    }

    private Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response =
                    client.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The dev identity header of a JSON text. */
    static String context(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String context(String userId, String role, long company) {
        return context(
                "{\"user_id\":\"" + userId + "\",\"user_role\":\"" + role + "\",\"company_id\":" + company + "}");
    }

    /** A chat body. */
    static String chat(String sessionId, String message) {
        try {
            var node = MAPPER.createObjectNode();
            if (sessionId != null) {
                node.put("sessionId", sessionId);
            }
            node.put("message", message);
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
