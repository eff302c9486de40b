package dev.tabletalk.plannerllm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry-and-repair loop with one model: asks a question, and while the answer fails its check shows the model
 * that answer with the errors and asks again, at most {@code maxRetries} more times. Every answer is counted in the
 * {@link PlanRun}. Confined to one thread, like the run.
 */
final class RepairLoop {

    // logged under the planner's name, as before this class was split out of it: one logger setting covers both
    private static final Logger LOG = LoggerFactory.getLogger(LangChain4jPlanner.class);

    private final ModelClient client;
    private final PlanRun run;
    private final int maxRetries;

    RepairLoop(ModelClient client, PlanRun run, int maxRetries) {
        this.client = client;
        this.run = run;
        this.maxRetries = maxRetries;
    }

    /**
     * Asks one question, and again with the errors while the answer is invalid, at most
     * {@code maxRetries} more times. Empty when no answer passed.
     *
     * @param check turns the answer's text into a verdict
     * @param errorsOf the verdict's errors, none when the answer passed
     */
    <T> Optional<T> ask(
            String system,
            String message,
            Optional<JsonSchema> schema,
            Function<String, T> check,
            Function<T, List<String>> errorsOf)
            throws ModelClient.Unavailable {
        List<ChatMessage> question =
                List.of(SystemMessage.from(system), UserMessage.from(Prompts.userMessage(message)));
        List<ChatMessage> messages = question;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            ModelClient.Completion completion = client.complete(messages, schema);
            run.add(completion);
            T checked = check.apply(completion.text());
            List<String> errors = errorsOf.apply(checked);
            if (errors.isEmpty()) {
                return Optional.of(checked);
            }
            LOG.debug(
                    "planner model {} answer rejected ({} problems), attempt {}",
                    client.label(),
                    errors.size(),
                    attempt + 1);
            // only the latest answer and its errors go back, so that a retry stays within the budget
            messages = new ArrayList<>(question);
            messages.add(AiMessage.from(Prompts.rejected(completion.text())));
            messages.add(UserMessage.from(Prompts.correction(errors)));
        }
        return Optional.empty();
    }
}
