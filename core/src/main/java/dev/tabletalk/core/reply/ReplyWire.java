package dev.tabletalk.core.reply;

import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.rows.TruncatedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one wire shape of a reply, shared by every adapter that speaks JSON ({@code chat --json},
 * {@code POST /chat}): plain maps, lists, strings, numbers and booleans that any JSON library
 * writes as they are.
 *
 * <p>Keys: {@code sessionId, stage, text, rows, more, trimmed, interpretation, page, draft, missing, question, preview,
 * refusal, error};
 * absent parts are {@code null}. Row values keep numbers, booleans and strings; anything else
 * (dates, UUIDs, decimals' scale aside) is written as its text; binary values as a size note; a value
 * cut to the cell limit as {@code {"truncated": true, "length": N, "text": "<prefix>"}}. {@code more}
 * says more rows matched than are shown; {@code trimmed} is {@code null} unless the reply limits cut
 * something: then {@code {"rowsOmitted": n, "cellsTruncated": m}}. {@code interpretation} is the one line
 * that says what a read was understood to ask ({@link Interpretation}), {@code null} for other replies; {@code page}
 * is {@code {"number", "firstRow", "lastRow"}} for a read (rows counted from 1; "show more" continues after
 * {@code lastRow}, #13), {@code null} for other replies.
 * {@code missing} lists {@code {"field", "type", "required", "allowed"}} items ({@code allowed} is {@code null}
 * unless the field takes only some values); {@code question} is {@code {"text", "choices": [{"n", "label",
 * "value"}]}} while a clarifying question waits for its answer (#13).
 */
public final class ReplyWire {

    private ReplyWire() {}

    /** The reply as an ordered map of the wire keys. */
    public static Map<String, Object> toMap(Reply reply) {
        return toMap(reply, true);
    }

    /**
     * The reply as {@link #toMap} maps it, except that {@code rows} holds the rows shown as they are, each value
     * still to be mapped by {@link #value} (#17): for an adapter that writes the rows value by value as it streams
     * the JSON, with no wire copy of them. {@code null} when the reply has no rows, as in {@link #toMap}.
     */
    public static Map<String, Object> toMapWithRowsAsRead(Reply reply) {
        return toMap(reply, false);
    }

    private static Map<String, Object> toMap(Reply reply, boolean mapRows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessionId", reply.sessionId());
        json.put("stage", reply.stage().name());
        json.put("text", reply.text());
        var rows = reply.part(ReplyPart.Rows.class);
        json.put(
                "rows",
                rows.map(r -> mapRows
                                ? (Object) wireRows(r.rows().rows())
                                : r.rows().rows())
                        .orElse(null));
        json.put("more", rows.map(ReplyPart.Rows::hasMore).orElse(false));
        json.put(
                "trimmed",
                rows.filter(ReplyPart.Rows::isTrimmed).map(ReplyWire::trimmed).orElse(null));
        json.put("interpretation", rows.flatMap(ReplyPart.Rows::interpretation).orElse(null));
        json.put("page", rows.flatMap(ReplyPart.Rows::page).map(ReplyWire::page).orElse(null));
        json.put(
                "draft", reply.part(ReplyPart.Draft.class).map(ReplyWire::draft).orElse(null));
        json.put(
                "missing",
                reply.part(ReplyPart.MissingFields.class)
                        .map(ReplyWire::missing)
                        .orElse(null));
        json.put(
                "question",
                reply.part(ReplyPart.Question.class).map(ReplyWire::question).orElse(null));
        json.put(
                "preview",
                reply.part(ReplyPart.Preview.class).map(ReplyWire::preview).orElse(null));
        json.put("refusal", reply.refusal().map(ReplyWire::refusal).orElse(null));
        json.put(
                "error", reply.part(ReplyPart.Error.class).map(ReplyWire::error).orElse(null));
        return Collections.unmodifiableMap(json);
    }

    private static Map<String, Object> page(ReplyPart.Page page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", page.number());
        json.put("firstRow", page.firstRow());
        json.put("lastRow", page.lastRow());
        return json;
    }

    /** {@code {"code": ..., "message": ...}}. */
    public static Map<String, Object> refusal(Refusal refusal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", refusal.code().wireName());
        json.put("message", refusal.message());
        return json;
    }

    /**
     * {@code [{"field": ..., "op": ..., "value": ...}]}, operators by their symbols; an {@code anyOf} as
     * {@code {"anyOf": [items]}} and a {@code not} as {@code {"not": item}}.
     */
    public static List<Object> filters(List<Condition> filters) {
        List<Object> out = new ArrayList<>();
        for (Condition condition : filters) {
            out.add(condition(condition));
        }
        return out;
    }

    /** {@code [{"field": ..., "dir": "asc|desc"}]}. */
    public static List<Object> orderBy(List<Sort> orderBy) {
        List<Object> out = new ArrayList<>();
        for (Sort sort : orderBy) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("field", sort.field());
            json.put("dir", sort.descending() ? "desc" : "asc");
            out.add(json);
        }
        return out;
    }

    /** {@code {"fn": "count|sum|avg|min|max", "field": name-or-null, "groupBy": [names]}}, or {@code null}. */
    public static Map<String, Object> aggregate(Optional<Aggregate> aggregate) {
        if (aggregate.isEmpty()) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fn", aggregate.get().fn().wireName());
        json.put("field", aggregate.get().field().orElse(null));
        json.put("groupBy", aggregate.get().groupBy());
        return json;
    }

    /** One condition as on the wire (see {@link #filters}). */
    public static Map<String, Object> condition(Condition condition) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (condition instanceof AnyOf anyOf) {
            json.put("anyOf", filters(anyOf.items()));
        } else if (condition instanceof Not not) {
            json.put("not", condition(not.item()));
        } else if (condition instanceof Related related) {
            // #13: a link is "field in (keys of entity where filters)"
            Map<String, Object> via = new LinkedHashMap<>();
            via.put("entity", related.entity());
            via.put("filters", filters(related.filters()));
            json.put("field", related.field());
            json.put("op", "in");
            json.put("via", via);
        } else {
            Filter filter = (Filter) condition;
            json.put("field", filter.field());
            json.put("op", filter.op().symbol());
            json.put("value", value(filter.value()));
        }
        return json;
    }

    /** A value for the wire: numbers, booleans and strings stay; lists and maps deeply; binary as a note; the rest as text. */
    public static Object value(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return "(binary, " + bytes.length + " bytes)";
        }
        if (value instanceof TruncatedText cut) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("truncated", true);
            json.put("length", cut.length());
            json.put("text", cut.text());
            return json;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(value(item));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            return valueMap(map);
        }
        return String.valueOf(value);
    }

    /** A map of values for the wire, keys as text, in the map's order. */
    public static Map<String, Object> valueMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
        return out;
    }

    /**
     * The rows for the wire, as {@link #valueMap} makes them but lighter (#17): each row an immutable ordered map
     * over two arrays, and rows with the same columns share one key array, so that fifty rows cost no hash tables.
     */
    private static List<Map<String, Object>> wireRows(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        String[] keys = new String[0];
        for (Map<String, Object> row : rows) {
            Object[] values = new Object[row.size()];
            boolean sameKeys = keys.length == values.length;
            String[] rowKeys = sameKeys ? keys : new String[values.length];
            int i = 0;
            for (Map.Entry<String, Object> cell : row.entrySet()) {
                String key = String.valueOf(cell.getKey());
                if (rowKeys == keys && !key.equals(keys[i])) {
                    rowKeys = Arrays.copyOf(keys, keys.length);
                }
                rowKeys[i] = key;
                values[i] = value(cell.getValue());
                i++;
            }
            keys = rowKeys;
            out.add(RowSet.rowOver(keys, values));
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code {"text": ..., "choices": [{"n": 1, "label": ..., "value": ...}]}}. */
    public static Map<String, Object> question(ReplyPart.Question question) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", question.text());
        List<Object> choices = new ArrayList<>();
        for (ReplyPart.Choice choice : question.choices()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("n", choice.n());
            item.put("label", choice.label());
            item.put("value", choice.value());
            choices.add(item);
        }
        json.put("choices", choices);
        return json;
    }

    private static Object missing(ReplyPart.MissingFields missing) {
        List<Object> out = new ArrayList<>();
        for (String field : missing.fields()) {
            Optional<ReplyPart.MissingField> detail = missing.detail(field);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("field", field);
            item.put("type", detail.map(ReplyPart.MissingField::type).orElse(null));
            item.put("required", detail.map(ReplyPart.MissingField::required).orElse(true));
            item.put(
                    "allowed",
                    detail.map(ReplyPart.MissingField::allowed)
                            .filter(a -> !a.isEmpty())
                            .orElse(null));
            out.add(item);
        }
        return out;
    }

    private static Object trimmed(ReplyPart.Rows rows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rowsOmitted", rows.rowsOmitted());
        json.put("cellsTruncated", rows.cellsTruncated());
        return json;
    }

    private static Object draft(ReplyPart.Draft draft) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intent", draft.intent().wireName());
        json.put("entity", draft.entity());
        json.put("values", valueMap(draft.values()));
        json.put("filters", filters(draft.filters()));
        return json;
    }

    private static Object preview(ReplyPart.Preview part) {
        var preview = part.preview();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("previewId", part.previewId());
        json.put("intent", preview.intent().wireName());
        json.put("entity", preview.entity());
        json.put("rowCount", preview.rowCount());
        json.put("changedColumns", preview.changedColumns());
        List<Object> changes = new ArrayList<>();
        for (RowChange change : preview.changes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", change.key().map(k -> (Object) valueMap(k.values())).orElse(null));
            row.put("before", change.before().isEmpty() ? null : valueMap(change.before()));
            row.put("after", valueMap(change.after()));
            changes.add(row);
        }
        json.put("changes", changes);
        json.put("expiresAt", part.expiresAt().toString());
        return json;
    }

    private static Object error(ReplyPart.Error error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", error.code());
        json.put("message", error.message());
        json.put("retryable", error.retryable());
        json.put("errorId", error.errorId());
        return json;
    }
}
