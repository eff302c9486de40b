package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compiles and runs the README's embedding example, on the demo shop in memory. */
class EmbeddingExampleIT {

    private DemoDatabase shop;
    private final List<Reply> replies = new ArrayList<>();

    @BeforeEach
    void createShop() {
        shop = DemoDatabase.inMemory();
    }

    @AfterEach
    void dropShop() {
        shop.close();
    }

    /** The README example, word for word except for the two URLs and the recorded replies. */
    private void readmeExample(String shopUrl, String auditUrl) {
        try (TableTalk tableTalk = TableTalk.builder()
                .targetDatabase(shopUrl) // or .targetDatabase(dataSource)
                .auditStore(auditUrl) // TableTalk's own audit log (default: ./.tabletalk/audit)
                .build()) {
            Conversations chat = tableTalk.conversations();
            UserContext ada = UserContext.of("ada", "editor", "1"); // who asks: an editor of company 1
            Reply reply = chat.handle(ChatRequest.newSession(ada, "show customers where city is London"));
            System.out.println(reply.text());
            replies.add(reply);
            reply = chat.handle(ChatRequest.of(reply.sessionId(), ada, "set the city of customer 102 to Boston"));
            System.out.println(reply.text()); // a preview: before -> after, nothing changed yet
            replies.add(reply);
            reply = chat.handle(ChatRequest.of(reply.sessionId(), ada, "confirm"));
            System.out.println(reply.text()); // committed
            replies.add(reply);
        }
    }

    @Test
    void theReadmeEmbeddingExampleReadsPreviewsAndCommits() {
        readmeExample(shop.url(), "jdbc:h2:mem:" + "audit_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");

        Reply read = replies.get(0);
        assertThat(read.part(ReplyPart.Rows.class)).hasValueSatisfying(rows -> {
            assertThat(rows.entity()).isEqualTo("customers");
            assertThat(rows.rows().rows()).extracting(row -> row.get("name")).containsExactly("Ada Lovelace");
        });
        Reply preview = replies.get(1);
        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        assertThat(preview.part(ReplyPart.Preview.class)).hasValueSatisfying(p -> {
            assertThat(p.preview().changes()).hasSize(1);
            assertThat(p.preview().changes().get(0).before()).containsEntry("city", "New York");
            assertThat(p.preview().changes().get(0).after()).containsEntry("city", "Boston");
        });
        Reply committed = replies.get(2);
        assertThat(committed.part(ReplyPart.Committed.class))
                .hasValueSatisfying(c -> assertThat(c.rowCount()).isEqualTo(1));
        assertThat(committed.stage()).isEqualTo(Stage.IDLE);
    }
}
