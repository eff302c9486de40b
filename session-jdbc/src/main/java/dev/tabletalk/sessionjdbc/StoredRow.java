package dev.tabletalk.sessionjdbc;

/** A row of the session table as read: the state's JSON in its format, at its version, and its last use. */
record StoredRow(String sessionId, long version, int format, String json, long touchedAt) {}
