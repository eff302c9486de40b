package dev.tabletalk.identity;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reads the identity header's JSON strictly with Jackson, configured as the HTTP adapter's mapper read it before
 * the identity module existed: exactly one JSON value with nothing after it (trailing tokens refused), no
 * duplicate key at any depth, no comments, no {@code NaN}/{@code Infinity}, no leading zeros, nesting at most
 * {@value #MAX_DEPTH} deep (and Jackson's default limits on the length of numbers and strings).
 */
final class StrictJson {

    static final int MAX_DEPTH = 32;

    private static final ObjectReader READER = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
                    .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .reader();

    private StrictJson() {}

    /**
     * Reads one strict JSON value.
     *
     * @throws IOException for anything that is not exactly one well-formed JSON value without duplicate keys
     */
    static JsonNode parse(byte[] utf8) throws IOException {
        JsonNode node = READER.readTree(utf8);
        if (node == null || node.isMissingNode()) {
            throw new JsonParseException(null, "no JSON value");
        }
        return node;
    }

    /** Whether a parse failure was a repeated key (Jackson's strict duplicate detection). */
    static boolean isDuplicateKey(IOException e) {
        String message = e.getMessage();
        return message != null && message.startsWith("Duplicate field");
    }
}
