package dev.tabletalk.plannerrules;

import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The plans of the messages the rules planner read last, found again instead of read again (#17): a person or an
 * agent asking the same thing in the same place of a conversation (a refresh, a poll, "show my open orders" every
 * morning) gets the output the planner gave before, which is the output it would give again, since the rules
 * planner's output is a function of its request alone (no clock, no randomness, no row data) and an output is
 * immutable.
 *
 * <p>A plan is found again only for a request equal in every part (the message, the stage, the draft's intent,
 * entity, awaited field and fields, the day relative dates are read against) and made on the very same
 * {@link dev.tabletalk.core.catalog.SchemaView} object: a role's or tenant's view is another object, and so is every
 * view after the catalog reloads, so a plan is never carried from one view or catalog to another. Messages longer
 * than {@link #MAX_MESSAGE_CHARS} are always read. At most {@link #MAX_PLANS} are kept; past that the memory is
 * emptied and fills again.
 */
final class RememberedPlans {

    /** How many plans are kept at most. */
    static final int MAX_PLANS = 4_096;

    /** The longest message whose plan is kept (longer ones are rarely asked twice). */
    static final int MAX_MESSAGE_CHARS = 500;

    private final Map<Key, PlannerOutput> plans = new ConcurrentHashMap<>();
    private final AtomicLong read = new AtomicLong();

    /** The plan of {@code request}: the one kept for an equal request on the same view, else {@code planner}'s. */
    PlannerOutput plan(PlannerRequest request, Function<PlannerRequest, PlannerOutput> planner) {
        if (request.message().length() > MAX_MESSAGE_CHARS) {
            read.incrementAndGet();
            return planner.apply(request);
        }
        Key key = new Key(request);
        PlannerOutput kept = plans.get(key);
        if (kept != null) {
            return kept;
        }
        PlannerOutput output = planner.apply(request);
        read.incrementAndGet();
        if (plans.size() >= MAX_PLANS) {
            plans.clear();
        }
        plans.put(key, output);
        return output;
    }

    /** How many requests were read by the planner rather than found again (for tests). */
    long read() {
        return read.get();
    }

    /**
     * A request as a key: equal when made on the same view object and equal in every component (the record's own
     * {@code equals}, which finds the same view equal at once); hashed by the message and the view's identity,
     * never by the view's contents.
     */
    private static final class Key {
        private final PlannerRequest request;
        private final int hash;

        Key(PlannerRequest request) {
            this.request = request;
            this.hash = 31 * request.message().hashCode() + System.identityHashCode(request.schema());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && key.hash == hash
                    && key.request.schema() == request.schema()
                    && key.request.equals(request);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
