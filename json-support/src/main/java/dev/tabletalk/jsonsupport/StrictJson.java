package dev.tabletalk.jsonsupport;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of TableTalk's wire formats (HTTP bodies and replies, the CLI's {@code --json}, the
 * identity header): strict on input, plain on output.
 *
 * <ul>
 *   <li>Input is exactly one JSON value: trailing content, a repeated key at any depth, comments, {@code NaN} or
 *       {@code Infinity}, leading zeros and nesting deeper than {@value #MAX_DEPTH} are errors; fractions are read
 *       as {@link java.math.BigDecimal}, so no digit is lost.
 *   <li>Output prints decimals plain ({@code 0.00000012}, never {@code 1.2E-7}), so every adapter prints the same
 *       reply alike.
 * </ul>
 *
 * <p>Immutable and thread-safe; the mapper itself is never handed out, so nobody can reconfigure it.
 */
public final class StrictJson {

    /** The deepest nesting accepted on input. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
                    .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                    .build())
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    // #17: built once; a reader and a writer of the mapper skip its per-call configuration lookups
    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectWriter STREAM_WRITER = WRITER.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /** For a value inside a document being generated: no flush after it, the document's end flushes. */
    private static final ObjectWriter VALUE_WRITER =
            STREAM_WRITER.without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private StrictJson() {}

    /**
     * Reads one strict JSON value.
     *
     * @throws IOException for anything that is not exactly one well-formed JSON value without repeated keys
     *     ({@link #isDuplicateKey} tells a repeated key from other faults)
     */
    public static JsonNode parse(byte[] utf8) throws IOException {
        JsonNode node = TREE_READER.readTree(utf8);
        if (node == null || node.isMissingNode()) {
            throw new JsonParseException(null, "no JSON value");
        }
        return node;
    }

    /** Whether a {@link #parse} failure was a repeated key (Jackson's strict duplicate detection). */
    public static boolean isDuplicateKey(IOException e) {
        String message = e.getMessage();
        return message != null && message.startsWith("Duplicate field");
    }

    /** Writes a value (maps, lists, records, scalars) as UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
    }

    /**
     * Writes a value as UTF-8 JSON to a stream, without a copy in memory; the stream is flushed, not closed.
     *
     * @throws IOException when the stream cannot be written
     */
    public static void write(Object value, OutputStream out) throws IOException {
        STREAM_WRITER.writeValue(out, value);
    }

    /**
     * A generator of UTF-8 JSON over a stream, configured as {@link #write(Object, OutputStream)} writes, for a
     * document written piece by piece; closing it flushes the stream and never closes it.
     *
     * @throws IOException when the generator cannot be made over the stream
     */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return STREAM_WRITER.createGenerator(out);
    }

    /**
     * Writes one value where a {@link #generator} stands, as {@link #write(Object)} writes it, without flushing.
     *
     * @throws IOException when the stream cannot be written
     */
    public static void write(JsonGenerator generator, Object value) throws IOException {
        VALUE_WRITER.writeValue(generator, value);
    }

    /** A writer with this configuration, e.g. for pretty printing. */
    public static ObjectWriter writer() {
        return WRITER;
    }
}
