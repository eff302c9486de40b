package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.FieldNames;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.SchemaCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as the engine writes it: values of masked (and hidden) columns never reach it in clear
 * (PUB-110). In every event, such values are replaced by {@value #MASK} in the extracted fields and filters
 * and in the plan, and wherever they appear as text in the message or the error, they are replaced there
 * too (a person types the value into the message). Not a port implementation itself (those live outside
 * core). Thread-safe as the log it wraps.
 */
final class MaskingAuditLog {

    static final String MASK = "***";
    private static final Logger log = LoggerFactory.getLogger(MaskingAuditLog.class);

    private final AuditLog delegate;
    private final SchemaCatalog catalog;

    MaskingAuditLog(AuditLog delegate, SchemaCatalog catalog) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    void append(AuditEvent event) {
        delegate.append(mask(event, sensitiveFields(event), this::sensitiveAnywhere));
    }

    /**
     * Whether {@code field} is masked or hidden in any entity: the test for the conditions of a link to another
     * entity, whose fields are that entity's (every field when the schema cannot be told).
     */
    private boolean sensitiveAnywhere(String field) {
        try {
            return catalog.current().entities().stream().anyMatch(e -> isSensitive(e, field));
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Which field names of the event's entity are masked or hidden; every field when that cannot be told. */
    private Predicate<String> sensitiveFields(AuditEvent event) {
        if (event.fields().isEmpty()
                && event.filters().isEmpty()
                && event.plan().isEmpty()) {
            return field -> false;
        }
        EntityCatalog current;
        try {
            current = catalog.current();
        } catch (RuntimeException e) {
            log.warn("schema unavailable while auditing; every value of the turn is masked", e);
            return field -> true;
        }
        Optional<Entity> entity =
                event.plan().map(Plan::entity).or(event::entity).flatMap(current::find);
        if (entity.isPresent()) {
            return field -> isSensitive(entity.get(), field);
        }
        // no entity to tell by: a field masked or hidden anywhere is masked
        return field -> current.entities().stream().anyMatch(e -> isSensitive(e, field));
    }

    private static boolean isSensitive(Entity entity, String field) {
        Optional<Column> column = entity.column(field).or(() -> FieldNames.resolve(entity, field));
        return column.map(c -> c.isMasked() || c.isHidden()).orElse(false);
    }

    static AuditEvent mask(AuditEvent event, Predicate<String> sensitive) {
        return mask(event, sensitive, sensitive);
    }

    /**
     * @param sensitive whether a field of the event's entity is masked or hidden
     * @param linked the same for a field inside a link to another entity ({@link Related})
     */
    static AuditEvent mask(AuditEvent event, Predicate<String> sensitive, Predicate<String> linked) {
        Masks masks = new Masks(sensitive, linked);
        Set<String> clear = new LinkedHashSet<>();
        Map<String, Object> fields = maskValues(event.fields(), sensitive, clear);
        List<Condition> filters = maskFilters(event.filters(), masks, clear);
        Optional<Plan> plan = event.plan().map(p -> maskPlan(p, masks, clear));
        if (clear.isEmpty()) {
            return event;
        }
        List<String> longestFirst = clear.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return new AuditEvent(
                event.timestamp(),
                event.sessionId(),
                event.user(),
                scrub(event.message(), longestFirst),
                event.action(),
                event.intent(),
                event.entity(),
                fields,
                filters,
                plan,
                event.outcome(),
                event.refusalCode(),
                event.rowCount(),
                event.latency(),
                event.errorMessage().map(m -> scrub(m, longestFirst)),
                event.errorStack().map(s -> scrub(s, longestFirst)),
                event.planner());
    }

    /** Which fields are masked: of the event's entity, and inside links to other entities. */
    private record Masks(Predicate<String> own, Predicate<String> linked) {}

    private static Plan maskPlan(Plan plan, Masks masks, Set<String> clear) {
        if (plan instanceof CreatePlan create) {
            return create.withValues(maskValues(create.values(), masks.own(), clear));
        }
        if (plan instanceof UpdatePlan update) {
            return new UpdatePlan(
                    update.entity(),
                    maskValues(update.changes(), masks.own(), clear),
                    maskFilters(update.filters(), masks, clear));
        }
        ReadPlan read = (ReadPlan) plan;
        return read.withFilters(maskFilters(read.filters(), masks, clear));
    }

    private static Map<String, Object> maskValues(
            Map<String, Object> values, Predicate<String> sensitive, Set<String> clear) {
        Map<String, Object> masked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (sensitive.test(entry.getKey())) {
                collect(entry.getValue(), clear);
                masked.put(entry.getKey(), entry.getValue() == null ? null : MASK);
            } else {
                masked.put(entry.getKey(), entry.getValue());
            }
        }
        return masked;
    }

    private static List<Condition> maskFilters(List<Condition> filters, Masks masks, Set<String> clear) {
        List<Condition> masked = new ArrayList<>(filters.size());
        for (Condition condition : filters) {
            masked.add(maskCondition(condition, masks, clear));
        }
        return masked;
    }

    private static Condition maskCondition(Condition condition, Masks masks, Set<String> clear) {
        if (condition instanceof Related related) {
            // a link's conditions are on another entity: masked wherever their field is sensitive
            Masks inner = new Masks(masks.linked(), masks.linked());
            return new Related(related.field(), related.entity(), maskFilters(related.filters(), inner, clear));
        }
        if (condition instanceof AnyOf anyOf) {
            return new AnyOf(maskFilters(anyOf.items(), masks, clear));
        }
        if (condition instanceof Not not) {
            return new Not(maskCondition(not.item(), masks, clear));
        }
        return maskFilter((Filter) condition, masks.own(), clear);
    }

    private static Filter maskFilter(Filter filter, Predicate<String> sensitive, Set<String> clear) {
        if (filter.value() == null || !sensitive.test(filter.field())) {
            return filter;
        }
        collect(filter.value(), clear);
        Object value = filter.value() instanceof Collection<?> list
                ? list.stream().map(v -> MASK).toList()
                : MASK;
        return new Filter(filter.field(), filter.op(), value);
    }

    /** The value's text forms, as they may appear in a message. */
    private static void collect(Object value, Set<String> clear) {
        if (value instanceof Collection<?> list) {
            list.forEach(v -> collect(v, clear));
            return;
        }
        if (value == null) {
            return;
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
        if (!text.isBlank()) {
            clear.add(text);
            clear.add(text.strip());
        }
    }

    private static String scrub(String text, List<String> clearValues) {
        String result = text;
        for (String value : clearValues) {
            if (!value.isEmpty()) {
                result = result.replace(value, MASK);
            }
        }
        return result;
    }
}
