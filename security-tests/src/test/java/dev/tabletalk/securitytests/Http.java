package dev.tabletalk.securitytests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A small HTTP client for the real server: JSON in, status + headers + body out. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String previewId() {
            JsonNode preview = json().path("preview");
            if (preview.isMissingNode() || preview.isNull()) {
                throw new AssertionError("no preview in " + body);
            }
            return preview.path("previewId").asText();
        }

        String sessionId() {
            return json().path("sessionId").asText();
        }

        boolean committed() {
            return json().path("refusal").isNull()
                    && json().path("error").isNull()
                    && body.contains("\"stage\":\"IDLE\"")
                    && json().path("preview").isNull()
                    && json().path("rows").isNull();
        }

        String refusalCode() {
            return json().path("refusal").path("code").asText("");
        }
    }

    /** The dev identity header for a user. */
    static String devContext(String userId, String role, long company) {
        return encode("{\"user_id\":\"" + userId + "\",\"user_role\":\"" + role + "\",\"company_id\":" + company + "}");
    }

    static String encode(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> headers(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String chatBody(String sessionId, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (sessionId != null) {
            body.put("sessionId", sessionId);
        }
        body.put("message", message);
        return write(body);
    }

    static String confirmBody(String sessionId, String previewId) {
        return write(Map.of("sessionId", sessionId, "confirm", previewId));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response post(String path, Map<String, String> headers, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                headers);
    }

    Response get(String path, Map<String, String> headers) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET(),
                headers);
    }

    private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
        headers.forEach(builder::header);
        if (!headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response =
                    client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> out = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            return new Response(response.statusCode(), out, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
