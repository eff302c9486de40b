package dev.tabletalk.plannerllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A chat model API on 127.0.0.1 for tests, speaking either OpenAI's chat completions
 * ({@code POST /v1/chat/completions}) or Anthropic's messages ({@code POST /v1/messages}). It records
 * every request and answers what its {@link Responder} says.
 */
final class StubModelServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int PROMPT_TOKENS = 100;
    static final int COMPLETION_TOKENS = 7;

    enum Flavor {
        OPENAI("/v1/chat/completions"),
        ANTHROPIC("/v1/messages");

        final String path;

        Flavor(String path) {
            this.path = path;
        }
    }

    /** One request as the server saw it. */
    record Exchange(String method, String path, Map<String, List<String>> headers, String body, JsonNode json) {

        /** The system prompt. */
        String system() {
            JsonNode system = json.get("system");
            if (system != null) {
                return text(system);
            }
            for (JsonNode message : json.path("messages")) {
                if (message.path("role").asText().equals("system")) {
                    return text(message.get("content"));
                }
            }
            return "";
        }

        /** The text of the last message (the user's message, or a correction on a retry). */
        String lastMessage() {
            JsonNode messages = json.path("messages");
            return messages.isEmpty()
                    ? ""
                    : text(messages.get(messages.size() - 1).get("content"));
        }

        /** The text of the first non-system message: the person's message inside its tags. */
        String firstUserMessage() {
            for (JsonNode message : json.path("messages")) {
                if (message.path("role").asText().equals("user")) {
                    return text(message.get("content"));
                }
            }
            return "";
        }

        /** Every message text, system prompt included, joined. */
        String allText() {
            StringBuilder all = new StringBuilder(system());
            for (JsonNode message : json.path("messages")) {
                if (!message.path("role").asText().equals("system")) {
                    all.append('\n').append(text(message.get("content")));
                }
            }
            return all.toString();
        }

        boolean isStageA() {
            return system().startsWith("You read one message");
        }

        boolean isRetry() {
            return lastMessage().startsWith("Your answer was not accepted");
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        private static String text(JsonNode content) {
            if (content == null || content.isNull()) {
                return "";
            }
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                text.append(part.path("text").asText(""));
            }
            return text.toString();
        }
    }

    /** What to answer. */
    sealed interface Reply {}

    /** A model answer with this text. */
    record Answer(String content) implements Reply {}

    /** An HTTP error. */
    record Status(int code) implements Reply {}

    /** Wait, then reply. */
    record Delayed(Duration delay, Reply then) implements Reply {}

    @FunctionalInterface
    interface Responder {
        Reply reply(Exchange exchange, int index);

        /** These replies in order; the last one repeats. */
        static Responder sequence(Reply... replies) {
            return (exchange, index) -> replies[Math.min(index, replies.length - 1)];
        }

        /** The same answer text every time. */
        static Responder always(String content) {
            return (exchange, index) -> new Answer(content);
        }

        /** The same HTTP error every time. */
        static Responder status(int code) {
            return (exchange, index) -> new Status(code);
        }

        /** One answer for stage A, another for stage B, whatever the attempt. */
        static Responder stages(String stageA, String stageB) {
            return (exchange, index) -> new Answer(exchange.isStageA() ? stageA : stageB);
        }
    }

    static Answer answer(String content) {
        return new Answer(content);
    }

    private final Flavor flavor;
    private final Responder responder;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    private StubModelServer(Flavor flavor, Responder responder) throws IOException {
        this.flavor = flavor;
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static StubModelServer start(Flavor flavor, Responder responder) {
        try {
            return new StubModelServer(flavor, responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StubModelServer openAi(Responder responder) {
        return start(Flavor.OPENAI, responder);
    }

    static StubModelServer anthropic(Responder responder) {
        return start(Flavor.ANTHROPIC, responder);
    }

    /** The base URL to configure: {@code http://127.0.0.1:port/v1} (OpenAI) or {@code .../v1/} (Anthropic). */
    String baseUrl() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        return flavor == Flavor.ANTHROPIC ? base + "/" : base;
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    List<String> bodies() {
        return exchanges.stream().map(Exchange::body).toList();
    }

    private void handle(HttpExchange http) throws IOException {
        try {
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            Exchange exchange = new Exchange(
                    http.getRequestMethod(),
                    http.getRequestURI().getPath(),
                    Map.copyOf(http.getRequestHeaders()),
                    body,
                    json);
            int index = exchanges.size();
            exchanges.add(exchange);
            if (!exchange.path().equals(flavor.path) || !exchange.method().equals("POST")) {
                send(http, 404, "{\"error\":{\"message\":\"no such path " + exchange.path() + "\"}}");
                return;
            }
            Reply reply = responder.reply(exchange, index);
            while (reply instanceof Delayed delayed) {
                try {
                    // a real delay on the wire is what is tested here (the planner's HTTP timeout), so it sleeps
                    Thread.sleep(delayed.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                reply = delayed.then();
            }
            if (reply instanceof Status status) {
                send(
                        http,
                        status.code(),
                        "{\"error\":{\"message\":\"stub status " + status.code() + "\",\"type\":\"stub\"}}");
            } else if (reply instanceof Answer answer) {
                send(
                        http,
                        200,
                        JSON.writeValueAsString(
                                flavor == Flavor.OPENAI
                                        ? openAiBody(answer.content(), json)
                                        : anthropicBody(answer.content(), json)));
            } else {
                throw new IllegalStateException("unhandled: " + reply);
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        } finally {
            http.close();
        }
    }

    private static void send(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().add("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ObjectNode openAiBody(String content, JsonNode request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-stub");
        body.put("object", "chat.completion");
        body.put("created", 1_700_000_000L);
        body.put("model", request.path("model").asText("stub"));
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.put("finish_reason", "stop");
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", PROMPT_TOKENS);
        usage.put("completion_tokens", COMPLETION_TOKENS);
        usage.put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
        return body;
    }

    private static ObjectNode anthropicBody(String content, JsonNode request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "msg_stub");
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", request.path("model").asText("stub"));
        ArrayNode parts = body.putArray("content");
        ObjectNode part = parts.addObject();
        part.put("type", "text");
        part.put("text", content);
        body.put("stop_reason", "end_turn");
        body.putNull("stop_sequence");
        ObjectNode usage = body.putObject("usage");
        usage.put("input_tokens", PROMPT_TOKENS);
        usage.put("output_tokens", COMPLETION_TOKENS);
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds answer JSON from maps, for readable tests. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> texts(List<Exchange> exchanges) {
        List<String> texts = new ArrayList<>();
        exchanges.forEach(e -> texts.add(e.allText()));
        return texts;
    }
}
