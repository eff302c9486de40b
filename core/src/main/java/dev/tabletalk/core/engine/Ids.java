package dev.tabletalk.core.engine;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids: conversation ids, preview ids, and the short error ids that find a failed turn. Thread-safe. */
final class Ids {

    private final SecureRandom random = new SecureRandom();

    String hex() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A short random id that finds a failed turn in the audit log and the logs. */
    String errorId() {
        return hex().substring(0, 12);
    }
}
