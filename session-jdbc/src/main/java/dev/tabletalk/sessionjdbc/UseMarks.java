package dev.tabletalk.sessionjdbc;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How stale a session's stored last use ({@code touched_at}) may get before a turn writes it (the touch lag), and,
 * per session, when the mark its last find read falls due: until then a turn that saved nothing has no mark to write
 * and sends no statement. A save marks its session itself when the mark is due. Thread-safe.
 */
final class UseMarks {

    /**
     * A turn marks its session used only when the stored last use is older than this share of the idle time-to-live
     * ({@link #MAX_TOUCH_LAG} at most): a turn's save marks it anyway, so a read followed by a save within that time
     * costs no extra write.
     */
    static final int TOUCH_SHARE_OF_IDLE_TTL = 20;

    /** The most a session's stored last use may lag behind its real last use. */
    static final Duration MAX_TOUCH_LAG = Duration.ofSeconds(30);

    /** The most sessions remembered before all are forgotten (which costs their marks a statement, never a mark). */
    static final int MAX_REMEMBERED = 100_000;

    private final long lagMillis;
    /** When the mark each session's last find read becomes older than the lag (epoch millis). */
    private final ConcurrentMap<String, Long> due = new ConcurrentHashMap<>();

    UseMarks(Duration idleTtl) {
        this.lagMillis = Math.min(MAX_TOUCH_LAG.toMillis(), idleTtl.toMillis() / TOUCH_SHARE_OF_IDLE_TTL);
    }

    /** The touch lag, in milliseconds. */
    long lagMillis() {
        return lagMillis;
    }

    /** Remembers the mark a find read, or made, for the session's next {@link #isDue}. */
    void found(String sessionId, long touchedAt) {
        if (due.size() >= MAX_REMEMBERED) {
            // turns that ended without a save or a mark (a refused session of another user) left these behind
            due.clear();
        }
        due.put(sessionId, touchedAt + lagMillis);
    }

    /**
     * Whether a turn that saved nothing must send its conditional mark at {@code now}: not while the mark its find
     * read is younger than the lag (another server's newer mark can only make the statement change nothing); yes
     * when this store found no mark for it. Forgets the session.
     */
    boolean isDue(String sessionId, long now) {
        Long at = due.remove(sessionId);
        return at == null || now >= at;
    }

    /** The session is being saved, and its save marks it when the mark is due: forgets it. */
    void saving(String sessionId) {
        due.remove(sessionId);
    }
}
