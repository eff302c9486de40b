package dev.tabletalk.sessionjdbc;

/**
 * A row of the session table as read: the state's JSON in its format ({@code null} when it was not sent, because
 * this server knows the state of the row's save id: {@link KnownStates}), at its version, its last use, the save id
 * that wrote it ({@code null} for a row stored before save ids) and its pending preview's expiry ({@code null}:
 * none).
 */
record StoredRow(
        String sessionId,
        long version,
        int format,
        String json,
        long touchedAt,
        String saveId,
        Long previewExpiresAt) {}
