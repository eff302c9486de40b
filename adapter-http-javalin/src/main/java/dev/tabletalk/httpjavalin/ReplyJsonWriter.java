package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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
        Cells cells = new Cells(json, rows.isEmpty() ? 0 : ((Map<?, ?>) rows.get(0)).size());
        for (Object row : rows) {
            json.writeStartObject();
            cells.startRow();
            ((Map<?, ?>) row).forEach(cells);
            cells.rethrow();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * Writes the cells of a row as its map walks them (a row walks its arrays, with no entry per cell). The rows of
     * a reply share their column names, so each name is encoded once a reply and then copied as bytes (#17): a name
     * of plain ASCII, found at the same place of the row as in the first row; any other name is written as text.
     */
    private static final class Cells implements BiConsumer<Object, Object> {
        /** Names encoded for one reply at most; wider rows write the rest as text. */
        private static final int MAX_NAMES = 64;

        private final JsonGenerator json;
        private final Object[] names;
        private final SerializableString[] encoded;
        private int known;
        private int next;
        private IOException failure;

        /** Cells of rows as wide as the first, {@code width}. */
        Cells(JsonGenerator json, int width) {
            this.json = json;
            this.names = new Object[Math.min(width, MAX_NAMES)];
            this.encoded = new SerializableString[names.length];
        }

        void startRow() {
            next = 0;
        }

        @Override
        public void accept(Object column, Object value) {
            if (failure != null) {
                return;
            }
            try {
                SerializableString name = encoded(column);
                if (name != null) {
                    json.writeFieldName(name);
                } else {
                    json.writeFieldName(String.valueOf(column));
                }
                if (!writePlain(json, value)) {
                    writeValue(json, ReplyWire.value(value));
                }
            } catch (IOException e) {
                failure = e;
            }
            next++;
        }

        /** The encoded name of the column at this place of the row, by identity; null when it is not kept. */
        private SerializableString encoded(Object column) {
            if (next < known) {
                return names[next] == column ? encoded[next] : null;
            }
            if (next == known && known < names.length && column instanceof String text && plainAscii(text)) {
                names[known] = column;
                encoded[known] = new SerializedString(text);
                return encoded[known++];
            }
            return null;
        }

        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Text that JSON writes as it is between its quotes, the same by any encoder: printable ASCII, no quote, no backslash. */
    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
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
