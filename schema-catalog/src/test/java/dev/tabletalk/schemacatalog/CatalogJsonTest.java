package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class CatalogJsonTest {

    private final CatalogAssembler assembler = new CatalogAssembler(CatalogOptions.defaults());

    private EntityCatalog catalog() {
        return assembler.assemble(List.of(
                Tables.table("customers")
                        .identity("id")
                        .required("name", ValueType.TEXT)
                        .column("password_hash", ValueType.TEXT)
                        .column("quote\"d\nline", ValueType.TEXT)
                        .primaryKey("id")
                        .build(),
                Tables.table("api_keys")
                        .identity("id")
                        .required("secret_value", ValueType.TEXT)
                        .primaryKey("id")
                        .build()));
    }

    @Test
    void writesTheDocumentedKeys() {
        String json = CatalogJson.write(catalog());
        assertThat(json)
                .contains(
                        "\"entities\": [",
                        "\"name\": \"customers\"",
                        "\"schema\": \"public\"",
                        "\"exposure\": \"READ_WRITE\"",
                        "\"reason\": \"a table with a primary key\"",
                        "\"primaryKey\": [\"id\"]",
                        "\"columns\": [",
                        "\"type\": \"INTEGER\"",
                        "\"nullable\": false",
                        "\"generated\": true",
                        "\"form\": {",
                        "\"create\": {",
                        "\"required\": [",
                        "\"optional\": [",
                        "\"read\": [",
                        "\"filter\": [",
                        "\"update\": [");
        assertThat(json).contains("\"quote\\\"d\\nline\"");
    }

    @Test
    @Tag("invariant-6")
    void hiddenEntitiesShowOnlyTheirReasonAndHiddenColumnsNeverReachAForm() {
        String json = CatalogJson.write(catalog());
        int hiddenEntity = json.indexOf("\"name\": \"api_keys\"");
        String hiddenPart = json.substring(hiddenEntity, json.indexOf('}', hiddenEntity));
        assertThat(hiddenPart)
                .contains("\"exposure\": \"HIDDEN\"", "authentication or secret")
                .doesNotContain("columns", "secret_value", "form");
        assertThat(json).doesNotContain("secret_value");
        assertThat(json.split("password_hash", -1)).hasSize(2); // named once: in columns, with its reason
        int column = json.indexOf("\"name\": \"password_hash\"");
        assertThat(json.substring(column, json.indexOf('}', column)))
                .contains("\"exposure\": \"HIDDEN\"", "the name says it holds a secret (password)")
                .doesNotContain("type");
    }

    @Test
    void isWellFormedEnoughToBalanceBrackets() {
        String json = CatalogJson.write(catalog());
        long open = json.chars().filter(c -> c == '{' || c == '[').count();
        long close = json.chars().filter(c -> c == '}' || c == ']').count();
        assertThat(open).isEqualTo(close);
    }
}
