package dev.tabletalk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict reading of the identity header's JSON: each refused case is checked both on {@link StrictJson} and
 * end to end through {@link IdentityClaims#fromContextHeader}, where it must be {@code malformed_context} (or
 * {@code duplicate_key}), never a verified caller.
 */
class IdentityHeaderJsonTest {

    private static final String CLAIMS = "\"user_id\":\"u\",\"user_role\":\"editor\",\"company_id\":1";

    private static JsonNode parse(String json) throws IOException {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(byte[] json) {
        Verification outcome =
                IdentityClaims.fromContextHeader(Base64.getEncoder().encodeToString(json), 4096, "dev");
        assertThat(outcome).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) outcome).failure().reason();
    }

    private static String reason(String json) {
        return reason(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsOneStrictObjectAndTheClaimsInIt() throws IOException {
        JsonNode node = parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\", \"i\":-0, \"big\":123456789012345678901234567890,"
                + " \"f\":1.5, \"e\":1e2, \"t\":true, \"n\":null, \"a\":[1,[],{}], \"o\":{\"x\":false}}\r\n\t");
        assertThat(node.isObject()).isTrue();
        assertThat(node.get("s").textValue()).isEqualTo("a\"b\\c/\né");
        assertThat(node.get("big").isIntegralNumber()).isTrue();
        assertThat(node.get("f").isIntegralNumber()).isFalse();
        assertThat(node.get("e").isIntegralNumber()).isFalse();
        assertThat(node.get("n").isNull()).isTrue();
        assertThat(parse("\uFEFF{}").isObject()).isTrue();
        Verification verified = IdentityClaims.fromContextHeader(
                Base64.getEncoder()
                        .encodeToString(
                                (" {" + CLAIMS + ",\"extra\":{\"deep\":[1,2]}}\n").getBytes(StandardCharsets.UTF_8)),
                4096,
                "dev");
        assertThat(verified).isInstanceOf(Verification.Verified.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "{",
                "{\"a\":1,}",
                "[1,]",
                "{\"a\" 1}",
                "{a:1}",
                "{'a':1}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":+1}",
                "{\"a\":-}",
                "{\"a\":1e}",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":-Infinity}",
                "{\"a\":1}/*c*/",
                "{\"a\":1}//c",
                "/*c*/{\"a\":1}",
                "{\"a\":1}#c",
                "{\"a\":1} {}",
                "{\"a\":1} x",
                "{\"a\":tru}",
                "{\"a\":nul}",
                "{\"a\":truex}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"\\u12g4\"}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":\"open}",
                "{\"a\":1}\u000b",
                "\u0000{}",
                "[1 2]",
                "{\"a\":1 \"b\":2}"
            })
    void refusesWhatIsNotOneStrictJsonValue(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(IOException.class)
                .satisfies(e ->
                        assertThat(StrictJson.isDuplicateKey((IOException) e)).isFalse());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{" + CLAIMS + ",\"x\":NaN}",
                "{" + CLAIMS + ",\"x\":Infinity}",
                "{" + CLAIMS + ",\"x\":01}",
                "{" + CLAIMS + ",\"x\":007}",
                "{" + CLAIMS + "}/*c*/",
                "{" + CLAIMS + ",//c\n\"x\":1}",
                "{" + CLAIMS + "} {}",
                "{" + CLAIMS + "} x",
                "{" + CLAIMS + "}}",
                "{" + CLAIMS + ",\"x\":1,}"
            })
    void aHeaderWithNaNACommentALeadingZeroOrTrailingContentIsMalformed(String json) {
        assertThat(reason(json)).isEqualTo("malformed_context");
    }

    @Test
    void aRepeatedKeyIsReportedAsSuchAtAnyDepth() {
        for (String json : new String[] {
            "{\"a\":1,\"a\":2}",
            "{\"o\":{\"b\":1,\"b\":1}}",
            "[{\"c\":1,\"c\":2}]",
            "{\"o\":[{\"p\":{\"q\":1,\"q\":2}}]}"
        }) {
            assertThatThrownBy(() -> parse(json))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(StrictJson.isDuplicateKey((IOException) e))
                            .isTrue());
        }
        assertThat(reason("{" + CLAIMS + ",\"user_role\":\"admin\"}")).isEqualTo("duplicate_key");
        assertThat(reason("{" + CLAIMS + ",\"extra\":{\"k\":1,\"k\":2}}")).isEqualTo("duplicate_key");
        assertThat(reason("{" + CLAIMS + ",\"extra\":[{\"k\":{\"m\":1,\"m\":2}}]}"))
                .isEqualTo("duplicate_key");
    }

    @Test
    void nestingIsBoundedAt32Levels() throws IOException {
        assertThat(parse("[".repeat(32) + "]".repeat(32)).isArray()).isTrue();
        assertThat(parse("{\"a\":".repeat(32) + "1" + "}".repeat(32)).isObject())
                .isTrue();
        assertThatThrownBy(() -> parse("[".repeat(33) + "]".repeat(33))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"a\":".repeat(33) + "1" + "}".repeat(33)))
                .isInstanceOf(IOException.class);

        String deep31 = "[".repeat(31) + "]".repeat(31);
        String deep32 = "[".repeat(32) + "]".repeat(32);
        Verification verified = IdentityClaims.fromContextHeader(
                Base64.getEncoder()
                        .encodeToString(("{" + CLAIMS + ",\"x\":" + deep31 + "}").getBytes(StandardCharsets.UTF_8)),
                4096,
                "dev");
        assertThat(verified).isInstanceOf(Verification.Verified.class);
        assertThat(reason("{" + CLAIMS + ",\"x\":" + deep32 + "}")).isEqualTo("malformed_context");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "\"x\"", "42", "true", "[{\"user_id\":\"u\"}]"})
    void aValueThatIsNotAnObjectIsMalformed(String json) throws IOException {
        assertThat(parse(json).isObject()).isFalse();
        assertThat(reason(json)).isEqualTo("malformed_context");
    }

    @Test
    void numbersAndTextAreBounded() throws IOException {
        assertThat(parse("1".repeat(1000)).isIntegralNumber()).isTrue();
        assertThatThrownBy(() -> parse("1".repeat(1001))).isInstanceOf(IOException.class);
        byte[] notUtf8 = Arrays.copyOf("{\"a\":\"".getBytes(StandardCharsets.UTF_8), 8);
        notUtf8[6] = (byte) 0xC3;
        notUtf8[7] = (byte) 0x28;
        assertThatThrownBy(() -> StrictJson.parse(notUtf8)).isInstanceOf(IOException.class);
        assertThat(reason(notUtf8)).isEqualTo("malformed_context");
    }
}
