package dev.tabletalk.audit;

import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an {@link AuditEvent} into the values stored for it: secrets redacted, text made safe for
 * every store (no NUL, no lone surrogates, bounded identifiers), time cut to microseconds, JSON in
 * canonical form. Everything that is hashed is exactly what the store gives back.
 */
final class EventCodec {

    static final int ID_LENGTH = 255;
    static final int ENTITY_LENGTH = 512;
    static final int PLANNER_LENGTH = 128;
    /** Longer texts are cut, so that no message or stack is too big for the store to take (and the turn refused). */
    static final int TEXT_LENGTH = 65_536;

    /** The most callers whose encoded context is kept; past it the texts are dropped and kept anew. */
    static final int MAX_KNOWN_CONTEXTS = 4_096;

    private static final Map<UserContext, String> KNOWN_CONTEXTS = new ConcurrentHashMap<>();

    private EventCodec() {}

    /** The entry for an event, not yet linked: sequence 0, no hashes. */
    static AuditRecord unlinked(AuditEvent event) {
        Optional<PlannerTrace> trace = event.planner();
        return new AuditRecord(
                0L,
                event.timestamp().truncatedTo(ChronoUnit.MICROS),
                bounded(event.user().userId(), ID_LENGTH),
                bounded(event.sessionId(), ID_LENGTH),
                capped(Redaction.text(event.message())),
                userContext(event.user()),
                wire(event.action()),
                event.intent().map(Intent::wireName),
                event.entity().map(e -> bounded(e, ENTITY_LENGTH)),
                fields(event.fields()),
                filters(event.filters()),
                event.plan().map(EventCodec::plan),
                wire(event.outcome()),
                event.refusalCode().map(RefusalCode::wireName),
                event.rowCount(),
                event.latency().toMillis(),
                event.errorMessage().map(m -> capped(Redaction.diagnostic(m))),
                event.errorStack().map(s -> capped(Redaction.diagnostic(s))),
                trace.map(t -> bounded(t.planner(), PLANNER_LENGTH)),
                trace.map(t -> bounded(t.model(), ID_LENGTH)),
                trace.map(PlannerTrace::promptTokens).orElse(OptionalLong.empty()),
                trace.map(PlannerTrace::completionTokens).orElse(OptionalLong.empty()),
                trace.map(t -> OptionalInt.of(t.attempts())).orElse(OptionalInt.empty()),
                "",
                "");
    }

    /** The entry linked into the chain at {@code sequence} after {@code previousHash}, with its own hash. */
    static AuditRecord linked(AuditRecord entry, long sequence, String previousHash) {
        return linked(entry, ChainHash.form(entry), sequence, previousHash);
    }

    /** {@link #linked(AuditRecord, long, String)} for an entry whose canonical form is already written. */
    static AuditRecord linked(AuditRecord entry, ChainHash.Form form, long sequence, String previousHash) {
        return with(entry, sequence, previousHash, form.hashAt(sequence, previousHash));
    }

    private static AuditRecord with(AuditRecord e, long sequence, String previousHash, String hash) {
        return new AuditRecord(
                sequence,
                e.timestamp(),
                e.userId(),
                e.sessionId(),
                e.message(),
                e.userContext(),
                e.action(),
                e.intent(),
                e.entity(),
                e.fields(),
                e.filters(),
                e.plan(),
                e.outcome(),
                e.refusalCode(),
                e.rowCount(),
                e.latencyMillis(),
                e.errorMessage(),
                e.errorStack(),
                e.planner(),
                e.model(),
                e.promptTokens(),
                e.completionTokens(),
                e.plannerAttempts(),
                previousHash,
                hash);
    }

    /**
     * The canonical JSON of a caller, attributes redacted. A caller's turns all carry the same context, and redacting
     * it runs four regular expressions per attribute, so the last callers' texts are kept: the text is a function of
     * the context's value alone (user, role, tenant, attributes), which is the key.
     */
    static String userContext(UserContext user) {
        String known = KNOWN_CONTEXTS.get(user);
        if (known != null) {
            return known;
        }
        String encoded = encodedContext(user);
        if (KNOWN_CONTEXTS.size() >= MAX_KNOWN_CONTEXTS) {
            KNOWN_CONTEXTS.clear();
        }
        KNOWN_CONTEXTS.put(user, encoded);
        return encoded;
    }

    private static String encodedContext(UserContext user) {
        Map<String, Object> json = new TreeMap<>();
        json.put("userId", user.userId());
        json.put("role", user.role());
        json.put("tenantId", user.tenantId().orElse(null));
        json.put("attributes", Redaction.attributes(user.attributes()));
        return CanonicalJson.object(json);
    }

    static String fields(Map<String, Object> fields) {
        return CanonicalJson.write(Redaction.fields(fields));
    }

    /**
     * Conditions in canonical order: they are combined with AND (and the items of an {@code anyOf} with
     * OR), so their order carries no meaning. An {@code anyOf} is {@code {"anyOf":[..]}}, a {@code not}
     * {@code {"not":..}}, a link {@code {"field":..,"op":"in","via":{"entity":..,"filters":[..]}}}.
     */
    static String filters(List<Condition> filters) {
        List<String> each = new ArrayList<>();
        for (Condition condition : filters) {
            each.add(condition(condition));
        }
        each.sort(null);
        return "[" + String.join(",", each) + "]";
    }

    private static String condition(Condition condition) {
        if (condition instanceof AnyOf anyOf) {
            return CanonicalJson.write(Map.of("anyOf", new CanonicalJson.Raw(filters(anyOf.items()))));
        }
        if (condition instanceof Not not) {
            return CanonicalJson.write(Map.of("not", new CanonicalJson.Raw(condition(not.item()))));
        }
        if (condition instanceof Related related) {
            // #13: the wire form of a link; its own conditions are redacted and ordered like the plan's
            Map<String, Object> via = new TreeMap<>();
            via.put("entity", related.entity());
            via.put("filters", new CanonicalJson.Raw(filters(related.filters())));
            Map<String, Object> json = new TreeMap<>();
            json.put("field", related.field());
            json.put("op", "in");
            json.put("via", via);
            return CanonicalJson.write(json);
        }
        return filter((Filter) condition);
    }

    private static String filter(Filter filter) {
        Map<String, Object> secretSafe = Redaction.fields(singleton(filter.field(), filter.value()));
        return CanonicalJson.write(new Filter(filter.field(), filter.op(), secretSafe.get(filter.field())));
    }

    private static Map<String, Object> singleton(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    static String plan(Plan plan) {
        Map<String, Object> json = new TreeMap<>();
        json.put("intent", plan.intent().wireName());
        json.put("entity", plan.entity());
        if (plan instanceof ReadPlan read) {
            json.put("fields", read.fields());
            json.put("filters", new CanonicalJson.Raw(filters(read.filters())));
            List<Map<String, Object>> order = new ArrayList<>();
            for (Sort sort : read.orderBy()) {
                Map<String, Object> s = new TreeMap<>();
                s.put("field", sort.field());
                s.put("descending", sort.descending());
                order.add(s);
            }
            json.put("orderBy", order);
            json.put("limit", read.limit().isPresent() ? read.limit().getAsInt() : null);
            if (read.offset() > 0) {
                // only when paging, so the records of plans without an offset stay as they were
                json.put("offset", read.offset());
            }
            read.aggregate().ifPresent(aggregate -> {
                // only for an aggregate, so the records of plain reads stay as they were
                Map<String, Object> a = new TreeMap<>();
                a.put("fn", aggregate.fn().wireName());
                a.put("field", aggregate.field().orElse(null));
                a.put("groupBy", aggregate.groupBy());
                json.put("aggregate", a);
            });
            read.after().ifPresent(after -> {
                // only when a page continues after the last row shown ("show more", #13), so the records of other
                // reads stay as they were; the position's values are redacted like filter values
                List<Map<String, Object>> position = new ArrayList<>();
                for (String column : after.columns()) {
                    Map<String, Object> p = new TreeMap<>();
                    p.put("field", column);
                    p.put(
                            "value",
                            Redaction.fields(singleton(column, after.value(column)))
                                    .get(column));
                    position.add(p);
                }
                json.put("after", position);
            });
            if (read.deleted() != DeletedRows.EXCLUDED) {
                // only when soft-deleted rows are asked for, so the records of other reads stay as they were
                json.put("deleted", read.deleted().wireName());
            }
        } else if (plan instanceof CreatePlan create) {
            json.put("values", Redaction.fields(create.values()));
        } else if (plan instanceof UpdatePlan update) {
            json.put("changes", Redaction.fields(update.changes()));
            json.put("filters", new CanonicalJson.Raw(filters(update.filters())));
        } else {
            throw new IllegalStateException("unhandled: " + plan.getClass().getName());
        }
        return CanonicalJson.object(json);
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Text every store keeps unchanged: NUL and lone surrogates become U+FFFD. */
    static String safe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = c == '\u0000'
                    || (Character.isHighSurrogate(c)
                            && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))));
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Safe text of at most {@link #TEXT_LENGTH} characters plus a note saying how long it was. */
    static String capped(String text) {
        if (text.length() <= TEXT_LENGTH) {
            return safe(text);
        }
        return bounded(text, TEXT_LENGTH) + " [cut: " + text.length() + " characters in all]";
    }

    /** Safe text cut to at most {@code max} characters, never inside a surrogate pair. */
    static String bounded(String text, int max) {
        String clean = safe(text);
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }
}
