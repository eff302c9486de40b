package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.user.UserContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Starting TableTalk: what fails at build(), and the switches it hands out. */
class TableTalkStartIT {

    private static String memoryAudit() {
        return "jdbc:h2:mem:audit_start_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void anUnreachableTargetFailsAtBuildAsAnUnavailableDatabase() {
        assertThatThrownBy(() -> TableTalk.builder()
                        .targetDatabase("jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody")
                        .auditStore(memoryAudit())
                        .build())
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo(Dependency.TARGET_DATABASE));
    }

    @Test
    void anAuditStoreOfAnUnsupportedKindIsABadSetting() {
        try (DemoDatabase shop = DemoDatabase.inMemory()) {
            assertThatThrownBy(() -> TableTalk.builder()
                            .targetDatabase(shop.url())
                            .auditStore("jdbc:sqlite::memory:")
                            .build())
                    .isInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    @Tag("invariant-10")
    void theReadOnlySwitchRefusesWritesAtOnceAndReadsStillWork() {
        ReadOnlyMode readOnly = ReadOnlyMode.off();
        try (DemoDatabase shop = DemoDatabase.inMemory();
                TableTalk tableTalk = TableTalk.builder()
                        .targetDatabase(shop.url())
                        .catalogOptions(shop.catalogOptions())
                        .auditStore(memoryAudit())
                        .readOnlyMode(readOnly)
                        .build()) {
            UserContext editor = UserContext.of("mia", "editor", "1");
            assertThat(tableTalk.readOnlyMode()).isSameAs(readOnly);
            tableTalk.readOnlyMode().set(true);

            Reply write = tableTalk
                    .conversations()
                    .handle(ChatRequest.newSession(editor, "set the city of customer 101 to Paris"));
            assertThat(write.refusal())
                    .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.READ_ONLY_MODE));
            Reply read = tableTalk.conversations().handle(ChatRequest.newSession(editor, "show customers"));
            assertThat(read.isRefused()).isFalse();
        }
    }
}
