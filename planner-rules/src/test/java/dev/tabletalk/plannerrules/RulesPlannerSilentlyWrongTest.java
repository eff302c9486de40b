package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariant 11 measured (issue 13): over every labelled set, each answer is exact (the labelled plan, or a
 * refusal where one is due), safe (a refusal or "not understood" where a plan was possible: unhelpful, never
 * wrong) or silently wrong (a plan that is not the labelled one, or a plan where a refusal was due). Silently
 * wrong answers fail the build. {@code nosilent.tsv} and {@code nosilent-blind.tsv} label a refusal as
 * {@code refuse <reason class>} (count, aggregate, group, paging, or, no_such_field, relationship, unparsed,
 * value, date, delete); the older sets name a refusal code, which must then match. A clarifying question
 * ({@code ask [country, city, region]}, #13; a bare {@code ask} takes any choices) is exact when its choices are the
 * labelled ones in order, safe where a
 * plan was labelled (nothing runs until the person picks), and silently wrong where a refusal was due (a question
 * must never be asked about something that is not supported) or where a question was due and a plan came.
 */
@Tag("invariant-11")
class RulesPlannerSilentlyWrongTest {

    private static final Set<String> CODES =
            Arrays.stream(RefusalCode.values()).map(RefusalCode::wireName).collect(Collectors.toSet());

    private static final Map<String, SchemaView> SCHEMAS = Map.of(
            "northwind", SampleSchemas.northwind(),
            "sakila", SampleSchemas.sakila(),
            "pagila", SampleSchemas.pagila());

    private final RulesPlanner planner = RulesPlanner.create();

    /** How one labelled set was answered. */
    record Figures(String file, int cases, int refusalsDue, int exact, List<String> safe, List<String> silentlyWrong) {

        String report() {
            return String.format(
                    "%s: %d cases (%d refusals or questions due): exact %d (%.1f%%), safe %d, silently wrong %d%n%s%n  safe:%n%s",
                    file,
                    cases,
                    refusalsDue,
                    exact,
                    100.0 * exact / cases,
                    safe.size(),
                    silentlyWrong.size(),
                    String.join("\n", silentlyWrong),
                    String.join("\n", safe));
        }
    }

    @Test
    void theDevelopmentSetIsNeverAnsweredSilentlyWrong() throws IOException {
        Figures figures = measure("nosilent.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(100);
        // over 50 refusals were due at first; dates, questions and relationships turned a few into plans or questions
        assertThat(figures.refusalsDue()).isGreaterThanOrEqualTo(45);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
    }

    /**
     * {@code nosilent-blind.tsv} was split off by a fixed seed before the planner ran on the set and first run
     * once, after the development part passed: 51 cases (25 refusals due), 47 exact (92.2%), 3 safe, 1 silently
     * wrong ("orders of customer Alfreds Futterkiste" read as customer_id = that name). Fixed afterwards (a key
     * takes no name), and "product name of product 4" found its target; the set is no longer blind since.
     */
    @Test
    void theBlindSetIsNeverAnsweredSilentlyWrong() throws IOException {
        Figures figures = measure("nosilent-blind.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(40);
        assertThat(figures.refusalsDue()).isGreaterThanOrEqualTo(20);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
    }

    /** The v2 forms (issue 13): counting, aggregates, select, or/in/not/ends with, superlatives. */
    @Test
    void theFormsDevelopmentSetIsNeverAnsweredSilentlyWrong() throws IOException {
        Figures figures = measure("forms.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(60);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
    }

    /**
     * {@code forms-blind.tsv}: 27 of the 89 v2-form requests, split off by {@code random.Random(1313)} before the
     * planner ran on any of them, and first run once, after the development part passed: 27 cases (5 refusals
     * due), 23 exact (85.2%), 3 safe, 1 silently wrong ("the biggest order" read as the order with the highest
     * freight). Fixed afterwards ("biggest", "largest" and "smallest" name no column, so they are refused); the
     * set is no longer blind since.
     */
    @Test
    void theFormsBlindSetIsNeverAnsweredSilentlyWrong() throws IOException {
        Figures figures = measure("forms-blind.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(25);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
    }

    /**
     * {@code clarify.tsv}: requests a short question settles (#13), each labelled with the choices it must offer
     * ({@code ask [country, city, region]}); all are asked exactly so, and none is answered with a plan.
     */
    @Test
    void theClarifyingSetIsAskedWithTheLabelledChoices() throws IOException {
        Figures figures = measure("clarify.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(30);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
        assertThat(figures.exact()).as(figures.report()).isEqualTo(figures.cases());
    }

    /**
     * {@code clarify-blind.tsv}: 11 requests written with {@code clarify.tsv} and first run once, when the
     * development part passed: 11 cases, 9 asked exactly (81.8%), 2 safe ("the youngest employees" and "the least
     * expensive films" not understood, so refused), 0 silently wrong. Not tuned on since.
     */
    @Test
    void theClarifyingBlindSetIsNeverAnsweredSilentlyWrong() throws IOException {
        Figures figures = measure("clarify-blind.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(10);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
    }

    /**
     * Relationship phrases (#13): "tracks of the album ...", "payments of customer MARY SMITH", and the ones that
     * must be asked about (two keys to one entity, a one-word person name) or refused (no foreign key between).
     */
    @Test
    void theRelationsDevelopmentSetIsNeverAnsweredSilentlyWrong() throws IOException {
        Figures figures = measure("relations.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(40);
        assertThat(figures.refusalsDue()).isGreaterThanOrEqualTo(5);
        assertThat(figures.exact()).as(figures.report()).isGreaterThanOrEqualTo(figures.cases() * 8 / 10);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
    }

    /**
     * {@code relations-blind.tsv}: 14 of the 58 relationship requests, split off by {@code random.Random(1413)}
     * before the planner ran on any of them; its figures were first read once, after the development part passed:
     * 14 cases (5 refusals or questions due), 13 exact (92.9%), 1 safe ("films by PENELOPE GUINESS" asked which of
     * the film's two language keys instead of refused), 0 silently wrong. Merged with the clarifying questions' rule
     * (a question about a reading that cannot be meant is silently wrong), that one question counted as silently
     * wrong; fixed generally (a two-word name after "by", where people are reached only through a table of links and
     * no reading through keys is a person, is refused); the set is no longer blind since.
     */
    @Test
    void theRelationsBlindSetIsNeverAnsweredSilentlyWrong() throws IOException {
        Figures figures = measure("relations-blind.tsv");
        assertThat(figures.cases()).isGreaterThanOrEqualTo(14);
        assertThat(figures.silentlyWrong()).as(figures.report()).isEmpty();
    }

    @Test
    void theOlderLabelledSetsAreNeverAnsweredSilentlyWrong() throws IOException {
        List<String> wrong = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (String file : List.of("accuracy.tsv", "heldout.tsv", "heldout2.tsv", "heldout3.tsv", "heldout4.tsv")) {
            Figures figures = measure(file);
            wrong.addAll(figures.silentlyWrong());
            report.append(figures.report()).append('\n');
        }
        assertThat(wrong).as(report.toString()).isEmpty();
    }

    private Figures measure(String file) throws IOException {
        List<RulesPlannerAccuracyTest.Case> cases = RulesPlannerAccuracyTest.load(file);
        int refusalsDue = 0;
        int exact = 0;
        List<String> safe = new ArrayList<>();
        List<String> silentlyWrong = new ArrayList<>();
        for (RulesPlannerAccuracyTest.Case c : cases) {
            String actual = PlanText.of(planner.plan(
                    PlannerRequest.standalone(c.message(), SCHEMAS.get(c.schema()), RulesPlannerAccuracyTest.TODAY)));
            boolean answeredWithoutPlan = actual.startsWith("refuse") || actual.equals("unknown");
            boolean asked = actual.startsWith("ask ");
            boolean askDue = c.expected().startsWith("ask");
            boolean refusalDue =
                    c.expected().startsWith("refuse") || c.expected().equals("unknown");
            refusalsDue += refusalDue || askDue ? 1 : 0;
            boolean exactAnswer = c.expected().equals("ask")
                    ? asked
                    : refusalDue ? answeredWithoutPlan && refusalMatches(c.expected(), actual) : sameplan(c, actual);
            if (exactAnswer) {
                exact++;
            } else if (answeredWithoutPlan || asked && !refusalDue) {
                // a question where a plan was due runs nothing until the person picks: unhelpful, never wrong
                safe.add(line(file, c, actual));
            } else {
                silentlyWrong.add(line(file, c, actual));
            }
        }
        Figures figures = new Figures(file, cases.size(), refusalsDue, exact, safe, silentlyWrong);
        System.out.println("[planner-rules] " + figures.report());
        return figures;
    }

    private static String line(String file, RulesPlannerAccuracyTest.Case c, String actual) {
        return file + ":" + c.line() + " [" + c.schema() + "] " + c.message() + "\n    expected: " + c.expected()
                + "\n    actual:   " + actual;
    }

    private static boolean sameplan(RulesPlannerAccuracyTest.Case c, String actual) {
        return PlanText.normalise(actual).equals(PlanText.normalise(c.expected()));
    }

    /** A refusal code in the label must match; a reason class accepts any refusal (a delete: the delete code). */
    private static boolean refusalMatches(String expected, String actual) {
        String[] words = expected.split("\\s+");
        if (words.length < 2 || words[0].equals("unknown")) {
            return true;
        }
        if (words[1].equals("delete")) {
            return actual.equals("refuse " + RefusalCode.DELETE_NOT_ALLOWED.wireName());
        }
        return !CODES.contains(words[1]) || actual.equals("refuse " + words[1]);
    }
}
