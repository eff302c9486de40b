package dev.tabletalk.sessionjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.conversation.ConfirmedPreview;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.conversation.PendingMacro;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.conversation.Stage;
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
import dev.tabletalk.core.plan.Plan;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every part of a conversation state survives the JSON a shared session store keeps, with its exact types. */
class StateJsonTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");

    /** One sample of every value type a state may hold, by type. */
    private static final Map<Class<?>, Object> VALUES = values();

    /** One sample of every kind of plan: a new kind without a sample here fails {@link #everyKindOfPlanHasASample}. */
    private static final Map<Class<? extends Plan>, Plan> PLANS = Map.of(
            ReadPlan.class,
            new ReadPlan(
                    "orders",
                    List.of("id", "total"),
                    List.of(Filter.eq("status", "open")),
                    List.of(Sort.descending("total"), Sort.ascending("id")),
                    OptionalInt.of(25),
                    50,
                    Optional.of(Aggregate.of(Aggregate.Fn.SUM, "total", "status")),
                    DeletedRows.INCLUDED,
                    Optional.of(new Keyset(List.of("total", "id"), Arrays.asList(null, 80L)))),
            CreatePlan.class,
            new CreatePlan("customers", samples()),
            UpdatePlan.class,
            new UpdatePlan("customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 5L))));

    /** One sample of every kind of condition, nested as deep as plans go. */
    private static final Map<Class<? extends Condition>, Condition> CONDITIONS = Map.of(
            Filter.class,
            Filter.of("created", Op.BETWEEN, List.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"))),
            AnyOf.class,
            AnyOf.of(Filter.eq("city", "Paris"), Filter.of("city", Op.IS_NULL, null)),
            Not.class,
            Not.of(Filter.of("name", Op.STARTS_WITH, "A")),
            Related.class,
            Related.of("album_id", "albums", Related.of("artist_id", "artists", Filter.eq("name", "AC/DC"))));

    @Test
    void everyKindOfPlanAndConditionHasASample() {
        assertThat(Set.<Class<?>>copyOf(PLANS.keySet())).isEqualTo(Set.of(Plan.class.getPermittedSubclasses()));
        assertThat(Set.<Class<?>>copyOf(CONDITIONS.keySet()))
                .isEqualTo(Set.of(Condition.class.getPermittedSubclasses()));
    }

    @Test
    void aClarifyingStateWithADraftAPendingPreviewAQuestionAndALastReadIsReadBackEqual() {
        ConversationState clarifying = ConversationState.start("s-1", "u-1", Optional.of("tenant-7"), NOW)
                .previewing(draft(), pending(), NOW)
                .clarifying(question(), NOW.plusSeconds(1))
                .withLastRead(lastRead())
                .withVersion(41);

        ConversationState read = roundTrip(clarifying);

        assertThat(read).isEqualTo(clarifying);
        assertThat(read.stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(read.pending().orElseThrow().snapshot())
                .isEqualTo(clarifying.pending().orElseThrow().snapshot());
    }

    @Test
    void everyStageIsReadBackEqual() {
        ConversationState idle = ConversationState.start("s-2", "u-2", Optional.empty(), NOW);
        List<ConversationState> states = List.of(
                idle,
                idle.collecting(draft().awaiting(Optional.of("email")), NOW),
                idle.previewing(draft(), pending(), NOW),
                idle.previewing(draft(), pending(), NOW).withoutExpiredPreview(),
                idle.clarifying(question(), NOW),
                idle.awaitingMacro(new PendingMacro("block", Map.of("customer", "5"), "reason"), NOW)
                        .withLastRead(lastRead()));

        for (ConversationState state : states) {
            assertThat(roundTrip(state)).isEqualTo(state);
        }
        assertThat(states.stream().map(ConversationState::stage).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Stage.values());
    }

    @Test
    void everyPlanConditionOperatorAndConstantIsReadBackEqual() {
        List<Condition> everything = new ArrayList<>(CONDITIONS.values());
        for (Op op : Op.values()) {
            everything.add(Filter.of("field", op, op.isNullCheck() ? null : List.of(1L, "two")));
        }
        List<Question.Choice> choices = new ArrayList<>();
        PLANS.values().forEach(plan -> choices.add(new Question.Choice("plan", "a plan", plan)));
        choices.add(new Question.Choice("filters", "every condition", ReadPlan.of("customers", everything)));
        for (Aggregate.Fn fn : Aggregate.Fn.values()) {
            choices.add(new Question.Choice(
                    fn.wireName(),
                    "aggregate",
                    ReadPlan.of("orders", List.of()).withAggregate(Aggregate.of(fn, "total"))));
        }
        for (DeletedRows deleted : DeletedRows.values()) {
            choices.add(new Question.Choice(
                    deleted.wireName(),
                    "deleted",
                    ReadPlan.of("orders", List.of()).withDeleted(deleted)));
        }
        choices.add(new Question.Choice(
                "count", "count", ReadPlan.of("orders", List.of()).withAggregate(Aggregate.count())));
        ConversationState asking = ConversationState.start("s-3", "u-3", Optional.empty(), NOW)
                .clarifying(new Question("which one?", choices), NOW);

        assertThat(roundTrip(asking)).isEqualTo(asking);
    }

    @Test
    void everyValueTypeKeepsItsJavaTypeAndValue() {
        assertThat(VALUES.keySet()).containsAll(ValueJson.taggedTypes());
        for (Map.Entry<Class<?>, Object> sample : VALUES.entrySet()) {
            Object read = roundTripValue(sample.getValue());

            assertThat(read).as(sample.getKey().getSimpleName()).isEqualTo(sample.getValue());
            assertThat(read).as(sample.getKey().getSimpleName()).isExactlyInstanceOf(sample.getKey());
        }
        assertThat(roundTripValue(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(roundTripValue(Arrays.asList(null, 1L, "x"))).isEqualTo(Arrays.asList(null, 1L, "x"));
    }

    @Test
    void theIdleStateAConfirmLeavesKeepsThePreviewItTookInFormatTwoOnly() {
        ConversationState previewing = ConversationState.start("s-7", "u-7", Optional.of("tenant-7"), NOW)
                .previewing(draft(), pending(), NOW)
                .withVersion(6);
        ConversationState confirmed = previewing
                .idle(NOW.plusSeconds(3))
                .withLastRead(lastRead())
                .withConfirmed(ConfirmedPreview.of(pending(), NOW.plusSeconds(3)));

        ConversationState read = roundTrip(confirmed);

        assertThat(read).isEqualTo(confirmed);
        assertThat(read.confirmed().orElseThrow().snapshot())
                .isEqualTo(pending().snapshot());
        assertThat(StateJson.format(confirmed)).isEqualTo(2);
        assertThat(StateJson.write(confirmed)).endsWith("\"confirmedAt\":\"2026-03-01T10:15:33.123456Z\"}}");
        // a state without it is written exactly as format 1 was, for the servers of the previous release
        assertThat(StateJson.format(previewing)).isEqualTo(1);
        assertThat(StateJson.format(confirmed.idle(NOW))).isEqualTo(1);
        assertThat(StateJson.write(previewing)).doesNotContain("confirmed");
        assertThatThrownBy(() -> StateJson.read(StateJson.write(confirmed).replace("\"confirmed\":", "\"claimed\":")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected field 'claimed'");
    }

    @Test
    void theTextEarlierVersionsWroteIsReadAndWrittenAgainToTheSameText() throws Exception {
        // written by the tree writer of earlier versions (format 1), one state a line
        List<String> stored = Files.readAllLines(
                Path.of(getClass().getResource("/format-1-states.txt").toURI()), StandardCharsets.UTF_8);
        List<ConversationState> states = List.of(FormatOneStates.clarifying(), FormatOneStates.awaitingMacro());

        assertThat(stored).hasSize(states.size());
        for (int i = 0; i < states.size(); i++) {
            assertThat(StateJson.read(stored.get(i))).isEqualTo(states.get(i));
            assertThat(StateJson.write(states.get(i))).isEqualTo(stored.get(i));
        }
    }

    @Test
    void aStateWithAFieldOutOfPlaceRepeatedOrAddedOrWithContentAfterItIsRefused() {
        String json = StateJson.write(FormatOneStates.awaitingMacro());

        assertThatThrownBy(() -> StateJson.read(json.replace(
                        "\"sessionId\":\"s-2\",\"ownerUserId\":\"u-2\"",
                        "\"ownerUserId\":\"u-2\",\"sessionId\":\"s-2\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sessionId'");
        assertThatThrownBy(() -> StateJson.read(json.replace("\"version\":3", "\"version\":3,\"version\":4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> StateJson.read(json.replace("\"hasMore\":true", "\"hasMore\":true,\"more\":1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected field 'more'");
        assertThatThrownBy(() -> StateJson.read(json + "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> StateJson.read(json.replace("\"page\":2", "\"page\":2.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'page' is not a whole number");
        assertThatThrownBy(() -> StateJson.read("[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
    }

    private static Object roundTripValue(Object value) {
        ConversationState state = ConversationState.start("s-6", "u-6", Optional.empty(), NOW)
                .collecting(Draft.start(Intent.CREATE, "customers").withValue("value", value), NOW);
        return roundTrip(state).draft().orElseThrow().values().get("value");
    }

    @Test
    void aValueOfATypeTheStoreCannotKeepIsRefusedWhenWrittenNamingTheType() {
        ConversationState state = ConversationState.start("s-4", "u-4", Optional.empty(), NOW)
                .collecting(Draft.start(Intent.CREATE, "files").withValue("content", new StringBuilder("x")), NOW);

        assertThatThrownBy(() -> StateJson.write(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder");
    }

    @Test
    void aStateThatIsNotWholeIsRefusedSayingWhatIsWrong() {
        String json = StateJson.write(ConversationState.start("s-5", "u-5", Optional.empty(), NOW)
                .collecting(Draft.start(Intent.CREATE, "customers").withFilters(List.of(Filter.eq("id", 1L))), NOW));

        assertThatThrownBy(() -> StateJson.read(json.replace("\"stage\":\"COLLECTING\",", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'stage'");
        assertThatThrownBy(() -> StateJson.read(json.replace("\"kind\":\"filter\"", "\"kind\":\"delete\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown condition kind 'delete'");
        assertThatThrownBy(() ->
                        StateJson.read(json.replace("\"value\":1", "\"value\":{\"type\":\"blob\",\"value\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown value type 'blob'");
        assertThatThrownBy(() -> StateJson.read(json.substring(0, json.length() - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
    }

    private static ConversationState roundTrip(ConversationState state) {
        return StateJson.read(StateJson.write(state));
    }

    private static Draft draft() {
        return Draft.start(Intent.UPDATE, "customers")
                .withValues(samples())
                .withFilters(List.copyOf(CONDITIONS.values()))
                .awaiting(Optional.of("status"));
    }

    private static PendingPreview pending() {
        Map<String, Object> before = new LinkedHashMap<>(samples());
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("status", "blocked");
        after.put("note", new TruncatedText("a long", 5000));
        Preview preview = new Preview(
                Intent.UPDATE,
                "customers",
                List.of(
                        new RowChange(Optional.of(RowKey.of("id", 5L)), before, after),
                        RowChange.insert(Map.of("id", Placeholder.GENERATED, "created", Placeholder.DATABASE_DEFAULT))),
                List.of("status", "note"));
        PreviewSnapshot snapshot = new PreviewSnapshot(
                PLANS.get(UpdatePlan.class),
                List.of(
                        RowKey.of("id", 5L),
                        RowKey.of(Map.of("a", UUID.fromString("6f1c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f")))),
                "sha256:abc");
        return new PendingPreview("pv_0123456789abcdef", preview, snapshot, NOW.plusSeconds(300));
    }

    private static Question question() {
        return new Question(
                "'Paris': city or country?",
                PLANS.values().stream()
                        .map(plan -> new Question.Choice(plan.intent().wireName(), plan.entity(), plan))
                        .toList());
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

    private static Map<String, Object> samples() {
        Map<String, Object> row = new LinkedHashMap<>();
        VALUES.forEach((type, value) -> row.put(type.getSimpleName().toLowerCase(java.util.Locale.ROOT), value));
        row.put("nothing", null);
        return row;
    }

    private static Map<Class<?>, Object> values() {
        Map<Class<?>, Object> values = new LinkedHashMap<>();
        Stream.of(
                        "text",
                        true,
                        42L,
                        7,
                        (short) 3,
                        (byte) 1,
                        new BigInteger("123456789012345678901234567890"),
                        new BigDecimal("12.3400"),
                        0.1d,
                        1.5f,
                        LocalDate.parse("2024-02-29"),
                        LocalTime.parse("23:59:59.999999"),
                        LocalDateTime.parse("2024-02-29T00:00"),
                        OffsetDateTime.of(2024, 2, 29, 13, 5, 0, 123_000_000, ZoneOffset.ofHours(2)),
                        OffsetTime.of(8, 30, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30)),
                        Instant.parse("2024-02-29T12:00:00Z"),
                        UUID.fromString("6f1c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f"),
                        Placeholder.GENERATED,
                        new TruncatedText("abc", 10))
                .forEach(value -> values.put(value.getClass(), value));
        return values;
    }
}
