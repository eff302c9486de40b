package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code tabletalk audit} over the turns a demo chat left in a file store. */
class AuditCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Tag("invariant-9")
    void everyDemoTurnIsInTheAuditLogAndTheChainVerifies() throws IOException {
        Path directory = Files.createDirectories(Path.of("target", "it-work").toAbsolutePath())
                .resolve("audit_" + System.nanoTime());
        String store = "jdbc:h2:file:" + directory + ";AUTO_SERVER=TRUE";
        TableTalkJar.Result chat = TableTalkJar.run(
                "show customers\nset the city of customer 101 to Paris\nconfirm\n" + "delete customer 101\n",
                "demo",
                "--audit-db",
                store);
        assertThat(chat.exitCode()).isEqualTo(3);

        TableTalkJar.Result verify = TableTalkJar.run("", "audit", "verify", "--audit-db", store);
        assertThat(verify.exitCode()).isZero();
        // four turns; the confirmed update is recorded as pending, then resolved
        assertThat(verify.stdout()).startsWith("intact: 5 entries");

        TableTalkJar.Result sessions = TableTalkJar.run("", "audit", "sessions", "--json", "--audit-db", store);
        assertThat(sessions.stdoutLines()).hasSize(1);
        JsonNode session = JSON.readTree(sessions.stdoutLines().get(0));
        assertThat(session.get("turns").asInt()).isEqualTo(4);
        assertThat(session.get("userId").asText()).isEqualTo("local");

        TableTalkJar.Result show =
                TableTalkJar.run("", "audit", "show", session.get("sessionId").asText(), "--json", "--audit-db", store);
        assertThat(show.stdoutLines()).hasSize(5);
        assertThat(JSON.readTree(show.stdoutLines().get(2)).get("outcome").asText())
                .isEqualTo("pending");
        assertThat(JSON.readTree(show.stdoutLines().get(3)).get("outcome").asText())
                .isEqualTo("ok");
        assertThat(JSON.readTree(show.stdoutLines().get(3)).get("rows").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(show.stdoutLines().get(4)).get("refusal").asText())
                .isEqualTo("delete_not_allowed");

        TableTalkJar.Result replay = TableTalkJar.run(
                "", "replay", session.get("sessionId").asText(), "--demo", "--json", "--audit-db", store);
        assertThat(replay.exitCode())
                .as("the rules planner reads its own recordings the same way")
                .isZero();
        assertThat(replay.stdoutLines()).hasSize(4);
        assertThat(JSON.readTree(replay.stdoutLines().get(0)).get("verdict").asText())
                .isEqualTo("same");
        assertThat(JSON.readTree(replay.stdoutLines().get(2)).get("verdict").asText())
                .isEqualTo("skipped");
    }
}
