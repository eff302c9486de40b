package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The column defaults {@link InMemoryExecutor} applies when a row leaves a column out, as a database
 * would: a quoted text or an integer constant, and {@code current_timestamp} (or {@code now()},
 * {@code current_date}) from the executor's clock, in UTC. Any other expression is left to NULL.
 */
final class MemoryDefaults {

    private MemoryDefaults() {}

    /** Puts each missing column's default into {@code row}. */
    static void fill(Entity entity, Map<String, Object> row, Instant now) {
        for (Column column : entity.columns()) {
            if (!row.containsKey(column.name())) {
                value(column, now).ifPresent(value -> row.put(column.name(), value));
            }
        }
    }

    private static Optional<Object> value(Column column, Instant now) {
        String expression = column.defaultExpression()
                .orElse("")
                .replaceAll("::[\\w ]+$", "")
                .trim();
        if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
            return Optional.of(expression.substring(1, expression.length() - 1).replace("''", "'"));
        }
        if (expression.matches("-?\\d{1,18}")) {
            return Optional.of(Long.valueOf(expression));
        }
        String lower = expression.toLowerCase(Locale.ROOT);
        if (lower.equals("current_timestamp") || lower.equals("now()") || lower.equals("current_date")) {
            return switch (column.type()) {
                case TIMESTAMP -> Optional.of(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
                case TIMESTAMP_TZ -> Optional.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                case DATE -> Optional.of(LocalDate.ofInstant(now, ZoneOffset.UTC));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
