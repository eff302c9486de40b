package dev.tabletalk.plannerllm;

import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked question of the model as planner output (#13): {@link PlannerOutput#asking} with one choice per kept
 * plan, or a refusal when no choice kept a valid plan (the person is told to say it with a field, never shown an
 * empty question). A choice's value is its plan in short ("country = Germany"), so it can be picked by it too.
 */
final class AskedQuestions {

    static final String NO_CHOICE = "I could read that more than one way, but none of the readings could be "
            + "planned, so nothing was done. Say it again naming the field, for example \"customers where country "
            + "is Germany\".";

    private AskedQuestions() {}

    static PlannerOutput output(QuestionCheck.Asked asked, Intent intent, String entity, PlannerTrace trace) {
        if (asked.choices().isEmpty()) {
            return PlannerOutput.refused(Refusal.of(RefusalCode.NOT_UNDERSTOOD, NO_CHOICE), trace);
        }
        List<Question.Choice> choices = new ArrayList<>();
        for (QuestionCheck.Choice choice : asked.choices()) {
            SchemaCheck.Detail detail = choice.detail();
            choices.add(
                    new Question.Choice(choice.label(), value(choice.label(), detail), plan(intent, entity, detail)));
        }
        return PlannerOutput.asking(new Question(asked.text(), choices), trace);
    }

    /** The values a person will see: the question's text and labels, for the prompt-echo check. */
    static Map<String, Object> shown(QuestionCheck.Asked asked) {
        Map<String, Object> shown = new HashMap<>();
        shown.put("text", asked.text());
        for (int i = 0; i < asked.choices().size(); i++) {
            shown.put("label" + i, asked.choices().get(i).label());
        }
        return shown;
    }

    private static Plan plan(Intent intent, String entity, SchemaCheck.Detail detail) {
        return switch (intent) {
            case CREATE -> new CreatePlan(entity, detail.fields());
            case UPDATE -> new UpdatePlan(entity, detail.fields(), detail.filters());
            default ->
                new ReadPlan(
                        entity,
                        detail.select(),
                        detail.filters(),
                        detail.orderBy(),
                        detail.limit(),
                        detail.offset(),
                        detail.aggregate(),
                        detail.deleted());
        };
    }

    private static String value(String label, SchemaCheck.Detail detail) {
        List<String> parts = new ArrayList<>();
        detail.fields().forEach((field, value) -> parts.add(field + " = " + value));
        for (Filter filter : detail.leaves()) {
            parts.add(filter.field() + " " + filter.op().symbol()
                    + (filter.op().isNullCheck() ? "" : " " + filter.value()));
        }
        detail.orderBy().forEach(sort -> parts.add("by " + sort.field() + (sort.descending() ? " desc" : " asc")));
        return parts.isEmpty() ? label : String.join(", ", parts);
    }
}
