package dev.tabletalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.testkit.fixtures.WireSamples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyRenderingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindOfReplyPartHasASampleAndRendersAsTextAndJson() throws Exception {
        Map<Class<?>, ReplyPart> samples = Samples.onePerKind();
        assertThat(samples.keySet()).containsExactlyInAnyOrder(ReplyPart.class.getPermittedSubclasses());
        for (ReplyPart part : samples.values()) {
            Reply reply = Samples.reply(Stage.IDLE, "text", part);
            assertThat(ReplyRenderer.render(reply)).startsWith("text");
            JsonNode json = JSON.readTree(JSON.writeValueAsString(ReplyWire.toMap(reply)));
            assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(WireSamples.REPLY_KEYS);
        }
    }

    @Test
    void rowsBecomeATableWithAHintWhenMoreMatch() {
        String text = ReplyRenderer.render(Samples.reply(Stage.IDLE, "1 row of customers.", Samples.rows()));

        assertThat(text)
                .contains("id  | name         | born       | balance | note")
                .contains("101 | Ada Lovelace | 1815-12-10 | 12.50")
                .contains("more rows match");
    }

    @Test
    void anUpdatePreviewShowsBeforeAndAfterAndHowToConfirm() {
        String text = ReplyRenderer.render(Samples.reply(Stage.PREVIEW, "Ready.", Samples.updatePreview()));

        assertThat(text)
                .contains(
                        "1 row of orders would change:",
                        "orders 1004:",
                        "    status  'new' -> 'shipped'",
                        "Type 'confirm' to apply it");
        assertThat(text).doesNotContain("id  ");
    }

    @Test
    void theConfirmHintIsNotRepeatedWhenTheReplySaysItAlready() {
        String text = ReplyRenderer.render(
                Samples.reply(Stage.PREVIEW, "Ready. Say 'confirm' to apply it.", Samples.updatePreview()));

        assertThat(text).doesNotContain("Type 'confirm'");
    }

    @Test
    void aCreatePreviewListsTheNewRowWithPlaceholders() {
        String text = ReplyRenderer.render(Samples.reply(Stage.PREVIEW, "Ready.", Samples.createPreview()));

        assertThat(text).contains("new row in customers:", "id    (generated)", "name  'Ada'", "city  (empty)");
    }

    @Test
    void jsonCarriesEveryPartWithWireNames() throws Exception {
        Reply reply = Samples.reply(
                Stage.PREVIEW,
                "Ready.",
                Samples.draft(),
                Samples.missing(),
                Samples.updatePreview(),
                Samples.refused(),
                Samples.error(),
                Samples.rows());
        JsonNode json = JSON.readTree(JSON.writeValueAsString(ReplyWire.toMap(reply)));

        assertThat(json.get("stage").asText()).isEqualTo("PREVIEW");
        assertThat(json.get("rows").get(0).get("born").asText()).isEqualTo("1815-12-10");
        assertThat(json.get("rows").get(0).get("balance").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(json.get("rows").get(0).get("note").isNull()).isTrue();
        assertThat(json.get("more").asBoolean()).isTrue();
        assertThat(json.get("draft").get("intent").asText()).isEqualTo("create");
        assertThat(json.get("missing")).hasSize(2);
        JsonNode change = json.get("preview").get("changes").get(0);
        assertThat(change.get("key").get("id").asInt()).isEqualTo(1004);
        assertThat(change.get("before").get("status").asText()).isEqualTo("new");
        assertThat(change.get("after").get("status").asText()).isEqualTo("shipped");
        assertThat(json.get("refusal").get("code").asText()).isEqualTo("delete_not_allowed");
        assertThat(json.get("error").get("retryable").asBoolean()).isTrue();
    }

    @Test
    void aQuestionPrintsItsNumberedChoices() {
        String text =
                ReplyRenderer.render(Samples.reply(Stage.CLARIFYING, "'Paris': city or country?", Samples.question()));

        assertThat(text)
                .startsWith("'Paris': city or country?\n")
                .contains("  1. city  (customers.city = Paris)\n", "  2. country  (customers.country = Paris)\n");
    }

    @Test
    void jsonCarriesTheQuestionAndTheMissingFieldsDetails() throws Exception {
        JsonNode json = JSON.readTree(JSON.writeValueAsString(ReplyWire.toMap(Samples.reply(
                Stage.CLARIFYING, "'Paris': city or country?", Samples.question(), Samples.missingWithDetails()))));

        assertThat(json.get("stage").asText()).isEqualTo("CLARIFYING");
        assertThat(json.get("question").get("text").asText()).isEqualTo("'Paris': city or country?");
        JsonNode second = json.get("question").get("choices").get(1);
        assertThat(second.get("n").asInt()).isEqualTo(2);
        assertThat(second.get("label").asText()).isEqualTo("country");
        assertThat(second.get("value").asText()).isEqualTo("customers.country = Paris");
        JsonNode status = json.get("missing").get(0);
        assertThat(status.get("field").asText()).isEqualTo("status");
        assertThat(status.get("type").asText()).isEqualTo("text");
        assertThat(status.get("required").asBoolean()).isTrue();
        assertThat(status.get("allowed").get(1).asText()).isEqualTo("blocked");
        assertThat(json.get("missing").get(1).get("allowed").isNull()).isTrue();
    }

    @Test
    void aCreatePreviewHasNoBeforeAndShowsPlaceholdersAsLabels() throws Exception {
        JsonNode json = JSON.readTree(JSON.writeValueAsString(
                ReplyWire.toMap(Samples.reply(Stage.PREVIEW, "Ready.", Samples.createPreview()))));

        JsonNode change = json.get("preview").get("changes").get(0);
        assertThat(change.get("key").isNull()).isTrue();
        assertThat(change.get("before").isNull()).isTrue();
        assertThat(change.get("after").get("id").asText()).isEqualTo("(generated)");
        assertThat(json.get("rows").isNull()).isTrue();
        assertThat(json.get("more").asBoolean()).isFalse();
    }

    @Test
    void longAndMultiLineCellsAreShortenedToOneLine() {
        assertThat(Values.cell("a\nb")).isEqualTo("a\\nb");
        assertThat(Values.cell("x".repeat(60))).hasSize(40).endsWith("…");
        assertThat(Values.cell(new byte[3])).isEqualTo("(binary, 3 bytes)");
    }
}
