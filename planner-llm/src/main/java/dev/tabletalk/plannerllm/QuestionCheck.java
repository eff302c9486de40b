package dev.tabletalk.plannerllm;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.plan.Intent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a question the model asked instead of a plan (#13). The question itself must be well formed and stand
 * alone (no fields, filters or other keys beside it; never while the person answers the engine's question), or the
 * model is asked again. Each choice's plan is then checked exactly like a plan answer, for the same intent and
 * entity: a choice whose plan is wrong, or that asks again, is dropped; when no choice is left the planner refuses.
 */
final class QuestionCheck {

    private QuestionCheck() {}

    /** A checked question: its text and the choices that kept a valid plan, in order. */
    record Asked(String text, List<Choice> choices) {
        Asked {
            choices = List.copyOf(choices);
        }
    }

    /** One kept choice: its label and its checked plan. */
    record Choice(String label, SchemaCheck.Detail detail) {}

    static SchemaCheck.Result check(
            Answers.DetailAnswer answer, Intent intent, EntityView entity, boolean answering, SchemaView schema) {
        List<String> errors = new ArrayList<>();
        if (answering) {
            errors.add("the person is answering a question: give the values in fields, do not ask one");
        }
        if (!answer.fieldsOrEmpty().isEmpty()
                || !answer.filtersOrEmpty().isEmpty()
                || !answer.selectOrEmpty().isEmpty()
                || !answer.orderByOrEmpty().isEmpty()
                || answer.limit() != null
                || answer.offset() != null
                || answer.aggregate() != null
                || answer.deleted() != null) {
            errors.add("with a question, give only {\"question\": ...}: each choice's plan holds the rest");
        }
        if (!errors.isEmpty()) {
            return new SchemaCheck.Result(Optional.empty(), errors);
        }
        List<Choice> kept = new ArrayList<>();
        for (Answers.ChoiceAnswer choice : answer.question().choices()) {
            Answers.DetailAnswer plan = choice.plan();
            if (plan.question() != null || !Answers.violations(plan).isEmpty()) {
                continue;
            }
            SchemaCheck.detail(plan, intent, entity, false, schema)
                    .detail()
                    .ifPresent(detail -> kept.add(new Choice(choice.label().strip(), detail)));
        }
        return new SchemaCheck.Result(
                Optional.of(SchemaCheck.Detail.asking(
                        new Asked(answer.question().text().strip(), kept))),
                List.of());
    }
}
