package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes a reply's JSON straight to a stream (#17): the shape of {@link ReplyWire#toMap}, byte for byte what
 * {@code StrictJson.write(ReplyWire.toMap(reply))} writes, but the rows value by value from the rows as read, with
 * no wire copy of them and no map entry per cell. Plain values (text, whole numbers, booleans, null) and the small
 * maps and lists of the other keys are written here; anything else goes through {@link StrictJson}, as before.
 */
final class ReplyJsonWriter {

    private static final String ROWS = "rows";

    private ReplyJsonWriter() {}

    /** Writes the reply; the stream is flushed, never closed. */
    static void write(Reply reply, OutputStream out) throws IOException {
        JsonGenerator json = StrictJson.generator(out);
        try {
            json.writeStartObject();
            for (Map.Entry<String, Object> member :
                    ReplyWire.toMapWithRowsAsRead(reply).entrySet()) {
                json.writeFieldName(member.getKey());
                if (ROWS.equals(member.getKey()) && member.getValue() instanceof List<?> rows) {
                    writeRows(json, rows);
                } else {
                    writeValue(json, member.getValue());
                }
            }
            json.writeEndObject();
        } catch (IOException | RuntimeException e) {
            // as Jackson does when a value fails: no closing brackets are made up after a fault
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            try {
                json.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        json.close();
    }

    private static void writeRows(JsonGenerator json, List<?> rows) throws IOException {
        json.writeStartArray();
        Cells cells = new Cells(json);
        for (Object row : rows) {
            json.writeStartObject();
            ((Map<?, ?>) row).forEach(cells);
            cells.rethrow();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Writes the cells of a row as its map walks them (a row walks its arrays, with no entry per cell). */
    private static final class Cells implements BiConsumer<Object, Object> {
        private final JsonGenerator json;
        private IOException failure;

        Cells(JsonGenerator json) {
            this.json = json;
        }

        @Override
        public void accept(Object column, Object value) {
            if (failure != null) {
                return;
            }
            try {
                json.writeFieldName(String.valueOf(column));
                if (!writePlain(json, value)) {
                    writeValue(json, ReplyWire.value(value));
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** A value as the wire maps carry it: maps with text keys and lists here, anything unusual by the mapper. */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (writePlain(json, value)) {
            return;
        }
        if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map && textKeys(map)) {
            json.writeStartObject();
            for (Map.Entry<?, ?> member : map.entrySet()) {
                json.writeFieldName((String) member.getKey());
                writeValue(json, member.getValue());
            }
            json.writeEndObject();
        } else {
            StrictJson.write(json, value);
        }
    }

    /** Writes null, text, a boolean or a number of the JDK's as the mapper writes them; false for anything else. */
    private static boolean writePlain(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            json.writeNumber(number.intValue());
        } else if (value instanceof Long number) {
            json.writeNumber(number.longValue());
        } else if (value instanceof BigDecimal number) {
            // what the mapper's number serializers call, on this generator and its features
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number.floatValue());
        } else if (value instanceof Short number) {
            json.writeNumber(number.shortValue());
        } else {
            return false;
        }
        return true;
    }

    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
