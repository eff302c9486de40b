package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.fields;
import static dev.tabletalk.securitytests.Plans.update;
import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.audit.AuditRecord;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.testkit.fakes.FixedClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sessions expire (PUB-107) and masked values stay out of the audit log (PUB-110), on the real stack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsAndMaskingIT {

    private SecureShop shop;

    @BeforeAll
    void start() {
        shop = SecureShop.start("sessmask");
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    @Tag("PUB-110")
    void pub110_aMaskedValueTypedInAnUpdateReachesNoAuditFieldInClear() {
        String value = "987-65-4321";
        String message = "set the phone of customer 9 to " + value;
        shop.script(message, update("customers", fields("phone", value), eq("id", 9)));
        CaseRun run = new CaseRun(shop);
        long before = shop.auditCount();

        Reply preview = run.say(EDITOR, Optional.empty(), message);
        assertThat(preview.stage()).as(preview.text()).isEqualTo(Stage.PREVIEW);
        run.say(EDITOR, Optional.of(preview.sessionId()), "cancel");

        run.assertGlobal();
        List<AuditRecord> records = LongStream.rangeClosed(before + 1, shop.auditCount())
                .mapToObj(n -> shop.audit.queries().entry(n).orElseThrow())
                .toList();
        assertThat(records).hasSize(2);
        AuditRecord previewed = records.get(0);
        assertThat(previewed.fields()).contains("phone").contains("***");
        assertThat(previewed.plan()).hasValueSatisfying(plan -> assertThat(plan).contains("***"));
        assertThat(previewed.message()).isEqualTo("set the phone of customer 9 to ***");
        assertThat(records).allSatisfy(record -> assertThat(record.toString()).doesNotContain(value));
        // the reply's preview shows the value masked, as every masked value is shown
        assertThat(CaseRun.render(preview)).doesNotContain(value);
    }

    @Test
    @Tag("PUB-107")
    void pub107_threeThousandSessionsHoldingLargePreviewsAreDroppedAfterTheirTimeToLive() {
        FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
        InMemorySessionStore store = new InMemorySessionStore(clock, Duration.ofMinutes(30), 20);
        String big = "n".repeat(4096);
        shop.script("note customer 9", update("customers", fields("notes", big), eq("id", 9)));
        // the 3,100 replies are checked here, not by CaseRun: random preview ids may contain "5432" (its G5 probe)
        long auditBefore = shop.auditCount();
        String stateBefore = shop.checksum();
        try (TableTalk tableTalk = TableTalk.builder()
                .targetDatabase(shop.targetPool)
                .auditLog(shop.audit)
                .planner(shop.planner)
                .clock(clock)
                .sessions(store)
                .catalogOptions(CatalogOptions.builder()
                        .schemas("public")
                        .tenantColumn(Limits.defaults().tenantColumn())
                        .maskedColumns(List.of("email", "phone"))
                        .build())
                .build()) {
            int sessions = 3_000;
            for (int i = 0; i < sessions; i++) {
                Reply reply = tableTalk
                        .conversations()
                        .handle(ChatRequest.newSession(
                                UserContext.of("u-load-" + i, "editor", "101"), "note customer 9"));
                assertThat(reply.part(ReplyPart.Preview.class)).as(reply.text()).isPresent();
            }
            assertThat(store.size()).isEqualTo(sessions);

            clock.advance(Duration.ofMinutes(30));
            for (int i = 0; i < 100; i++) {
                tableTalk
                        .conversations()
                        .handle(ChatRequest.newSession(UserContext.of("u-late-" + i, "editor", "101"), "cancel"));
            }

            // every turn dropped a bounded share of the idle sessions: only the late ones are left
            assertThat(store.size()).isEqualTo(100);
            clock.advance(Duration.ofMinutes(30));
            store.evictExpired();
            assertThat(store.size()).isZero();
        }
        assertThat(shop.auditCount() - auditBefore)
                .as("G4: one audit entry per turn")
                .isEqualTo(3_100);
        assertThat(shop.audit.verify().isIntact())
                .as("G4: audit chain verifies")
                .isTrue();
        assertThat(shop.checksum()).as("G6: nothing was confirmed").isEqualTo(stateBefore);
        CaseRun run = new CaseRun(shop);
        run.say(EDITOR, Optional.empty(), "cancel");
        run.assertGlobal();
    }
}
