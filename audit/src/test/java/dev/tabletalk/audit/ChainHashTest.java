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

    @Test
    void aFormLinkedAtAPlaceHashesAsTheEntryStoredThere() {
        ChainHash.Form form = ChainHash.form(ENTRY);

        assertThat(form.hashAt(42L, "ab".repeat(32))).isEqualTo(ChainHash.of(ENTRY));
        assertThat(form.hashAt(43L, "ab".repeat(32))).isNotEqualTo(ChainHash.of(ENTRY));
    }
}
