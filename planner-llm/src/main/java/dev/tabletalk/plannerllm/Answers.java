package dev.tabletalk.plannerllm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The two answers a model gives, as records, and their strict parsing: Jackson refuses unknown keys
 * (a smuggled {@code raw_sql} fails), duplicate keys and trailing content; Hibernate Validator then checks
 * the shape. Checks against the schema come after, in {@link SchemaCheck}.
 */
final class Answers {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Answers() {}

    /** Stage A: what the message asks for and of which entity. */
    record IntentAnswer(
            @NotNull(message = "intent is missing") @Pattern(
                    regexp = "read|create|update|delete|unknown",
                    message = "intent must be one of read, create, update, delete, unknown")
            String intent,

            @Size(max = 200, message = "entity is too long") String entity) {}

    /**
     * Stage B: the values to set, the conditions, and for a read the columns to show, the ordering, the row count,
     * the offset and an aggregate, in the wire shape of {@code plan --json}.
     */
    record DetailAnswer(
            @Size(max = 50, message = "too many fields") Map<@NotBlank @Size(max = 128) String, Object> fields,
            @Size(max = 20, message = "too many filters") List<@NotNull ConditionAnswer> filters,

            @Size(max = 50, message = "too many select entries") List<@NotBlank(message = "select names a field") @Size(max = 128) String> select,

            @Size(max = 5, message = "too many orderBy entries") List<@NotNull @Valid SortAnswer> orderBy,

            @Positive(message = "limit must be a positive whole number") @Max(value = 1000, message = "limit must be at most 1000") Integer limit,

            @PositiveOrZero(message = "offset must be a whole number, 0 or more") @Max(value = 100_000, message = "offset must be at most 100000") Integer offset,

            @Valid AggregateAnswer aggregate,

            @Pattern(regexp = "excluded|included|only", message = "deleted must be one of excluded, included, only") String deleted,

            @Valid QuestionAnswer question) {

        /** An answer without a read's columns, offset or aggregate. */
        DetailAnswer(
                Map<String, Object> fields, List<ConditionAnswer> filters, List<SortAnswer> orderBy, Integer limit) {
            this(fields, filters, null, orderBy, limit, null, null);
        }

        /** An answer that counts live rows only and asks nothing. */
        DetailAnswer(
                Map<String, Object> fields,
                List<ConditionAnswer> filters,
                List<String> select,
                List<SortAnswer> orderBy,
                Integer limit,
                Integer offset,
                AggregateAnswer aggregate) {
            this(fields, filters, select, orderBy, limit, offset, aggregate, null, null);
        }

        Map<String, Object> fieldsOrEmpty() {
            return fields == null ? Map.of() : fields;
        }

        List<ConditionAnswer> filtersOrEmpty() {
            return filters == null ? List.of() : filters;
        }

        List<String> selectOrEmpty() {
            return select == null ? List.of() : select;
        }

        List<SortAnswer> orderByOrEmpty() {
            return orderBy == null ? List.of() : orderBy;
        }

        int offsetOrZero() {
            return offset == null ? 0 : offset;
        }
    }

    /**
     * A clarifying question instead of a plan (#13): {@code {"text": ..., "choices": [{"label", "plan"}]}}, each
     * plan an answer of the same shape for one reading of the message. The plans are checked one by one
     * ({@link QuestionCheck}): a choice whose plan is wrong is dropped, not retried.
     */
    record QuestionAnswer(
            @NotBlank(message = "question.text is missing") @Size(max = 300, message = "question.text is too long") String text,

            @NotNull(message = "question.choices is missing") @Size(min = 2, max = 6, message = "a question has 2 to 6 choices") List<@NotNull @Valid ChoiceAnswer> choices) {}

    /** One choice of a question: a short label and the plan it stands for (checked on its own, not here). */
    record ChoiceAnswer(
            @NotBlank(message = "a choice has a label") @Size(max = 80, message = "a choice's label is too long") String label,

            @NotNull(message = "a choice has a plan") DetailAnswer plan) {}

    /** One ordering as the model writes it: {@code {"field": ..., "dir": "asc" | "desc"}}. */
    record SortAnswer(
            @NotBlank(message = "field is missing") @Size(max = 128) String field,

            @NotNull(message = "dir is missing") @Pattern(regexp = "asc|desc", message = "dir must be asc or desc") String dir) {

        boolean descending() {
            return "desc".equals(dir);
        }
    }

    /** An aggregate as the model writes it: {@code {"fn": ..., "field": name or null, "groupBy": [names]}}. */
    record AggregateAnswer(
            @NotNull(message = "fn is missing") @Pattern(regexp = "count|sum|avg|min|max", message = "fn must be one of count, sum, avg, min, max") String fn,

            @Size(max = 128) String field,

            @Size(max = 2, message = "groupBy takes at most two fields") List<@NotBlank(message = "groupBy names a field") @Size(max = 128) String> groupBy) {

        List<String> groupByOrEmpty() {
            return groupBy == null ? List.of() : groupBy;
        }
    }

    /** A parsed and shape-checked answer, or what was wrong with it. */
    record Parsed<T>(T value, List<String> errors) {

        Parsed {
            errors = List.copyOf(errors);
        }

        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(Objects.requireNonNull(value, "value"), List.of());
        }

        static <T> Parsed<T> failed(List<String> errors) {
            return new Parsed<>(null, errors);
        }

        boolean isOk() {
            return errors.isEmpty();
        }
    }

    static Parsed<IntentAnswer> parseIntent(String text) {
        return parse(text, IntentAnswer.class);
    }

    static Parsed<DetailAnswer> parseDetail(String text) {
        return parse(text, DetailAnswer.class);
    }

    private static <T> Parsed<T> parse(String text, Class<T> type) {
        String json = stripFence(text);
        if (json.isEmpty()) {
            return Parsed.failed(List.of("the answer was empty; it must be one JSON object"));
        }
        T value;
        try {
            value = JSON.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            return Parsed.failed(List.of(
                    "unknown key '" + e.getPropertyName() + "'; the allowed keys are " + e.getKnownPropertyIds()));
        } catch (JsonProcessingException e) {
            return Parsed.failed(List.of("the answer is not the JSON object asked for: " + e.getOriginalMessage()));
        }
        if (value == null) {
            return Parsed.failed(List.of("the answer was null; it must be one JSON object"));
        }
        Set<ConstraintViolation<T>> violations = ValidatorHolder.VALIDATOR.validate(value);
        if (violations.isEmpty()) {
            return Parsed.ok(value);
        }
        List<String> errors = new ArrayList<>();
        violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(v.getPropertyPath() + ": " + v.getMessage()));
        return Parsed.failed(errors);
    }

    /** What is wrong with the shape of {@code value}, in the same words as a parse gives. */
    static <T> List<String> violations(T value) {
        List<String> errors = new ArrayList<>();
        ValidatorHolder.VALIDATOR.validate(value).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(v.getPropertyPath() + ": " + v.getMessage()));
        return errors;
    }

    /** Builds the validator now, so that the first message does not wait for it. */
    static void warmUp() {
        Objects.requireNonNull(ValidatorHolder.VALIDATOR, "validator");
    }

    /**
     * The JSON object of an answer. Models sometimes wrap it in a Markdown fence, or (without a JSON mode,
     * as with Anthropic) put a sentence before it; the object itself is still parsed strictly.
     */
    static String stripFence(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.startsWith("```")) {
            int newline = stripped.indexOf('\n');
            int end = stripped.lastIndexOf("```");
            if (newline > 0 && end > newline) {
                return stripped.substring(newline + 1, end).strip();
            }
        }
        int open = stripped.indexOf('{');
        int close = stripped.lastIndexOf('}');
        if (open > 0 && close > open && stripped.substring(close + 1).isBlank()) {
            return stripped.substring(open, close + 1);
        }
        return stripped;
    }

    /** One validator for the JVM: building a factory is slow, a validator is thread-safe. */
    private static final class ValidatorHolder {
        private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
        static final Validator VALIDATOR = FACTORY.getValidator();
    }
}
