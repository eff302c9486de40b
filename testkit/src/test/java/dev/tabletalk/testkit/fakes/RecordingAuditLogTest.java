package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.testkit.contract.AuditLogContract;
import java.util.List;

class RecordingAuditLogTest extends AuditLogContract {

    private final RecordingAuditLog log = new RecordingAuditLog();

    @Override
    protected AuditLog auditLog() {
        return log;
    }

    @Override
    protected long storedCount() {
        return log.events().size();
    }

    @Override
    protected List<String> storedMessages(String sessionId) {
        return log.events().stream()
                .filter(e -> e.sessionId().equals(sessionId))
                .map(AuditEvent::message)
                .toList();
    }

    @Override
    protected void takeStoreDown() {
        log.setDown(true);
    }
}
