package dev.tabletalk.sessionjdbc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tabletalk.core.text.InstantText;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of JSON objects read from a parser in the order they must come, each checked for its name and its type
 * as it is read: a field missing, out of order or of another type, and a field where an object should end, are
 * errors ({@link IllegalArgumentException} naming the field). What {@link StateJsonReader} reads a state with. Not
 * thread-safe: one per parser.
 */
final class OrderedFields {

    private final JsonParser in;

    OrderedFields(JsonParser in) {
        this.in = in;
    }

    /** The field {@code field}: a list of texts. */
    List<String> texts(String field) throws IOException {
        startList(field);
        List<String> texts = new ArrayList<>();
        while (nextItem(field)) {
            if (in.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("'" + field + "' holds something other than text");
            }
            texts.add(in.getText());
        }
        return texts;
    }

    /** Reads the name of the next field, which must be {@code name}. */
    void field(String name) throws IOException {
        JsonToken token = in.nextToken();
        if (token != JsonToken.FIELD_NAME) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        String found = in.currentName();
        if (!name.equals(found)) {
            throw new IllegalArgumentException("'" + name + "' is missing (found '" + found + "' in its place)");
        }
    }

    /** Reads the end of the current object: no field may follow. */
    void end() throws IOException {
        JsonToken token = in.nextToken();
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException(
                    token == JsonToken.FIELD_NAME
                            ? "an unexpected field '" + in.currentName() + "'"
                            : "an object does not end where it should");
        }
    }

    /**
     * Whether the current object ends here; if not, the next field must be {@code field}, an object, whose start is
     * read. For a field a later format added at the end of an object and writes only when it has one.
     */
    boolean endOrObject(String field) throws IOException {
        JsonToken token = in.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return true;
        }
        if (token != JsonToken.FIELD_NAME || !field.equals(in.currentName())) {
            throw new IllegalArgumentException(
                    token == JsonToken.FIELD_NAME
                            ? "an unexpected field '" + in.currentName() + "'"
                            : "an object does not end where it should");
        }
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("'" + field + "' is not an object");
        }
        return false;
    }

    void object(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("'" + field + "' is not an object");
        }
    }

    /** Whether the field is an object (its start read) rather than {@code null}. */
    boolean optionalObject(String field) throws IOException {
        field(field);
        JsonToken token = in.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("'" + field + "' is not an object");
        }
        return true;
    }

    void startList(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("'" + field + "' is not a list");
        }
    }

    /** Reads the first token of the list's next item; false at the list's end. */
    boolean nextItem(String field) throws IOException {
        JsonToken token = in.nextToken();
        if (token == null) {
            throw new IllegalArgumentException("'" + field + "' does not end");
        }
        return token != JsonToken.END_ARRAY;
    }

    void startItem(String what) {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(what + " is not an object");
        }
    }

    String text(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("'" + field + "' is not text");
        }
        return in.getText();
    }

    Optional<String> optionalText(String field) throws IOException {
        field(field);
        JsonToken token = in.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("'" + field + "' is not text");
        }
        return Optional.of(in.getText());
    }

    Instant instant(String field) throws IOException {
        return InstantText.parse(text(field));
    }

    long whole(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.VALUE_NUMBER_INT || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException("'" + field + "' is not a whole number");
        }
        return in.getLongValue();
    }

    int integer(String field) throws IOException {
        long value = whole(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + field + "' is out of range");
        }
        return (int) value;
    }

    /** The value of {@code field} whose token was just read (its name read before), which must be an int. */
    int currentInteger(String field) throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
            throw new IllegalArgumentException("'" + field + "' is not a whole number");
        }
        return in.getIntValue();
    }

    boolean bool(String field) throws IOException {
        field(field);
        JsonToken token = in.nextToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw new IllegalArgumentException("'" + field + "' is not true or false");
        }
        return token == JsonToken.VALUE_TRUE;
    }

    <T extends Enum<T>> T constant(String field, Class<T> type) throws IOException {
        String name = text(field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not a " + type.getSimpleName() + ": " + name, e);
        }
    }
}
