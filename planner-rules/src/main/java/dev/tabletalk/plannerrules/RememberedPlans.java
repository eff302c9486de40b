package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import java.lang.ref.WeakReference;
import java.util.List;
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
 * view after the catalog reloads, so a plan is never carried from one view or catalog to another; the views are held
 * weakly, so the plans of a view no longer in use do not keep it alive. Messages longer than
 * {@link #MAX_MESSAGE_CHARS} are always read. At most {@link #MAX_PLANS} are kept; past that the memory is emptied
 * and fills again.
 */
final class RememberedPlans {

    /**
     * How many plans are kept at most: about 0.2 MB of the heap (700 bytes a plan of a short message, measured),
     * enough for the messages a server sees again and again (refreshes, polls). The memory fills and is emptied again
     * under traffic of new messages, so its size is also how far it moves the heap.
     */
    static final int MAX_PLANS = 256;

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
        PlannerOutput kept = plans.get(Key.lookingFor(request));
        if (kept != null) {
            return kept;
        }
        PlannerOutput output = planner.apply(request);
        read.incrementAndGet();
        if (plans.size() >= MAX_PLANS) {
            plans.clear();
        }
        plans.put(Key.keeping(request), output);
        return output;
    }

    /** How many requests were read by the planner rather than found again (for tests). */
    long read() {
        return read.get();
    }

    /**
     * A request as a key: equal when made on the same view object and equal in every other component (the record's
     * own {@code equals} on the request with its view set aside); hashed by the message and the view's identity,
     * never by the view's contents. A kept key holds its view weakly: the plans of a view the catalog has let go
     * (after a reload) never match again and do not keep the view, which can be large, from being collected.
     */
    private static final class Key {
        /** Stands for every view in {@link #rest}: the view is compared by identity, apart. */
        private static final SchemaView ANY_VIEW = new SchemaView("", List.of());

        private final Object view;
        private final PlannerRequest rest;
        private final int hash;

        private Key(Object view, PlannerRequest request) {
            this.view = view;
            this.rest = new PlannerRequest(
                    request.message(),
                    request.stage(),
                    request.draftIntent(),
                    request.draftEntity(),
                    request.awaitingField(),
                    request.draftFields(),
                    ANY_VIEW,
                    request.today());
            this.hash = 31 * request.message().hashCode() + System.identityHashCode(request.schema());
        }

        /** A key to look for: short-lived, it holds its view as it is. */
        static Key lookingFor(PlannerRequest request) {
            return new Key(request.schema(), request);
        }

        /** A key to keep: it holds its view weakly. */
        static Key keeping(PlannerRequest request) {
            return new Key(new WeakReference<>(request.schema()), request);
        }

        private SchemaView view() {
            if (view instanceof SchemaView live) {
                return live;
            }
            return ((WeakReference<?>) view).get() instanceof SchemaView kept ? kept : null;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            if (!(other instanceof Key key) || key.hash != hash) {
                return false;
            }
            SchemaView mine = view();
            return mine != null && key.view() == mine && key.rest.equals(rest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
