package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code TableTalk.builder().config(Path)}: tabletalk.yaml's limits, switch and catalog options apply (#14). */
class BuilderConfigFileIT {

    private static final UserContext EDITOR_1 = UserContext.of("mia", "editor", "1");

    @TempDir
    Path folder;

    private Path file(String yaml) throws IOException {
        return Files.writeString(folder.resolve("tabletalk.yaml"), yaml);
    }

    private static Reply say(TableTalk tableTalk, String message) {
        return tableTalk.conversations().handle(ChatRequest.of("s-config", EDITOR_1, message));
    }

    @Test
    @Tag("invariant-3")
    void theFilesRowCapLimitsEveryRead() throws IOException {
        Path config = file("limits:\n  maxRows: 2\ncatalog:\n  denyTables: [users]\n"
                + "audit: {url: \"jdbc:h2:mem:audit_config_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1\"}\n");
        try (DemoDatabase shop = DemoDatabase.inMemory();
                TableTalk tableTalk = TableTalk.builder()
                        .config(config)
                        .targetDatabase(shop.url())
                        .build()) {
            Reply reply = say(tableTalk, "show orders");

            ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow();
            assertThat(rows.rows().size()).isEqualTo(2);
            assertThat(rows.rows().hasMore()).isTrue();
        }
    }

    @Test
    @Tag("invariant-10")
    void theFilesReadOnlySwitchRefusesWrites() throws IOException {
        Path config = file("readOnly: true\n" + "audit: {url: \"jdbc:h2:mem:audit_config_" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1\"}\n");
        try (DemoDatabase shop = DemoDatabase.inMemory();
                TableTalk tableTalk = TableTalk.builder()
                        .config(config)
                        .targetDatabase(shop.url())
                        .catalogOptions(shop.catalogOptions())
                        .build()) {
            Reply reply = say(tableTalk, "set the status of order 1004 to shipped");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.READ_ONLY_MODE);
            assertThat(tableTalk.readOnlyMode().isOn()).isTrue();
        }
    }

    @Test
    void aBadFileIsRefusedWithItsLineAndKey() throws IOException {
        Path config = file("limits:\n  maxRows: 100\n  statementTimeout: soon\n");

        assertThatThrownBy(() -> TableTalk.builder().config(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(config + ":3: limits.statementTimeout: ");
    }
}
