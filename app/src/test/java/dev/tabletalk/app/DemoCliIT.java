package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.fixtures.WireSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code tabletalk demo} end to end, as a process, in non-interactive mode. */
class DemoCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SESSION = String.join(
            "\n",
            "show customers",
            "add a customer named Ada Smith",
            "ada.smith@example.org",
            "confirm",
            "set the status of order 1004 to shipped",
            "show order 1004",
            "confirm",
            "show order 1004",
            "delete customer 103",
            "");

    @Test
    void aNewUserCanReadCreateWithAQuestionUpdateWithPreviewAndConfirmAndIsRefusedADelete() {
        TableTalkJar.Result result = TableTalkJar.run(SESSION, "demo", "--audit-db", TableTalkJar.memoryAuditStore());

        assertThat(result.stderr()).isEmpty();
        String out = result.stdout();
        assertThat(out)
                .contains("4 rows of customers.", "Ada Lovelace", "Katherine Johnson")
                .doesNotContain("Linus Torvalds");
        assertThat(out).contains("What should the email of the new customer be?");
        assertThat(out).contains("new row in customers:", "'ada.smith@example.org'", "Done: added 1 customer");
        assertThat(out)
                .contains("status  'new' -> 'shipped'".replace("  ", " "))
                .containsPattern("status\\s+'new' -> 'shipped'");
        assertThat(out).contains("Say 'confirm' to apply it", "Done: changed 1 row of orders.");
        assertThat(out).contains("Deleting is not possible here");
        assertThat(result.exitCode()).as("a refusal in non-interactive mode").isEqualTo(3);
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void jsonRepliesAreOneLinePerMessageAndShowConfirmAndTenantAtWork() {
        TableTalkJar.Result result =
                TableTalkJar.run(SESSION, "demo", "--json", "--audit-db", TableTalkJar.memoryAuditStore());

        List<JsonNode> replies = parse(result.stdoutLines());
        assertThat(replies).hasSize(9);
        for (JsonNode reply : replies) {
            assertThat(reply.fieldNames()).toIterable().containsExactlyElementsOf(WireSamples.REPLY_KEYS);
            assertThat(reply.get("sessionId").asText())
                    .isEqualTo(replies.get(0).get("sessionId").asText());
        }
        // read: company 1 only (invariant 7)
        JsonNode customers = replies.get(0);
        assertThat(customers.get("stage").asText()).isEqualTo("IDLE");
        assertThat(customers.get("rows")).hasSize(4);
        customers
                .get("rows")
                .forEach(row -> assertThat(row.get("company_id").asInt()).isEqualTo(1));
        assertThat(customers.get("more").asBoolean()).isFalse();
        assertThat(customers.get("interpretation").asText()).endsWith("; 4 rows");
        // create: the missing field is asked for
        JsonNode asked = replies.get(1);
        assertThat(asked.get("stage").asText()).isEqualTo("COLLECTING");
        assertThat(asked.get("missing").get(0).get("field").asText()).isEqualTo("email");
        assertThat(asked.get("missing").get(0).get("type").asText()).isEqualTo("text");
        assertThat(asked.get("missing").get(0).get("required").asBoolean()).isTrue();
        assertThat(asked.get("question").isNull()).isTrue();
        assertThat(asked.get("draft").get("values").get("name").asText()).isEqualTo("Ada Smith");
        JsonNode createPreview = replies.get(2);
        assertThat(createPreview.get("stage").asText()).isEqualTo("PREVIEW");
        assertThat(createPreview
                        .get("preview")
                        .get("changes")
                        .get(0)
                        .get("after")
                        .get("company_id")
                        .asInt())
                .isEqualTo(1);
        assertThat(replies.get(3).get("stage").asText()).isEqualTo("IDLE");
        // update: previewed, not applied before the confirm (invariant 4)
        JsonNode updatePreview = replies.get(4);
        assertThat(updatePreview.get("stage").asText()).isEqualTo("PREVIEW");
        JsonNode change = updatePreview.get("preview").get("changes").get(0);
        assertThat(change.get("before").get("status").asText()).isEqualTo("new");
        assertThat(change.get("after").get("status").asText()).isEqualTo("shipped");
        assertThat(replies.get(5).get("rows").get(0).get("status").asText()).isEqualTo("new");
        assertThat(replies.get(6).get("refusal").isNull()).isTrue();
        assertThat(replies.get(7).get("rows").get(0).get("status").asText()).isEqualTo("shipped");
        // delete: refused
        JsonNode refused = replies.get(8);
        assertThat(refused.get("refusal").get("code").asText()).isEqualTo("delete_not_allowed");
        assertThat(refused.get("rows").isNull()).isTrue();
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    @Tag("invariant-7")
    void companyTwoRowsAreNeverShownToCompanyOne() {
        TableTalkJar.Result result = TableTalkJar.run(
                String.join("\n", "show orders", "show order 1002", "show customers where company_id = 2", ""),
                "demo",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        List<JsonNode> replies = parse(result.stdoutLines());
        assertThat(replies).hasSize(3);
        for (JsonNode reply : replies) {
            JsonNode rows = reply.get("rows");
            if (rows != null && !rows.isNull()) {
                rows.forEach(row -> assertThat(row.get("company_id").asInt()).isEqualTo(1));
            }
        }
        assertThat(replies.get(1).get("rows")).isEmpty();
        assertThat(replies.get(2).get("refusal").get("code").asText()).isEqualTo("tenant_column");
    }

    @Test
    void aSessionWithoutRefusalsExitsWithZero() {
        TableTalkJar.Result result =
                TableTalkJar.run("show products\n", "demo", "--audit-db", TableTalkJar.memoryAuditStore());

        assertThat(result.stdout()).contains("Road bike").doesNotContain("Espresso machine");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anotherTenantSeesItsOwnRows() {
        TableTalkJar.Result result = TableTalkJar.run(
                "show products\n", "demo", "--tenant", "2", "--json", "--audit-db", TableTalkJar.memoryAuditStore());

        assertThat(result.stdout()).contains("Espresso machine").doesNotContain("Road bike");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aViewerMayReadButNotWrite() {
        TableTalkJar.Result result = TableTalkJar.run(
                "show customers\nset the city of customer 101 to Paris\n",
                "demo",
                "--role",
                "viewer",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        List<JsonNode> replies = parse(result.stdoutLines());
        assertThat(replies.get(0).get("rows")).hasSize(4);
        assertThat(replies.get(1).get("refusal").get("code").asText()).isEqualTo("role_forbids");
        assertThat(result.exitCode()).as("not allowed").isEqualTo(4);
    }

    private static List<JsonNode> parse(List<String> lines) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object per line: " + line, e);
            }
        }
        return nodes;
    }
}
