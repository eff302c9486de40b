package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tabletalk.identity.HmacSettings;
import dev.tabletalk.identity.JwtSettings;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pins {@code /openapi.json} whole, for each auth mode and with and without the operator route: the golden files
 * under {@code src/test/resources/openapi/} are the pretty-printed document, and the bytes the server sends must be
 * exactly that document written compactly. A deliberate change to the API description updates the golden file in
 * the same commit.
 */
class OpenApiDocumentTest {

    @Test
    void theDevDocumentWithoutTheOperatorRouteIsUnchanged() throws IOException {
        assertMatchesGolden(HttpConfig.builder().build(), "dev.json");
    }

    @Test
    void theJwtDocumentWithTheOperatorRouteIsUnchanged() throws IOException {
        HttpConfig config = HttpConfig.builder()
                .jwt(new JwtSettings(
                        "iss",
                        "aud",
                        Optional.of("jwt-secret-value-of-32-bytes-or-more"),
                        Optional.empty(),
                        Optional.of(URI.create("https://idp.example/jwks")),
                        Duration.ofSeconds(30)))
                .adminToken("operator-token-for-the-tests-0123456789abcdef")
                .connectTargets(Set.of("db.internal:5432"))
                .build();
        assertMatchesGolden(config, "jwt-connect.json");
    }

    @Test
    void theHmacDocumentIsUnchanged() throws IOException {
        HttpConfig config = HttpConfig.builder()
                .hmac(new HmacSettings(Map.of("gw", "hmac-secret-value-of-32-bytes-or-more"), Duration.ofSeconds(300)))
                .build();
        assertMatchesGolden(config, "hmac.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMountedPathIsListedWithPostGetAndDeleteUnderTheSecurityOfChat() {
        HttpConfig config = HttpConfig.builder().build();
        List<Route> mcp = Route.MOUNTED_METHODS.stream()
                .map(method -> Route.mounted(method, "/mcp", "mcp", "The MCP endpoint"))
                .toList();

        Map<String, Object> paths =
                (Map<String, Object>) OpenApiDocument.build(config, mcp).get("paths");

        Map<String, Object> item = (Map<String, Object>) paths.get("/mcp");
        assertThat(item).containsOnlyKeys("post", "get", "delete");
        Object chatSecurity =
                ((Map<String, Object>) ((Map<String, Object>) paths.get("/chat")).get("post")).get("security");
        for (String method : List.of("post", "get", "delete")) {
            Map<String, Object> operation = (Map<String, Object>) item.get(method);
            assertThat(operation.get("summary")).isEqualTo("The MCP endpoint");
            assertThat(operation.get("security")).isEqualTo(chatSecurity);
        }
        assertThat((Map<String, Object>) ((Map<String, Object>) item.get("post")).get("responses"))
                .containsKeys("200", "202", "401", "413", "415", "429");
        assertThat((Map<String, Object>) ((Map<String, Object>) item.get("delete")).get("responses"))
                .containsKey("401")
                .doesNotContainKey("429");
        assertThat(OpenApiDocument.build(config, List.of()))
                .as("without a mount the document is the one of the golden files")
                .isEqualTo(OpenApiDocument.build(config));
    }

    private static void assertMatchesGolden(HttpConfig config, String name) throws IOException {
        Map<String, Object> document = OpenApiDocument.build(config);
        String golden = golden(name);
        assertThat(pretty(document) + "\n")
                .as("the document against openapi/%s", name)
                .isEqualTo(golden);
        // what ServiceHandlers serves: the same document, byte for byte, without whitespace
        byte[] served = StrictJson.write(document);
        assertThat(new String(served, StandardCharsets.UTF_8))
                .isEqualTo(new String(
                        StrictJson.write(StrictJson.parse(golden.getBytes(StandardCharsets.UTF_8))),
                        StandardCharsets.UTF_8));
    }

    private static String pretty(Object document) {
        try {
            return StrictJson.writer().withDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi/" + name)) {
            assertThat(in).as("golden file openapi/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
