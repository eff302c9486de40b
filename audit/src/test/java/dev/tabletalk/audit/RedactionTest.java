package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
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
