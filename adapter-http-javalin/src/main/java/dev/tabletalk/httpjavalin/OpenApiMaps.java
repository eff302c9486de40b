package dev.tabletalk.httpjavalin;

import java.util.LinkedHashMap;
import java.util.Map;

/** The small builders every part of {@link OpenApiDocument} shares: ordered maps, references and JSON bodies. */
final class OpenApiMaps {

    private OpenApiMaps() {}

    /** A response with this description and a JSON body of this schema. */
    static Map<String, Object> json(String description, Object schema) {
        return map("description", description, "content", map("application/json", map("schema", schema)));
    }

    /** A {@code $ref} to a schema by name, or to any component by its JSON pointer ({@code #/...}). */
    static Map<String, Object> ref(String nameOrPointer) {
        return map("$ref", nameOrPointer.startsWith("#") ? nameOrPointer : "#/components/schemas/" + nameOrPointer);
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
