package dev.tabletalk.core.port.in;

import dev.tabletalk.core.reply.Reply;

/**
 * The inbound port of the chat: one turn of a conversation in, one reply out. HTTP, CLI and embedding
 * callers chat through this only (the schema comes from {@link CatalogView}); the operator's use cases have
 * ports of their own ({@link PlanChecks}, {@link SessionReplays}, {@link AuditTrail}, {@link Diagnostics},
 * {@link OperatorCatalog}).
 *
 * <p>Implementations are thread-safe. {@link #handle} never returns null and never throws for
 * anything a person or a dependency can cause: refusals and failures are parts of the reply.
 */
public interface Conversations {

    Reply handle(ChatRequest request);
}
