package dev.tabletalk.core.port.in;

import java.util.Objects;

/**
 * Where a turn comes from, as the inbound adapter that received it knows: the transport it arrived on (recorded
 * in the audit log) and whether the turn may confirm a pending preview.
 *
 * <p>Invariant 12: only the person confirms. A person typing in the chat or the CLI may confirm by saying so; a
 * model calling an MCP tool may not, whatever it writes and whether or not it names a preview id. On such a
 * turn the engine refuses every confirm with {@link dev.tabletalk.core.reply.RefusalCode#CONFIRM_NEEDS_PERSON}
 * and keeps the preview pending. The MCP adapter confirms only on the path where the client asked the person
 * (elicitation) and the person accepted: that turn is a {@link #person} turn.
 *
 * @param transport the transport the turn arrived on, e.g. {@code http}, {@code cli}, {@code mcp-stdio}
 * @param canConfirm whether this turn may confirm a pending preview (false on a model's tool call)
 */
public record Channel(String transport, boolean canConfirm) {

    /** The channel of callers that do not say: a person's chat turn, as before channels existed. */
    public static final Channel UNSPECIFIED = new Channel("unspecified", true);

    public Channel {
        Objects.requireNonNull(transport, "transport");
        if (transport.isBlank()) {
            throw new IllegalArgumentException("transport must not be blank");
        }
    }

    /** A turn written or answered by the person: it may confirm. */
    public static Channel person(String transport) {
        return new Channel(transport, true);
    }

    /** A turn sent by a model (an MCP tool call): it never confirms, whatever its words. */
    public static Channel model(String transport) {
        return new Channel(transport, false);
    }
}
