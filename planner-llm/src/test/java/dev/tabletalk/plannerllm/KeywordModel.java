package dev.tabletalk.plannerllm;

import static dev.tabletalk.plannerllm.StubModelServer.json;

import dev.tabletalk.core.text.Plurals;
import dev.tabletalk.plannerllm.StubModelServer.Answer;
import dev.tabletalk.plannerllm.StubModelServer.Exchange;
import dev.tabletalk.plannerllm.StubModelServer.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a real model behind the stub server: it reads only what the prompt gives it (the
 * listed entities, the message) and answers by keywords, the way a small model might. Delete-like words
 * give intent delete; an entity named in the message gives a read, create or update of it; anything else
 * is unknown. It also "hallucinates" when asked about tokens or passwords, so the planner's checks run.
 */
final class KeywordModel implements StubModelServer.Responder {

    private static final Pattern DELETE =
            Pattern.compile("\\b(delete|deleting|remove|drop|truncate|erase|wipe|purge|get rid)\\b");
    private static final Pattern CREATE = Pattern.compile("^\\s*(add|create|insert|register|new)\\b");
    private static final Pattern UPDATE = Pattern.compile("^\\s*(update|set|change|rename|mark|move)\\b");
    private static final Pattern MESSAGE = Pattern.compile("<user_message>(.*)</user_message>", Pattern.DOTALL);

    @Override
    public Reply reply(Exchange exchange, int index) {
        if (exchange.isRetry()) {
            return new Answer(exchange.isStageA() ? json(answerA("unknown", null)) : emptyDetail());
        }
        String message = message(exchange).toLowerCase(Locale.ROOT);
        if (!exchange.isStageA()) {
            return new Answer(emptyDetail());
        }
        if (DELETE.matcher(message).find()) {
            return new Answer(json(answerA("delete", null)));
        }
        if (message.contains("token") || message.contains("password")) {
            // a guess at something the prompt never listed: the planner must reject it
            return new Answer(json(answerA("read", message.contains("token") ? "api_tokens" : "users_auth")));
        }
        String entity = null;
        for (String listed : listedEntities(exchange.system())) {
            String simple = listed.substring(listed.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String singular = Plurals.singular(simple);
            if (message.contains(simple) || message.contains(singular.replace('_', ' '))) {
                entity = listed;
                break;
            }
        }
        if (entity == null) {
            return new Answer(json(answerA("unknown", null)));
        }
        String intent = CREATE.matcher(message).find()
                ? "create"
                : UPDATE.matcher(message).find() ? "update" : "read";
        return new Answer(json(answerA(intent, entity)));
    }

    static List<String> listedEntities(String system) {
        List<String> names = new ArrayList<>();
        int start = system.indexOf("\nEntities");
        if (start < 0) {
            return names;
        }
        for (String line : system.substring(start).split("\n")) {
            if (line.startsWith("- ")) {
                names.add(line.substring(2).split("[ :|(]", 2)[0]);
            }
        }
        return names;
    }

    private static String message(Exchange exchange) {
        Matcher matcher = MESSAGE.matcher(exchange.firstUserMessage());
        return matcher.find() ? matcher.group(1) : "";
    }

    private static Map<String, Object> answerA(String intent, String entity) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("intent", intent);
        answer.put("entity", entity);
        return answer;
    }

    private static String emptyDetail() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fields", Map.of());
        answer.put("filters", List.of());
        answer.put("orderBy", List.of());
        answer.put("limit", null);
        return json(answer);
    }
}
