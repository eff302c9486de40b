package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEwMDEifQ.c2lnbmF0dXJlLXZhbHVl";

    @Test
    void removesJwtsAndBearerTokensFromFreeText() {
        assertThat(Redaction.text("my token is " + JWT + " ok")).isEqualTo("my token is [redacted] ok");
        assertThat(Redaction.text("Authorization: Bearer abcdefgh12345678"))
                .isEqualTo("Authorization: Bearer [redacted]");
        assertThat(Redaction.text("show the 10 newest orders from Berlin"))
                .isEqualTo("show the 10 newest orders from Berlin");
    }

    @Test
    void freeTextIsRedactedExactlyAsThePatternsAloneWould() {
        Pattern jwt = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
        Pattern authScheme = Pattern.compile("(?i)\\b(bearer|basic|token)(\\s+)[A-Za-z0-9._~+/=-]{8,}");
        List<String> parts = List.of(
                "show",
                " ",
                "BEARER",
                "Bearer",
                "bAsIc",
                "tokens",
                "TOKEN",
                "\t",
                "\n",
                "abcdefgh12345678",
                "eyJ",
                JWT,
                "eyJhbGci.x",
                ".",
                "-",
                "Berlin",
                "é",
                "\u017F",
                "\u212A",
                "ok=",
                "/+=~");
        Random random = new Random(17);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                text.append(parts.get(random.nextInt(parts.size())));
            }
            String value = text.toString();
            String expected = authScheme
                    .matcher(jwt.matcher(value).replaceAll(Redaction.REDACTED))
                    .replaceAll("$1$2" + Redaction.REDACTED);
            assertThat(Redaction.text(value)).as(value).isEqualTo(expected);
        }
    }

    @Test
    void removesPasswordAssignmentsFromDiagnostics() {
        assertThat(Redaction.diagnostic("jdbc:postgresql://db/x?user=a&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=a&password=[redacted]&ssl=true");
        assertThat(Redaction.diagnostic("{\"api_key\": \"sk-123\"}")).isEqualTo("{\"api_key\": [redacted]}");
    }

    @Test
    void dropsTheValuesOfSecretNamedAttributesAndKeepsTheRest() {
        Map<String, String> redacted = Redaction.attributes(
                Map.of("access_token", "opaque", "X-Api-Key", "k", "department", "sales", "note", "Bearer " + JWT));

        assertThat(redacted)
                .containsEntry("access_token", Redaction.REDACTED)
                .containsEntry("X-Api-Key", Redaction.REDACTED)
                .containsEntry("department", "sales")
                .containsEntry("note", "Bearer " + Redaction.REDACTED);
    }

    @Test
    void dropsTheValuesOfSecretNamedFieldsButKeepsTheirNamesAndNulls() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("password", "hunter2");
        fields.put("password_reset", null);
        fields.put("name", "Ada");

        assertThat(Redaction.fields(fields))
                .containsEntry("password", Redaction.REDACTED)
                .containsEntry("password_reset", null)
                .containsEntry("name", "Ada");
    }
}
