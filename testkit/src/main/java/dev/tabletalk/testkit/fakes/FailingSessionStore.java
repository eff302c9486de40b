package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.support.InMemorySessionStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session store in memory that a test can make fail, like a store that went down: loads, saves, or every
 * save after the next few. Failures are plain {@link IllegalStateException}s, as an arbitrary store might
 * throw. Thread-safe.
 */
public final class FailingSessionStore implements SessionStore {

    private final SessionStore store;
    private volatile boolean findsFail;
    private volatile boolean marksFail;
    private volatile boolean answersLost;
    private final AtomicInteger marksUsed = new AtomicInteger();
    private final AtomicInteger saves = new AtomicInteger();
    private final AtomicInteger savesBeforeFailing = new AtomicInteger(Integer.MAX_VALUE);

    /** A store on {@code clock}, the engine's clock, with the in-memory store's default limits. */
    public FailingSessionStore(Clock clock) {
        this.store = new InMemorySessionStore(
                clock, InMemorySessionStore.DEFAULT_IDLE_TTL, InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER);
    }

    @Override
    public Optional<ConversationState> find(String sessionId) {
        if (findsFail) {
            throw new IllegalStateException("the failing session store cannot load " + sessionId);
        }
        return store.find(sessionId);
    }

    @Override
    public SaveOutcome save(ConversationState state, long expectedVersion) {
        saves.incrementAndGet();
        if (savesBeforeFailing.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) == 0) {
            throw new IllegalStateException("the failing session store cannot save " + state.sessionId());
        }
        SaveOutcome outcome = store.save(state, expectedVersion);
        if (answersLost) {
            throw DependencyUnavailableException.sessionStoreOutcomeUnknown(
                    "the failing session store lost the answer to a save of " + state.sessionId(), null);
        }
        return outcome;
    }

    @Override
    public void markUsed(ConversationState found) {
        marksUsed.incrementAndGet();
        if (marksFail) {
            throw new IllegalStateException("the failing session store cannot mark " + found.sessionId() + " used");
        }
        store.markUsed(found);
    }

    /** How many times a session was marked used (by a turn that saved nothing). */
    public int marksUsed() {
        return marksUsed.get();
    }

    /** How many saves were asked for, failed ones included. */
    public int saves() {
        return saves.get();
    }

    /** Makes every following mark of a session as used fail ({@code true}) or succeed again ({@code false}). */
    public void setMarksFail(boolean value) {
        this.marksFail = value;
    }

    /** Makes every following load fail ({@code true}) or succeed again ({@code false}). */
    public void setFindsFail(boolean value) {
        this.findsFail = value;
    }

    /** Makes every following save fail ({@code true}) or succeed again ({@code false}). */
    public void setSavesFail(boolean value) {
        savesBeforeFailing.set(value ? 0 : Integer.MAX_VALUE);
    }

    /**
     * Makes every following save be stored and then fail as a store does that lost its connection after the write
     * and could not find out whether it was stored ({@code true}), or answer again ({@code false}).
     */
    public void setSaveAnswersLost(boolean value) {
        this.answersLost = value;
    }

    /** Lets the next {@code count} saves succeed, then makes every save fail. */
    public void failSavesAfter(int count) {
        savesBeforeFailing.set(count);
    }
}
