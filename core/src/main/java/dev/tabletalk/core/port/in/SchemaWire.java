package dev.tabletalk.core.port.in;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.plan.Intent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A caller's schema view as plain ordered maps for a JSON writer: one shape for {@code GET /schema} and the MCP
 * tool {@code tabletalk_schema} and resources (#16), as {@link dev.tabletalk.core.reply.ReplyWire} is for replies.
 * Stateless and thread-safe.
 */
public final class SchemaWire {

    private SchemaWire() {}

    /**
     * The caller's schema: exposed entities with their visible columns and form roles, and under {@code macros} the
     * macros the caller may run ({@code name}, {@code description}, {@code usage}, {@code intent}, {@code entity}
     * and {@code params}: {@code [{"name", "type"}]} in the order their values are typed).
     */
    public static Map<String, Object> schema(SchemaView view, List<Macro> macros) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fingerprint", view.fingerprint());
        List<Object> entities = new ArrayList<>();
        for (SchemaView.EntityView entity : view.entities()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", entity.name());
            e.put("comment", entity.comment().orElse(null));
            e.put("writable", entity.writable());
            e.put("tenancy", entity.tenancy());
            e.put("primaryKey", entity.primaryKey());
            List<Object> columns = new ArrayList<>();
            for (SchemaView.ColumnView column : entity.columns()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", column.name());
                c.put("type", column.type().name());
                c.put("nullable", column.nullable());
                c.put("enumValues", column.enumValues().isEmpty() ? null : column.enumValues());
                c.put("comment", column.comment().orElse(null));
                c.put(
                        "roles",
                        column.roles().stream()
                                .map(r -> r.name().toLowerCase(Locale.ROOT))
                                .sorted()
                                .toList());
                columns.add(c);
            }
            e.put("columns", columns);
            entities.add(e);
        }
        json.put("entities", entities);
        List<Object> named = new ArrayList<>();
        for (Macro macro : macros) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", macro.name());
            m.put("description", macro.description());
            m.put("usage", macro.usage());
            m.put("intent", macro.intent().map(Intent::wireName).orElse(null));
            m.put("entity", macro.entity().orElse(null));
            List<Object> params = new ArrayList<>();
            macro.params().forEach((name, type) -> {
                Map<String, Object> param = new LinkedHashMap<>();
                param.put("name", name);
                param.put("type", type.wireName());
                params.add(param);
            });
            m.put("params", params);
            named.add(m);
        }
        json.put("macros", named);
        return json;
    }
}
