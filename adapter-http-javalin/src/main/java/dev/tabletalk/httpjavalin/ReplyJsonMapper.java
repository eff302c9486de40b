package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.RowChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replies and schema views as JSON. The reply object is the one of {@code tabletalk chat --json} (issue 7):
 * sessionId, stage, text, rows, more, draft, missing, preview, refusal, error; absent parts are {@code null}.
 */
final class ReplyJsonMapper {

    private ReplyJsonMapper() {}

    static Map<String, Object> toJson(Reply reply) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessionId", reply.sessionId());
        json.put("stage", reply.stage().name());
        json.put("text", reply.text());
        var rows = reply.part(ReplyPart.Rows.class);
        json.put("rows", rows.map(r -> (Object) r.rows().rows().stream().map(ReplyJsonMapper::jsonMap).toList())
                .orElse(null));
        json.put("more", rows.map(r -> r.rows().hasMore()).orElse(false));
        json.put("draft", reply.part(ReplyPart.Draft.class).map(ReplyJsonMapper::draft).orElse(null));
        json.put("missing", reply.part(ReplyPart.MissingFields.class).map(m -> (Object) m.fields()).orElse(null));
        json.put("preview", reply.part(ReplyPart.Preview.class).map(ReplyJsonMapper::preview).orElse(null));
        json.put("refusal", reply.refusal().map(ReplyJsonMapper::refusal).orElse(null));
        json.put("error", reply.part(ReplyPart.Error.class).map(ReplyJsonMapper::error).orElse(null));
        return json;
    }

    /** The caller's schema: exposed entities with their visible columns and form roles. */
    static Map<String, Object> schema(SchemaView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fingerprint", view.fingerprint());
        List<Object> entities = new ArrayList<>();
        for (SchemaView.EntityView entity : view.entities()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", entity.name());
            e.put("comment", entity.comment().orElse(null));
            e.put("writable", entity.writable());
            e.put("primaryKey", entity.primaryKey());
            List<Object> columns = new ArrayList<>();
            for (SchemaView.ColumnView column : entity.columns()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", column.name());
                c.put("type", column.type().name());
                c.put("nullable", column.nullable());
                c.put("enumValues", column.enumValues().isEmpty() ? null : column.enumValues());
                c.put("comment", column.comment().orElse(null));
                c.put("roles", column.roles().stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                        .sorted().toList());
                columns.add(c);
            }
            e.put("columns", columns);
            entities.add(e);
        }
        json.put("entities", entities);
        return json;
    }

    private static Map<String, Object> refusal(Refusal refusal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", refusal.code().wireName());
        json.put("message", refusal.message());
        return json;
    }

    private static List<Object> filters(List<Filter> filters) {
        List<Object> out = new ArrayList<>();
        for (Filter filter : filters) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("field", filter.field());
            json.put("op", filter.op().symbol());
            json.put("value", json(filter.value()));
            out.add(json);
        }
        return out;
    }

    private static Object draft(ReplyPart.Draft draft) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intent", draft.intent().wireName());
        json.put("entity", draft.entity());
        json.put("values", jsonMap(draft.values()));
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
            row.put("key", change.key().map(k -> (Object) jsonMap(k.values())).orElse(null));
            row.put("before", change.before().isEmpty() ? null : jsonMap(change.before()));
            row.put("after", jsonMap(change.after()));
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

    /** A value for JSON: numbers, booleans and strings stay; lists and maps deeply; binary as a note; the rest as text. */
    static Object json(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return "(binary, " + bytes.length + " bytes)";
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(json(item));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            return jsonMap(map);
        }
        return String.valueOf(value);
    }

    static Map<String, Object> jsonMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
        return out;
    }
}
