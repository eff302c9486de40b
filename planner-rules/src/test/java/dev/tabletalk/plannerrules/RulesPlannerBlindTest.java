package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The blind figure of invariant 11 (no silent answers) on a batch written and labelled before the planner ever
 * ran on it ({@code heldout4.tsv}), kept apart from the labelled set the planner is tuned on. Each answer is
 * exact (the labelled plan, or a refusal where a part cannot be placed), safe (a refusal where a plan was
 * possible: unhelpful, never wrong) or silently wrong (a different plan, or a plan where a refusal was due).
 */
class RulesPlannerBlindTest {

    /**
     * Silently wrong answers when the batch was first run: none (28 of 29 exact, the 29th differed only as
     * 1250.50 against the label's equal 1250.5, since corrected). It may never go up.
     */
    private static final int SILENTLY_WRONG_AT_FIRST_RUN = 0;

    @Test
    @Tag("invariant-11")
    void theBlindBatchIsAnsweredExactlyOrRefusedAndNeverSilentlyWrongMoreThanAtItsFirstRun() throws IOException {
        List<RulesPlannerAccuracyTest.Case> cases = RulesPlannerAccuracyTest.load("heldout4.tsv");
        Map<String, SchemaView> schemas = Map.of(
                "northwind",
                SampleSchemas.northwind(),
                "sakila",
                SampleSchemas.sakila(),
                "pagila",
                SampleSchemas.pagila());
        RulesPlanner planner = RulesPlanner.create();
        int exact = 0;
        int safe = 0;
        List<String> silentlyWrong = new ArrayList<>();
        for (RulesPlannerAccuracyTest.Case c : cases) {
            String actual = PlanText.of(planner.plan(
                    PlannerRequest.standalone(c.message(), schemas.get(c.schema()), RulesPlannerAccuracyTest.TODAY)));
            boolean refused = actual.startsWith("refuse");
            boolean refusalDue = c.expected().startsWith("refuse");
            if (refusalDue
                    ? refused && (c.expected().equals("refuse") || c.expected().equals(actual))
                    : PlanText.normalise(actual).equals(PlanText.normalise(c.expected()))) {
                exact++;
            } else if (refused) {
                safe++;
            } else {
                silentlyWrong.add(c.message() + "\n    expected: " + c.expected() + "\n    actual:   " + actual);
            }
        }
        String report = String.format(
                "blind batch: %d/%d exact, %d refused where a plan was possible, %d silently " + "wrong%n%s",
                exact, cases.size(), safe, silentlyWrong.size(), String.join("\n", silentlyWrong));
        System.out.println("[planner-rules] " + report);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        assertThat(silentlyWrong.size()).as(report).isLessThanOrEqualTo(SILENTLY_WRONG_AT_FIRST_RUN);
    }
}
