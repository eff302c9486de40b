package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The draft's YAML scalars read back as exactly the names they stand for, whatever a database calls things. */
class ConfigDraftTest {

    @Test
    void namesReadBackExactly() {
        for (String name : List.of(
                "customers",
                "sales.orders",
                "on",
                "No",
                "null",
                "123",
                "Größe # straße",
                "a: b",
                "quote \" and \\ backslash",
                "- dash",
                "tab\there",
                "line\nbreak",
                "*star",
                "&anchor",
                "!tag",
                "${env:X}",
                "")) {
            String yaml = ConfigDraft.scalar(name) + ": " + ConfigDraft.quoted(name) + "\n";

            Map<String, Object> parsed = YamlOverrides.parse(yaml);

            assertThat(parsed).as(yaml).containsExactly(Map.entry(name, name));
        }
    }

    @Test
    void plainNamesStayPlain() {
        assertThat(ConfigDraft.scalar("order_lines")).isEqualTo("order_lines");
        assertThat(ConfigDraft.scalar("public.orders")).isEqualTo("public.orders");
        assertThat(ConfigDraft.scalar("yes")).isEqualTo("\"yes\"");
    }
}
