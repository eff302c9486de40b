package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    /** Awkward text, empty and filled optionals, and a previous hash; the hash pinned before the form was split. */
    private static final AuditRecord ENTRY = new AuditRecord(
            42L,
            Instant.parse("2026-12-02T10:11:12.123456Z"),
            "u-1",
            "s-1",
            "say \"hi\" \\ 東京 🙂\n",
            "{\"role\":\"editor\"}",
            "read",
            Optional.of("read"),
            Optional.of("public.orders"),
            "{}",
            "[]",
            Optional.of("{\"entity\":\"public.orders\"}"),
            "ok",
            Optional.empty(),
            3,
            7L,
            Optional.empty(),
            Optional.empty(),
            Optional.of("rules"),
            Optional.of("none"),
            OptionalLong.of(12),
            OptionalLong.empty(),
            OptionalInt.of(1),
            "ab".repeat(32),
            "");

    @Test
    void theFormWrittenBeforeLinkingGivesTheSameHashAsEver() {
        // every stored chain was hashed over this text: a change here breaks the verification of existing logs
        assertThat(ChainHash.canonicalForm(ENTRY))
                .isEqualTo("{\"action\":\"read\",\"completion_tokens\":null,\"entity\":\"public.orders\","
                        + "\"error_message\":null,\"error_stack\":null,\"event_time\":\"2026-12-02T10:11:12.123456Z\","
                        + "\"fields\":\"{}\",\"filters\":\"[]\",\"format\":1,\"intent\":\"read\",\"latency_ms\":7,"
                        + "\"message\":\"say \\\"hi\\\" \\\\ 東京 🙂\\n\",\"model\":\"none\",\"outcome\":\"ok\","
                        + "\"plan\":\"{\\\"entity\\\":\\\"public.orders\\\"}\",\"planner\":\"rules\","
                        + "\"planner_attempts\":1,\"prev_hash\":\"" + "ab".repeat(32) + "\",\"prompt_tokens\":12,"
                        + "\"refusal_code\":null,\"row_count\":3,\"seq\":42,\"session_id\":\"s-1\","
                        + "\"user_context\":\"{\\\"role\\\":\\\"editor\\\"}\",\"user_id\":\"u-1\"}");
        assertThat(ChainHash.of(ENTRY)).isEqualTo("fa700a39ab097516108161b37470309ade0ad20709720044a4e882db7bf88cc6");
    }

    /** Every optional the other way round, at the chain's start: an unplanned refusal with an error. */
    private static final AuditRecord REFUSED = new AuditRecord(
            1L,
            Instant.parse("2026-12-05T00:00:00Z"),
            "u-2",
            "s-2",
            "",
            "{}",
            "refused",
            Optional.empty(),
            Optional.empty(),
            "{\"name\":\"x\"}",
            "[{\"field\":\"id\",\"op\":\"=\",\"value\":1}]",
            Optional.empty(),
            "refused",
            Optional.of("unknown_entity"),
            0,
            0L,
            Optional.of("no such table"),
            Optional.of("at line 1"),
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.of(0),
            OptionalInt.empty(),
            ChainHash.GENESIS,
            "");

    @Test
    void theFormOfAnEntryWithEveryOptionalTheOtherWayRoundIsAsEver() {
        // pinned from the form written before its members were sorted once for all entries; the hash computed apart
        assertThat(ChainHash.canonicalForm(REFUSED))
                .isEqualTo("{\"action\":\"refused\",\"completion_tokens\":0,\"entity\":null,"
                        + "\"error_message\":\"no such table\",\"error_stack\":\"at line 1\","
                        + "\"event_time\":\"2026-12-05T00:00:00Z\",\"fields\":\"{\\\"name\\\":\\\"x\\\"}\","
                        + "\"filters\":\"[{\\\"field\\\":\\\"id\\\",\\\"op\\\":\\\"=\\\",\\\"value\\\":1}]\",\"format\":1,"
                        + "\"intent\":null,\"latency_ms\":0,\"message\":\"\",\"model\":null,\"outcome\":\"refused\","
                        + "\"plan\":null,\"planner\":null,\"planner_attempts\":null,"
                        + "\"prev_hash\":\"0000000000000000000000000000000000000000000000000000000000000000\","
                        + "\"prompt_tokens\":null,\"refusal_code\":\"unknown_entity\",\"row_count\":0,\"seq\":1,"
                        + "\"session_id\":\"s-2\",\"user_context\":\"{}\",\"user_id\":\"u-2\"}");
        assertThat(ChainHash.of(REFUSED)).isEqualTo("b96898232a7da6da508c9bcbef1758cac6414a356e21e3f466bea07950de5680");
    }

    @Test
    void aFormLinkedAtAPlaceHashesAsTheEntryStoredThere() {
        ChainHash.Form form = ChainHash.form(ENTRY);

        assertThat(form.hashAt(42L, "ab".repeat(32))).isEqualTo(ChainHash.of(ENTRY));
        assertThat(form.hashAt(43L, "ab".repeat(32))).isNotEqualTo(ChainHash.of(ENTRY));
    }
}
