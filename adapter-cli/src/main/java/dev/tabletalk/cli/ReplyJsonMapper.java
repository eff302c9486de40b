package dev.tabletalk.cli;

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
 * A reply as the JSON object of {@code chat --json} (issue 7): sessionId, stage, text, rows, more,
 * draft, missing, preview, refusal, error; absent parts are {@code null}.
 */
final class ReplyJsonMapper {

    private ReplyJsonMapper() {}

    static Map<String, Object> toJson(Reply reply) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessionId", reply.sessionId());
        json.put("stage", reply.stage().name());
        json.put("text", reply.text());
        var rows = reply.part(ReplyPart.Rows.class);
        json.put("rows", rows.map(r -> (Object) r.rows().rows().stream().map(Values::jsonMap).toList()).orElse(null));
        json.put("more", rows.map(r -> r.rows().hasMore()).orElse(false));
        json.put("draft", reply.part(ReplyPart.Draft.class).map(ReplyJsonMapper::draft).orElse(null));
        json.put("missing", reply.part(ReplyPart.MissingFields.class).map(m -> (Object) m.fields()).orElse(null));
        json.put("preview", reply.part(ReplyPart.Preview.class).map(ReplyJsonMapper::preview).orElse(null));
        json.put("refusal", reply.refusal().map(ReplyJsonMapper::refusal).orElse(null));
        json.put("error", reply.part(ReplyPart.Error.class).map(ReplyJsonMapper::error).orElse(null));
        return json;
    }

    static Map<String, Object> refusal(Refusal refusal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", refusal.code().wireName());
        json.put("message", refusal.message());
        return json;
    }

    static List<Object> filters(List<Filter> filters) {
        List<Object> out = new ArrayList<>();
        for (Filter filter : filters) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("field", filter.field());
            json.put("op", filter.op().symbol());
            json.put("value", Values.json(filter.value()));
            out.add(json);
        }
        return out;
    }

    private static Object draft(ReplyPart.Draft draft) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intent", draft.intent().wireName());
        json.put("entity", draft.entity());
        json.put("values", Values.jsonMap(draft.values()));
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
            row.put("key", change.key().map(k -> (Object) Values.jsonMap(k.values())).orElse(null));
            row.put("before", change.before().isEmpty() ? null : Values.jsonMap(change.before()));
            row.put("after", Values.jsonMap(change.after()));
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
