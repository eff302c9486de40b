package dev.tabletalk.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The question the person is asked names what changes and in how many rows, before anything is applied. */
class PersonConfirmationTest {

    @Test
    void anUpdateNamesEachRowItsChangeAndTheCount() {
        Preview preview = new Preview(
                Intent.UPDATE,
                "customers",
                List.of(
                        new RowChange(Optional.of(RowKey.of("id", 2L)), Map.of("notes", "old"), Map.of("notes", "VIP")),
                        new RowChange(Optional.of(RowKey.of("id", 3L)), Map.of("notes", "x"), Map.of("notes", "VIP"))),
                List.of("notes"));

        String question = PersonConfirmation.question(new ReplyPart.Preview("pv_1", preview, Instant.EPOCH));

        assertThat(question)
                .contains("change 2 rows of customers")
                .contains("2: notes old -> VIP")
                .contains("3: notes x -> VIP")
                .contains("Confirm to apply exactly this change");
    }

    @Test
    void aCreateNamesTheNewRowsValues() {
        Preview preview = new Preview(
                Intent.CREATE, "products", List.of(RowChange.insert(Map.of("name", "Widget"))), List.of("name"));

        String question = PersonConfirmation.question(new ReplyPart.Preview("pv_2", preview, Instant.EPOCH));

        assertThat(question).contains("add 1 row to products: name = Widget");
    }
}
