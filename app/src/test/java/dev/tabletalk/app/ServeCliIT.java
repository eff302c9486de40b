package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code tabletalk serve --demo} as a process: the HTTP API answers, and SIGTERM stops it cleanly. */
class ServeCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("serves (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void servesTheDemoOverHttpWithTheSameReplyJsonAsTheChat() throws Exception {
        Process process = new ProcessBuilder(JarCommand.line(
                        List.of("serve", "--demo", "--port", "0", "--audit-db", TableTalkJar.memoryAuditStore())))
                .directory(JarCommand.workDir().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String banner = out.readLine();
            assertThat(banner).isNotNull();
            Matcher matcher = ADDRESS.matcher(banner);
            assertThat(matcher.find()).as(banner).isTrue();
            URI base = URI.create(matcher.group(1));

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String identity = Base64.getEncoder()
                    .encodeToString("{\"user_id\":\"mia\",\"user_role\":\"editor\",\"company_id\":1}"
                            .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> chat = http.send(
                    HttpRequest.newBuilder(base.resolve("/chat"))
                            .header("x-user-context", identity)
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"show products\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).isEqualTo(200);
            JsonNode reply = JSON.readTree(chat.body());
            assertThat(reply.get("stage").asText()).isEqualTo("IDLE");
            assertThat(reply.get("rows")).hasSize(4);
            reply.get("rows")
                    .forEach(row -> assertThat(row.get("company_id").asInt()).isEqualTo(1));

            HttpResponse<String> anonymous = http.send(
                    HttpRequest.newBuilder(base.resolve("/chat"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"show products\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
        }
    }

    @Test
    void aMissingJwtSettingIsAUsageErrorOnOneLine() {
        TableTalkJar.Result result = TableTalkJar.run(
                "", "serve", "--demo", "--port", "0", "--auth", "jwt", "--audit-db", TableTalkJar.memoryAuditStore());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(result.stderr()).contains("TABLETALK_JWT_ISSUER");
    }
}
