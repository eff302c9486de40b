package dev.tabletalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.ParamType;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** #14: {@code tabletalk schema} lists the operator's macros after the catalog, escaped like every other text. */
class SchemaMacrosTest {

    private final EntityCatalog catalog = Catalogs.shop();

    @Test
    void listsEachMacroWithItsUsageDescriptionIntentAndEntity() {
        Macro macro = new Macro(
                "deactivate customer",
                "Mark a customer inactive \u001b[2J",
                Map.of("id", ParamType.INTEGER),
                Map.of(
                        "intent",
                        "update",
                        "entity",
                        "customers",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                        "fields",
                        Map.of("status", "inactive")));

        String text = SchemaCommand.render(catalog, catalog.tenancies("company_id"), List.of(macro));

        assertThat(text)
                .contains(
                        "Macros (1):\n  deactivate customer <id>  Mark a customer inactive \\e[2J  [update customers]");
        TerminalSafetyTest.assertNoRawControls(text);
        assertThat(SchemaCommand.render(catalog, catalog.tenancies("company_id")))
                .doesNotContain("Macros");
    }
}
