package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.plannerrules.RulesPlanner;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PUB-114 ("no silent answers", invariant 11) on the real stack: the rules planner, the engine, the
 * jOOQ executor and the JDBC audit log on PostgreSQL. Every message goes through the offline rules
 * planner (no script), and G1-G7 are checked after each case ({@link CaseRun}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("invariant-11")
class NoSilentAnswersIT {

    private SecureShop shop;

    @BeforeAll
    void start() {
        shop = SecureShop.start("truth");
        RulesPlanner rules = RulesPlanner.create();
        shop.planner.otherwise(rules::plan);
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void pub114_aNumberWithThousandsSeparatorsIsPreviewedAndWrittenWhole() {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.say(EDITOR, Optional.empty(), "set the credit_limit of customer 5 to 1,000");
        List<RowChange> changes = preview.part(ReplyPart.Preview.class)
                .orElseThrow(() -> new AssertionError("no preview in " + preview))
                .preview()
                .changes();
        assertThat(changes).hasSize(1);
        assertThat(new BigDecimal(changes.get(0).after().get("credit_limit").toString()))
                .isEqualByComparingTo("1000");
        assertThat(preview.text()).contains("1000").doesNotContainPattern("credit_limit\\D+\\b1\\b(?![.,\\d])");
        run.assertGlobal();

        CaseRun confirm = new CaseRun(shop);
        Reply committed = confirm.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));
        SecureShop.assertCommitted(committed, Intent.UPDATE, 1);
        confirm.assertGlobalAfterConfirmedChange();
        assertThat(new BigDecimal(shop.queryString("select credit_limit from customers where id = 5")))
                .isEqualByComparingTo("1000");
    }

    @Test
    void pub114_orBetweenValuesOfOneFieldKeepsBoth() {
        for (String message : List.of(
                "show customers where name is 'Customer 12' or name is 'Customer 14'",
                "show customers whose name is 'Customer 12' or 'Customer 14'")) {
            CaseRun run = new CaseRun(shop);
            Reply reply = run.say(EDITOR, Optional.empty(), message);
            List<Map<String, Object>> rows = reply.part(ReplyPart.Rows.class)
                    .orElseThrow(() -> new AssertionError("no rows in " + reply))
                    .rows()
                    .rows();
            assertThat(rows)
                    .as(message)
                    .extracting(r -> r.get("name"))
                    .containsExactlyInAnyOrder("Customer 12", "Customer 14");
            run.assertGlobal();
        }
    }

    @Test
    void pub114_anUnknownConditionIsRefusedAndNothingIsPreviewedOrChanged() {
        for (String message : List.of(
                "set the status of customer 5 to inactive where nonexistent is 5",
                "update customers set status to inactive where nonexistent is 5",
                "update customers set status to blocked where name is 'Customer 7' and nonexistent is 5")) {
            CaseRun run = new CaseRun(shop);
            Reply reply = run.say(EDITOR, Optional.empty(), message);
            assertThat(reply.refusal()).as(message).map(r -> r.code()).contains(RefusalCode.UNKNOWN_FIELD);
            assertThat(reply.text())
                    .as(message)
                    .contains("\"nonexistent\"", "nothing was prepared or changed", "status");
            assertThat(reply.part(ReplyPart.Preview.class)).as(message).isEmpty();
            assertThat(reply.part(ReplyPart.Draft.class)).as(message).isEmpty();
            run.assertGlobal();
        }
        CaseRun read = new CaseRun(shop);
        Reply reply = read.say(EDITOR, Optional.empty(), "show customers where nonexistent is 5");
        assertThat(reply.refusal()).map(r -> r.code()).contains(RefusalCode.UNKNOWN_FIELD);
        assertThat(reply.part(ReplyPart.Rows.class)).isEmpty();
        read.assertGlobal();
    }

    @Test
    void pub114_orAcrossFieldsAndValuesThatFitNoFieldAreRefusedNotDropped() {
        for (String message : List.of(
                "update customers set status to blocked where name is 'Customer 7' or " + "status is active",
                "show customers with ids 1, 2, 3",
                "set the nonexistent of customer 5 to 3")) {
            CaseRun run = new CaseRun(shop);
            Reply reply = run.say(EDITOR, Optional.empty(), message);
            assertThat(reply.isRefused()).as(message).isTrue();
            assertThat(reply.part(ReplyPart.Preview.class)).as(message).isEmpty();
            assertThat(reply.part(ReplyPart.Rows.class)).as(message).isEmpty();
            run.assertGlobal();
        }
    }
}
