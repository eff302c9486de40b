// The conversation of this browser tab, kept in sessionStorage so that it survives a reload: the session id,
// the transcript and the dev identity. A bearer token is never stored here (nor anywhere else).

const KEY = 'tabletalk.console.v1';

/** An empty conversation. */
export function emptyConversation() {
  return { sessionId: null, entries: [], devIdentity: null };
}

/** The stored conversation of this tab, or an empty one. */
export function load() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY));
    if (stored && Array.isArray(stored.entries)) {
      return { ...emptyConversation(), ...stored };
    }
  } catch {
    // unreadable: start afresh
  }
  return emptyConversation();
}

/** Stores the conversation; the entries hold messages, replies and problems, never a token. */
export function save(conversation) {
  const { sessionId, entries, devIdentity } = conversation;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ sessionId, entries, devIdentity }));
  } catch {
    // storage full or disabled: the conversation still works, it just does not survive a reload
  }
}

/** The messages the person sent, oldest first (for arrow-up recall). */
export function sentMessages(conversation) {
  return conversation.entries.filter((entry) => entry.kind === 'message').map((entry) => entry.text);
}
