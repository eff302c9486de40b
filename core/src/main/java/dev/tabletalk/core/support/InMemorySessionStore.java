package dev.tabletalk.core.support;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Sessions in this process's memory, with optimistic versions, an idle time-to-live and a cap per user.
 *
 * <ul>
 *   <li>A session not used ({@link #find} or {@link #save}) for {@code idleTtl} is dropped: a later
 *       {@code find} does not see it.
 *   <li>A user (user id and tenant) holds at most {@code maxSessionsPerUser} sessions: creating one more
 *       drops that user's longest-idle session.
 *   <li>A pending preview past its expiry is removed from its session (its draft stays, see
 *       {@link ConversationState#withoutExpiredPreview}), so large previews do not outlive their use.
 * </ul>
 *
 * <p>Expiry is checked on every access; every call also drops a bounded number of expired sessions and
 * previews ({@value #SWEEP_PER_CALL} of each at most), oldest first, and {@link #evictExpired()} drops all of
 * them (for a periodic sweep). Time comes from the injected {@link Clock}. Suitable for one process;
 * thread-safe (every method holds the store's lock for a short, bounded time).
 */
public final class InMemorySessionStore implements SessionStore {

    /** Sessions idle for this long are dropped unless configured otherwise. */
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofMinutes(30);
    /** Sessions one user may hold unless configured otherwise. */
    public static final int DEFAULT_MAX_SESSIONS_PER_USER = 20;
    /** Expired sessions, and separately expired previews, dropped at most by one call. */
    static final int SWEEP_PER_CALL = 16;

    private final Clock clock;
    private final Duration idleTtl;
    private final int maxSessionsPerUser;
    /** The least recently used session first (a use moves it to the end), so expired ones are at the head. */
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>();

    private final Map<Owner, Set<String>> byOwner = new HashMap<>();
    private final PriorityQueue<PreviewDue> previews = new PriorityQueue<>(Comparator.comparing(PreviewDue::expiresAt));

    /** A store with the defaults (30 minutes idle, 20 sessions per user) on the system clock. */
    public InMemorySessionStore() {
        this(new SystemClock(), DEFAULT_IDLE_TTL, DEFAULT_MAX_SESSIONS_PER_USER);
    }

    /**
     * A store with its own limits.
     *
     * @param clock the time, for idle and preview expiry
     * @param idleTtl how long a session may stay unused before it is dropped (positive)
     * @param maxSessionsPerUser how many sessions one user (and tenant) may hold (at least 1)
     */
    public InMemorySessionStore(Clock clock, Duration idleTtl, int maxSessionsPerUser) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleTtl = Objects.requireNonNull(idleTtl, "idleTtl");
        if (idleTtl.isNegative() || idleTtl.isZero()) {
            throw new IllegalArgumentException("the session idle time-to-live must be positive, not " + idleTtl);
        }
        if (maxSessionsPerUser < 1) {
            throw new IllegalArgumentException("sessions per user must be at least 1, not " + maxSessionsPerUser);
        }
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    @Override
    public synchronized Optional<ConversationState> find(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        Instant now = clock.now();
        sweep(now, SWEEP_PER_CALL);
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return Optional.empty();
        }
        if (isIdleExpired(entry, now)) {
            remove(sessionId);
            return Optional.empty();
        }
        ConversationState state = withoutExpiredPreview(entry.state(), now);
        touch(sessionId, new Entry(state, now));
        return Optional.of(state);
    }

    @Override
    public synchronized SaveOutcome save(ConversationState state, long expectedVersion) {
        Objects.requireNonNull(state, "state");
        Instant now = clock.now();
        sweep(now, SWEEP_PER_CALL);
        String id = state.sessionId();
        Entry current = sessions.get(id);
        if (current != null && isIdleExpired(current, now)) {
            remove(id);
            current = null;
        }
        long currentVersion = current == null ? 0 : current.state().version();
        if (currentVersion != expectedVersion) {
            // the other turn's state, as find would show it now
            return new SaveOutcome.VersionConflict(
                    Optional.ofNullable(current).map(e -> withoutExpiredPreview(e.state(), now)));
        }
        ConversationState next = state.withVersion(expectedVersion + 1);
        if (current != null && !owner(current.state()).equals(owner(next))) {
            remove(id);
        }
        touch(id, new Entry(next, now));
        byOwner.computeIfAbsent(owner(next), o -> new LinkedHashSet<>()).add(id);
        next.pending().ifPresent(p -> previews.add(new PreviewDue(id, p.id(), p.expiresAt())));
        enforceCap(owner(next), id);
        return new SaveOutcome.Saved(next);
    }

    /** Sessions held now, expired ones not yet dropped included. */
    public synchronized int size() {
        return sessions.size();
    }

    /**
     * Drops every idle session and every expired preview now, for a periodic sweep. The work is
     * proportional to what is dropped.
     *
     * @return how many sessions were dropped
     */
    public synchronized int evictExpired() {
        return sweep(clock.now(), Integer.MAX_VALUE);
    }

    /** The idle time-to-live. */
    public Duration idleTtl() {
        return idleTtl;
    }

    private int sweep(Instant now, int budget) {
        int dropped = 0;
        Iterator<Map.Entry<String, Entry>> oldestFirst = sessions.entrySet().iterator();
        while (dropped < budget && oldestFirst.hasNext()) {
            Map.Entry<String, Entry> oldest = oldestFirst.next();
            if (!isIdleExpired(oldest.getValue(), now)) {
                break;
            }
            oldestFirst.remove();
            forgetOwner(oldest.getKey(), oldest.getValue().state());
            dropped++;
        }
        int previewsDropped = 0;
        while (previewsDropped < budget
                && !previews.isEmpty()
                && !now.isBefore(previews.peek().expiresAt())) {
            PreviewDue due = previews.poll();
            previewsDropped++;
            Entry entry = sessions.get(due.sessionId());
            if (entry != null
                    && entry.state()
                            .pending()
                            .map(PendingPreview::id)
                            .filter(due.previewId()::equals)
                            .isPresent()) {
                // not a use of the session: it keeps its place (a put of a present key keeps insertion order)
                sessions.put(due.sessionId(), new Entry(withoutExpiredPreview(entry.state(), now), entry.touchedAt()));
            }
        }
        return dropped;
    }

    /** Stores the entry as the most recently used. */
    private void touch(String id, Entry entry) {
        sessions.remove(id);
        sessions.put(id, entry);
    }

    private void enforceCap(Owner owner, String keep) {
        Set<String> ids = byOwner.get(owner);
        while (ids != null && ids.size() > maxSessionsPerUser) {
            String longestIdle = null;
            Instant oldest = null;
            for (String id : ids) {
                Instant touched = sessions.get(id).touchedAt();
                if (!id.equals(keep) && (oldest == null || touched.isBefore(oldest))) {
                    oldest = touched;
                    longestIdle = id;
                }
            }
            if (longestIdle == null) {
                return;
            }
            remove(longestIdle);
        }
    }

    private void remove(String id) {
        Entry removed = sessions.remove(id);
        if (removed != null) {
            forgetOwner(id, removed.state());
        }
    }

    private void forgetOwner(String id, ConversationState state) {
        Owner owner = owner(state);
        Set<String> ids = byOwner.get(owner);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                byOwner.remove(owner);
            }
        }
    }

    private boolean isIdleExpired(Entry entry, Instant now) {
        return !now.isBefore(entry.touchedAt().plus(idleTtl));
    }

    private static ConversationState withoutExpiredPreview(ConversationState state, Instant now) {
        return state.pending().filter(p -> p.isExpiredAt(now)).isPresent() ? state.withoutExpiredPreview() : state;
    }

    private static Owner owner(ConversationState state) {
        return new Owner(state.ownerUserId(), state.ownerTenant());
    }

    /** Previews due to expire, for the bounded sweep; stale ones (confirmed, replaced) are skipped. */
    private record PreviewDue(String sessionId, String previewId, Instant expiresAt) {}

    private record Entry(ConversationState state, Instant touchedAt) {}

    private record Owner(String userId, Optional<String> tenant) {

        /**
         * Mixed well (#17): a record's own hash, 31 times the user's plus the tenant's, differs only in multiples
         * of 32 when user ids spell the tenant ("u-7" of tenant 7), so a few hundred owners crowded into a few buckets.
         */
        @Override
        public int hashCode() {
            int h = 31 * userId.hashCode() + tenant.hashCode();
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }
    }
}
