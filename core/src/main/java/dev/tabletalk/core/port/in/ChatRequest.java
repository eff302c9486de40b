package dev.tabletalk.core.port.in;

import dev.tabletalk.core.user.UserContext;
import java.util.Objects;
import java.util.Optional;

/**
 * One turn from a person.
 *
 * @param sessionId the session to continue; empty starts a new one
 * @param user who asks, established by the inbound adapter from a verified identity
 * @param message the message, verbatim
 * @param confirmPreviewId a structured confirm of this preview id (instead of the word "confirm")
 * @param channel where the turn comes from, and whether it may confirm (invariant 12)
 */
public record ChatRequest(
        Optional<String> sessionId,
        UserContext user,
        String message,
        Optional<String> confirmPreviewId,
        Channel channel) {

    public ChatRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(confirmPreviewId, "confirmPreviewId");
        Objects.requireNonNull(channel, "channel");
    }

    /** A turn of a caller that names no channel ({@link Channel#UNSPECIFIED}: a person's chat turn). */
    public ChatRequest(
            Optional<String> sessionId, UserContext user, String message, Optional<String> confirmPreviewId) {
        this(sessionId, user, message, confirmPreviewId, Channel.UNSPECIFIED);
    }

    /** This turn, arriving on the given channel. */
    public ChatRequest on(Channel arrivedOn) {
        return new ChatRequest(sessionId, user, message, confirmPreviewId, arrivedOn);
    }

    public static ChatRequest of(String sessionId, UserContext user, String message) {
        return new ChatRequest(Optional.of(sessionId), user, message, Optional.empty());
    }

    public static ChatRequest newSession(UserContext user, String message) {
        return new ChatRequest(Optional.empty(), user, message, Optional.empty());
    }

    public static ChatRequest confirm(String sessionId, UserContext user, String previewId) {
        return new ChatRequest(Optional.of(sessionId), user, "confirm", Optional.of(previewId));
    }
}
