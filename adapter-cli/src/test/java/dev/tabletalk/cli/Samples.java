package dev.tabletalk.cli;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One sample reply part of each kind, and replies built from them. */
final class Samples {

    private Samples() {}

    static ReplyPart.Rows rows() {
        Map<String, Object> ada = new LinkedHashMap<>();
        ada.put("id", 101);
        ada.put("name", "Ada Lovelace");
        ada.put("born", LocalDate.of(1815, 12, 10));
        ada.put("balance", new BigDecimal("12.50"));
        ada.put("note", null);
        return new ReplyPart.Rows(
                "customers", new RowSet(List.of("id", "name", "born", "balance", "note"), List.of(ada), true));
    }

    static ReplyPart.Draft draft() {
        return new ReplyPart.Draft(Intent.CREATE, "customers", Map.of("name", "Ada"), List.of());
    }

    static ReplyPart.MissingFields missing() {
        return new ReplyPart.MissingFields(List.of("email", "city"), "What should the email of the new customer be?");
    }

    static ReplyPart.MissingFields missingWithDetails() {
        return new ReplyPart.MissingFields(
                List.of("status", "email"),
                "What should the status of the new customer be?",
                List.of(
                        new ReplyPart.MissingField("status", "text", true, List.of("active", "blocked")),
                        new ReplyPart.MissingField("email", "text", true, List.of())));
    }

    static ReplyPart.Question question() {
        return new ReplyPart.Question(
                "'Paris': city or country?",
                List.of(
                        new ReplyPart.Choice(1, "city", "customers.city = Paris"),
                        new ReplyPart.Choice(2, "country", "customers.country = Paris")));
    }

    static ReplyPart.Preview updatePreview() {
        RowChange change = new RowChange(
                Optional.of(RowKey.of("id", 1004)),
                Map.of("id", 1004, "status", "new"),
                Map.of("id", 1004, "status", "shipped"));
        return new ReplyPart.Preview(
                "p_1",
                new Preview(Intent.UPDATE, "orders", List.of(change), List.of("status")),
                Instant.parse("2026-11-26T03:00:00Z"));
    }

    static ReplyPart.Preview createPreview() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", Placeholder.GENERATED);
        after.put("name", "Ada");
        after.put("city", null);
        return new ReplyPart.Preview(
                "p_2",
                new Preview(Intent.CREATE, "customers", List.of(RowChange.insert(after)), List.of("name", "city")),
                Instant.parse("2026-11-26T03:00:00Z"));
    }

    static ReplyPart.Committed committed() {
        return new ReplyPart.Committed(Intent.UPDATE, "orders", 1, List.of(RowKey.of("id", 1004)));
    }

    static ReplyPart.Refused refused() {
        return new ReplyPart.Refused(Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, "Deleting is not possible here."));
    }

    static ReplyPart.Error error() {
        return new ReplyPart.Error("database_unavailable", "The database cannot be reached right now.", true, "e42");
    }

    /** One sample per permitted subtype of {@link ReplyPart}. */
    static Map<Class<?>, ReplyPart> onePerKind() {
        Map<Class<?>, ReplyPart> samples = new LinkedHashMap<>();
        for (ReplyPart part :
                List.of(rows(), draft(), missing(), question(), updatePreview(), committed(), refused(), error())) {
            samples.put(part.getClass(), part);
        }
        return samples;
    }

    static Reply reply(Stage stage, String text, ReplyPart... parts) {
        return new Reply("s_1", stage, text, List.of(parts));
    }

    static Filter filter() {
        return Filter.eq("id", 1004);
    }
}
