package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.conversation.PendingMacro;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.TruncatedText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * States holding every part a state can hold, built in a fixed order (no {@code Map.of} whose order varies from
 * run to run), for the JSON of format 1 as the tree writer of earlier versions wrote it ({@code format-1.json}).
 */
final class FormatOneStates {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");

    private FormatOneStates() {}

    /** Previewing an update with a draft, then asked a question whose choices hold every kind of plan. */
    static ConversationState clarifying() {
        List<Condition> conditions = List.of(
                Filter.of("created", Op.BETWEEN, List.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"))),
                AnyOf.of(Filter.eq("city", "Paris"), Filter.of("city", Op.IS_NULL, null)),
                Not.of(Filter.of("name", Op.STARTS_WITH, "A")),
                Related.of("album_id", "albums", Related.of("artist_id", "artists", Filter.eq("name", "AC/DC"))));
        Draft draft = Draft.start(Intent.UPDATE, "customers")
                .withValues(values())
                .withFilters(conditions)
                .awaiting(Optional.of("status"));
        Map<String, Object> after = new LinkedHashMap<>(values());
        after.put("status", "blocked");
        after.put("note", new TruncatedText("a long", 5000));
        Map<String, Object> inserted = new LinkedHashMap<>();
        inserted.put("id", Placeholder.GENERATED);
        inserted.put("created", Placeholder.DATABASE_DEFAULT);
        UpdatePlan update = new UpdatePlan("customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 5L)));
        PendingPreview pending = new PendingPreview(
                "pv_0123456789abcdef",
                new Preview(
                        Intent.UPDATE,
                        "customers",
                        List.of(
                                new RowChange(Optional.of(RowKey.of("id", 5L)), values(), after),
                                RowChange.insert(inserted)),
                        List.of("status", "note")),
                new PreviewSnapshot(
                        update,
                        List.of(
                                RowKey.of("id", 5L),
                                RowKey.of(Map.of("a", UUID.fromString("6f1c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f")))),
                        "sha256:abc"),
                NOW.plusSeconds(300));
        ReadPlan read = new ReadPlan(
                "orders",
                List.of("id", "total"),
                List.of(Filter.eq("status", "open")),
                List.of(Sort.descending("total"), Sort.ascending("id")),
                OptionalInt.of(25),
                50,
                Optional.of(Aggregate.of(Aggregate.Fn.SUM, "total", "status")),
                DeletedRows.INCLUDED,
                Optional.of(new Keyset(List.of("total", "id"), Arrays.asList(null, 80L))));
        Question question = new Question(
                "'Paris': city or country?",
                List.of(
                        new Question.Choice("read", "orders", read),
                        new Question.Choice("create", "customers", new CreatePlan("customers", values())),
                        new Question.Choice("update", "customers", update),
                        new Question.Choice("filters", "every condition", ReadPlan.of("customers", conditions)),
                        new Question.Choice(
                                "count",
                                "count",
                                ReadPlan.of("orders", List.of()).withAggregate(Aggregate.count()))));
        return ConversationState.start("s-1", "u-1", Optional.of("tenant-7"), NOW)
                .previewing(draft, pending, NOW)
                .clarifying(question, NOW.plusSeconds(1))
                .withLastRead(lastRead())
                .withVersion(41);
    }

    /** Waiting for a macro's argument, with a last read to continue. */
    static ConversationState awaitingMacro() {
        return ConversationState.start("s-2", "u-2", Optional.empty(), NOW)
                .awaitingMacro(new PendingMacro("block", Map.of("customer", "5"), "reason"), NOW)
                .withLastRead(lastRead())
                .withVersion(3);
    }

    private static LastRead lastRead() {
        ReadPlan plan = new ReadPlan(
                "customers",
                List.of("id", "notes"),
                List.of(Filter.eq("status", "active")),
                List.of(Sort.descending("notes")),
                OptionalInt.of(40));
        return new LastRead(
                plan, 2, 40, 40, Optional.of(new Keyset(List.of("notes", "id"), Arrays.asList(null, 80L))), true);
    }

    private static Map<String, Object> values() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text", "text with \"quotes\", a \\ and é");
        row.put("flag", true);
        row.put("long", 42L);
        row.put("int", 7);
        row.put("short", (short) 3);
        row.put("byte", (byte) 1);
        row.put("big", new BigInteger("123456789012345678901234567890"));
        row.put("decimal", new BigDecimal("12.3400"));
        row.put("double", 0.1d);
        row.put("float", 1.5f);
        row.put("date", LocalDate.parse("2024-02-29"));
        row.put("time", LocalTime.parse("23:59:59.999999"));
        row.put("datetime", LocalDateTime.parse("2024-02-29T00:00"));
        row.put("offsetdatetime", OffsetDateTime.of(2024, 2, 29, 13, 5, 0, 123_000_000, ZoneOffset.ofHours(2)));
        row.put("offsettime", OffsetTime.of(8, 30, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30)));
        row.put("instant", Instant.parse("2024-02-29T12:00:00Z"));
        row.put("uuid", UUID.fromString("6f1c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f"));
        row.put("placeholder", Placeholder.GENERATED);
        row.put("truncated", new TruncatedText("abc", 10));
        row.put("list", Arrays.asList(null, 1L, "x"));
        row.put("nothing", null);
        return row;
    }
}
