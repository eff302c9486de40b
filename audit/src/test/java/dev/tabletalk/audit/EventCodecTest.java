package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.user.UserContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void makesTextSafeForEveryStore() {
        assertThat(EventCodec.safe("a\u0000b" + '\udc00' + "c🙂")).isEqualTo("a\ufffdb\ufffdc🙂");
        assertThat(EventCodec.safe("plain")).isSameAs("plain");
    }

    @Test
    void boundsIdentifiersWithoutSplittingASurrogatePair() {
        assertThat(EventCodec.bounded("ab🙂", 3)).isEqualTo("ab");
        assertThat(EventCodec.bounded("abc", 3)).isEqualTo("abc");
    }

    @Test
    void aCallersContextIsRedactedEveryTimeAndTwoCallersAreNeverConfused() {
        Map<String, String> attributes = Map.of("region", "eu", "api_key", "k-123", "note", "password=hunter2");
        UserContext ada = new UserContext("ada", "editor", Optional.of("t1"), attributes);
        UserContext adaElsewhere = new UserContext("ada", "editor", Optional.of("t2"), attributes);
        String expected = "{\"attributes\":{\"api_key\":\"[redacted]\",\"note\":\"password=[redacted]\","
                + "\"region\":\"eu\"},\"role\":\"editor\",\"tenantId\":\"t1\",\"userId\":\"ada\"}";

        for (int turn = 0; turn < 3; turn++) {
            assertThat(EventCodec.userContext(ada)).isEqualTo(expected);
            assertThat(EventCodec.userContext(
                            new UserContext("ada", "editor", Optional.of("t1"), Map.copyOf(attributes))))
                    .isEqualTo(expected);
            assertThat(EventCodec.userContext(adaElsewhere)).isEqualTo(expected.replace("\"t1\"", "\"t2\""));
        }
        for (int i = 0; i < EventCodec.MAX_KNOWN_CONTEXTS + 10; i++) {
            EventCodec.userContext(UserContext.of("u" + i, "viewer"));
        }
        assertThat(EventCodec.userContext(ada)).isEqualTo(expected);
    }

    @Test
    void cutsHugeTextsAndSaysHowLongTheyWere() {
        String huge = "x".repeat(EventCodec.TEXT_LENGTH + 10);

        assertThat(EventCodec.capped(huge))
                .startsWith("xxx")
                .endsWith(" [cut: 65546 characters in all]")
                .hasSize(EventCodec.TEXT_LENGTH + " [cut: 65546 characters in all]".length());
        assertThat(EventCodec.capped("short")).isEqualTo("short");
    }

    @Test
    void recordsWhichRowsAReadCountedOnlyWhenSoftDeletedRowsWereAskedFor() {
        ReadPlan plain = ReadPlan.of("customers", List.of());

        assertThat(EventCodec.plan(plain)).doesNotContain("deleted");
        assertThat(EventCodec.plan(plain.withDeleted(DeletedRows.INCLUDED))).contains("\"deleted\":\"included\"");
        assertThat(EventCodec.plan(plain.withDeleted(DeletedRows.ONLY))).contains("\"deleted\":\"only\"");
    }

    @Test
    void recordsWhereAPageContinuedOnlyWhenItContinuedAfterARow() {
        ReadPlan first =
                new ReadPlan("customers", List.of(), List.of(), List.of(Sort.descending("notes")), OptionalInt.of(40));
        ReadPlan more = first.withAfter(Optional.of(new Keyset(List.of("notes", "id"), Arrays.asList(null, 41L))));

        assertThat(EventCodec.plan(first)).doesNotContain("after");
        assertThat(EventCodec.plan(more))
                .contains("\"after\":[{\"field\":\"notes\",\"value\":null},{\"field\":\"id\",\"value\":41}]");
        assertThat(EventCodec.plan(more)).isEqualTo(EventCodec.plan(first.withAfter(more.after())));
    }

    @Test
    void writesFiltersInCanonicalOrderSoThatTheirOrderDoesNotMatter() {
        Filter city = Filter.eq("city", "Berlin");
        Filter total = Filter.of("total", Op.GT, 100L);

        assertThat(EventCodec.filters(List.of(total, city))).isEqualTo(EventCodec.filters(List.of(city, total)));
    }

    @Test
    void writesConditionTreesCanonicallyWithSecretValuesRedacted() {
        Filter city = Filter.eq("city", "Berlin");
        Filter total = Filter.of("total", Op.GT, 100L);
        Filter password = Filter.eq("password", "hunter2");

        String tree = EventCodec.filters(List.of(AnyOf.of(total, Not.of(password)), city));
        String swapped = EventCodec.filters(List.of(city, AnyOf.of(Not.of(password), total)));

        assertThat(tree).isEqualTo(swapped);
        assertThat(tree)
                .isEqualTo("[{\"anyOf\":[{\"field\":\"total\",\"op\":\">\",\"value\":100},"
                        + "{\"not\":{\"field\":\"password\",\"op\":\"=\",\"value\":\"[redacted]\"}}]},"
                        + "{\"field\":\"city\",\"op\":\"=\",\"value\":\"Berlin\"}]")
                .doesNotContain("hunter2");
        assertThat(EventCodec.filters(List.of(city, total))).isEqualTo(EventCodec.filters(List.of(total, city)));
    }

    @Test
    void aLinkIsEncodedInItsWireFormCanonicallyAndRedacted() {
        Filter name = Filter.eq("name", "Ada");
        Filter password = Filter.eq("password", "hunter2");

        String link = EventCodec.filters(List.of(Related.of("customer_id", "customers", name, Not.of(password))));
        String swapped = EventCodec.filters(List.of(Related.of("customer_id", "customers", Not.of(password), name)));
        String other = EventCodec.filters(List.of(Related.of("customer_id", "suppliers", name, Not.of(password))));

        assertThat(link)
                .isEqualTo(swapped)
                .isEqualTo("[{\"field\":\"customer_id\",\"op\":\"in\",\"via\":{\"entity\":\"customers\","
                        + "\"filters\":[{\"field\":\"name\",\"op\":\"=\",\"value\":\"Ada\"},"
                        + "{\"not\":{\"field\":\"password\",\"op\":\"=\",\"value\":\"[redacted]\"}}]}}]")
                .doesNotContain("hunter2");
        assertThat(other).isNotEqualTo(link);
        assertThat(EventCodec.plan(ReadPlan.of("orders", List.of(Related.of("customer_id", "customers", name)))))
                .contains("\"filters\":[{\"field\":\"customer_id\",\"op\":\"in\",\"via\":");
    }

    @Test
    void linksAnEntryWithAHashOverItsSequenceAndPreviousHash() {
        AuditEvent event = new AuditEvent(
                Instant.parse("2026-11-26T01:02:03.123456789Z"),
                "s-1",
                UserContext.of("u-1", "viewer"),
                "show customers",
                AuditEvent.Action.READ,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                AuditEvent.Outcome.OK,
                Optional.empty(),
                0,
                Duration.ofMillis(4),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        AuditRecord unlinked = EventCodec.unlinked(event);

        AuditRecord first = EventCodec.linked(unlinked, 1, ChainHash.GENESIS);
        AuditRecord again = EventCodec.linked(unlinked, 1, ChainHash.GENESIS);
        AuditRecord elsewhere = EventCodec.linked(unlinked, 2, first.hash());

        assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-11-26T01:02:03.123456Z"));
        assertThat(first.hash()).isEqualTo(again.hash()).isEqualTo(ChainHash.of(first));
        assertThat(elsewhere.hash()).isNotEqualTo(first.hash());
        assertThat(ChainHash.canonicalForm(first)).contains("\"seq\":1", "\"prev_hash\":\"" + ChainHash.GENESIS);
    }
}
