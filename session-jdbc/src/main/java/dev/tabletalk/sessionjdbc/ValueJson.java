package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.TruncatedText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * How the values a state holds (draft values, filter values, row values of a preview, keyset positions) are kept in
 * its JSON so that they read back to the same Java type: a confirm on another server must bind exactly what the
 * preview bound, so a {@code LocalDate} may not come back as text nor a {@code BigDecimal} lose its scale.
 *
 * <p>{@code null}, strings, booleans and {@code Long}s are plain JSON; lists are arrays; every other value is an
 * object {@code {"type": ..., "value": text}} (a {@link TruncatedText} adds its {@code length}). A type outside
 * this list is refused when the state is written, never stored as something else. {@link StateJsonWriter} and
 * {@link StateJsonReader} write and read them; this class holds the types. Stateless.
 */
final class ValueJson {

    /** A tagged type: its name in the JSON, how its text is read back. */
    private record Tagged(String name, Class<?> type, Function<String, Object> parse) {}

    /** Every tagged type, in the order they are tried when writing. */
    private static final List<Tagged> TAGGED = List.of(
            new Tagged("int", Integer.class, Integer::valueOf),
            new Tagged("short", Short.class, Short::valueOf),
            new Tagged("byte", Byte.class, Byte::valueOf),
            new Tagged("biginteger", BigInteger.class, BigInteger::new),
            new Tagged("decimal", BigDecimal.class, BigDecimal::new),
            new Tagged("double", Double.class, Double::valueOf),
            new Tagged("float", Float.class, Float::valueOf),
            new Tagged("date", LocalDate.class, LocalDate::parse),
            new Tagged("time", LocalTime.class, LocalTime::parse),
            new Tagged("datetime", LocalDateTime.class, LocalDateTime::parse),
            new Tagged("offsetdatetime", OffsetDateTime.class, OffsetDateTime::parse),
            new Tagged("offsettime", OffsetTime.class, OffsetTime::parse),
            new Tagged("instant", Instant.class, Instant::parse),
            new Tagged("uuid", UUID.class, UUID::fromString),
            new Tagged("placeholder", Placeholder.class, Placeholder::valueOf));

    /** The type name of a {@link TruncatedText}. */
    static final String TRUNCATED = "truncated";

    private ValueJson() {}

    /** Java types kept as tagged values, besides strings, booleans, longs, lists and truncated text. */
    static List<Class<?>> taggedTypes() {
        return TAGGED.stream().<Class<?>>map(Tagged::type).toList();
    }

    /** The type name a tagged value is written with; empty for a type this store cannot keep. */
    static Optional<String> tagOf(Object value) {
        for (Tagged tagged : TAGGED) {
            if (tagged.type().equals(value.getClass())) {
                return Optional.of(tagged.name());
            }
        }
        return Optional.empty();
    }

    /** The text a tagged value is written as. */
    static String textOf(Object value) {
        return value instanceof Placeholder p ? p.name() : value.toString();
    }

    /** Why {@code value} cannot be written, naming its type. */
    static String cannotKeep(Object value) {
        return "a value of type " + value.getClass().getName()
                + " cannot be kept in the JDBC session store; only plain values (text, numbers, booleans, dates,"
                + " times, UUIDs and lists of them) can";
    }

    /**
     * The value of a tagged type (not {@value #TRUNCATED}) written as {@code text}.
     *
     * @throws IllegalArgumentException for a type this store does not know, or text that is not of the type
     */
    static Object parseTagged(String type, String text) {
        for (Tagged tagged : TAGGED) {
            if (tagged.name().equals(type)) {
                return tagged.parse().apply(text);
            }
        }
        throw new IllegalArgumentException("unknown value type '" + type + "'");
    }
}
