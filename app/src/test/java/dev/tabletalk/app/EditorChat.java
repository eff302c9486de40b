package dev.tabletalk.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** {@code POST /chat} of the shop's editor (u-1001 of tenant 101, by the dev identity header) to a served process. */
final class EditorChat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = Base64.getEncoder()
            .encodeToString(
                    ("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":" + ShopFixture.TENANT + "}")
                            .getBytes(StandardCharsets.UTF_8));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Says {@code message} in the conversation {@code session} ({@code null}: a new one); the reply's JSON. */
    JsonNode say(URI base, String session, String message) throws Exception {
        String body = JSON.writeValueAsString(
                session == null ? Map.of("message", message) : Map.of("sessionId", session, "message", message));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/chat"))
                        .header("x-user-context", IDENTITY)
                        .header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
