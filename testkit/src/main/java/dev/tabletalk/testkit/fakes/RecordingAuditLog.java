package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import java.util.ArrayList;
import java.util.List;

/** An audit log in memory that a test can switch to failing, like a store that went down. Thread-safe. */
public final class RecordingAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();
    private volatile boolean down;
    private volatile boolean loseNextAcknowledgement;
    private volatile boolean downAfterLoss;

    @Override
    public void append(AuditEvent event) {
        if (down) {
            throw DependencyUnavailableException.auditStore("the recording audit log is switched off", null);
        }
        synchronized (events) {
            events.add(event);
        }
        if (loseNextAcknowledgement) {
            loseNextAcknowledgement = false;
            down = downAfterLoss;
            throw DependencyUnavailableException.auditStore("the recording audit log lost its acknowledgement", null);
        }
    }

    /**
     * The next append is stored but fails as if its acknowledgement was lost (PUB-103); with
     * {@code thenDown}, every append after it fails too, until {@link #setDown(boolean) setDown(false)}.
     */
    public void loseNextAcknowledgement(boolean thenDown) {
        this.downAfterLoss = thenDown;
        this.loseNextAcknowledgement = true;
    }

    /** Makes every following append fail ({@code true}) or succeed again ({@code false}). */
    public void setDown(boolean value) {
        this.down = value;
    }

    public List<AuditEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public AuditEvent last() {
        List<AuditEvent> all = events();
        if (all.isEmpty()) {
            throw new IllegalStateException("no audit event was recorded");
        }
        return all.get(all.size() - 1);
    }
}
