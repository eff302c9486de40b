package dev.tabletalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.user.UserContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityClaimsTest {

    private static Verification header(String json) {
        return IdentityClaims.fromContextHeader(
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), 4096, "dev");
    }

    private static String reason(Verification outcome) {
        assertThat(outcome).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) outcome).failure().reason();
    }

    @Test
    @Tag("invariant-7")
    void aGoodContextGivesTheUserWithTheTenantFromCompanyId() {
        Verification outcome = header("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101}");
        assertThat(outcome).isInstanceOf(Verification.Verified.class);
        UserContext user = ((Verification.Verified) outcome).user();
        assertThat(user.userId()).isEqualTo("u-1001");
        assertThat(user.role()).isEqualTo("editor");
        assertThat(user.tenantId()).contains("101");
    }

    @Test
    void anIntegerUserIdIsAcceptedAndNormalisedToText() {
        Verification outcome = header("{\"user_id\": 42, \"user_role\": \"admin\", \"company_id\": 10}");
        assertThat(outcome).isInstanceOf(Verification.Verified.class);
        UserContext user = ((Verification.Verified) outcome).user();
        assertThat(user.userId()).isEqualTo("42");
        assertThat(user.tenantId()).contains("10");
        Map<String, Object> claims = new HashMap<>(Map.of("user_id", 42L, "user_role", "admin", "company_id", 10L));
        assertThat(((Verification.Verified) IdentityClaims.fromJwtClaims(claims))
                        .user()
                        .userId())
                .isEqualTo("42");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"user_id\":true,\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_id\":4.2,\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_id\":{},\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_id\":[42],\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_id\":null,\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_id\":99999999999999999999,\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_id\":42,\"user_role\":\"editor\",\"company_id\":{}}|type_error",
                "{\"user_id\":42,\"user_role\":\"editor\",\"company_id\":\"\"}|type_error",
                "{\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":\"101\"}|type_error",
                "{\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":1e2}|type_error",
                "{\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":true}|type_error",
                "{\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":-1}|type_error",
                "{\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":99999999999999999999}|type_error",
                "{\"user_id\":\"u\",\"user_role\":\"edi tor\",\"company_id\":1}|type_error",
                "{\"user_id\":\"\",\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_id\":\"u\\n2\",\"user_role\":\"editor\",\"company_id\":1}|type_error",
                "{\"user_role\":\"editor\",\"company_id\":1}|missing_claim",
                "{\"user_id\":\"u\",\"company_id\":1}|missing_claim",
                "{\"user_id\":\"u\",\"user_role\":\"editor\"}|missing_claim",
                "{\"user_id\":\"u\",\"user_id\":\"v\",\"user_role\":\"editor\",\"company_id\":1}|duplicate_key",
                "{\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":NaN}|malformed_context",
                "{\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":1} x|malformed_context",
                "[]|malformed_context",
                "null|malformed_context",
                "' '|malformed_context"
            })
    void badContextsAreRefusedWithTheirReason(String json, String reason) {
        assertThat(reason(header(json))).isEqualTo(reason);
    }

    @Test
    void theSizeIsCheckedBeforeDecoding() {
        assertThat(reason(IdentityClaims.fromContextHeader("A".repeat(4097), 4096, "dev")))
                .isEqualTo("context_too_large");
        assertThat(reason(IdentityClaims.fromContextHeader("", 4096, "dev"))).isEqualTo("missing_context");
        assertThat(reason(IdentityClaims.fromContextHeader("e30", 4096, "dev"))).isEqualTo("missing_claim");
        assertThat(reason(IdentityClaims.fromContextHeader("e3-_", 4096, "dev")))
                .isEqualTo("malformed_context");
    }

    @Test
    void jwtClaimsFollowTheSameRules() {
        Map<String, Object> claims = new HashMap<>(Map.of("user_id", "u", "user_role", "editor", "company_id", 7L));
        assertThat(IdentityClaims.fromJwtClaims(claims)).isInstanceOf(Verification.Verified.class);
        claims.put("company_id", "7");
        assertThat(reason(IdentityClaims.fromJwtClaims(claims))).isEqualTo("type_error");
        claims.put("company_id", 7.0);
        assertThat(reason(IdentityClaims.fromJwtClaims(claims))).isEqualTo("type_error");
        claims.remove("company_id");
        assertThat(reason(IdentityClaims.fromJwtClaims(claims))).isEqualTo("missing_claim");
    }
}
