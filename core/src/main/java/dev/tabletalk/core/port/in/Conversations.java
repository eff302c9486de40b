package dev.tabletalk.core.port.in;

import dev.tabletalk.core.reply.Reply;

/**
 * The inbound port: one turn of a conversation in, one reply out. HTTP, CLI and embedding
 * callers use only this (and {@link CatalogView}).
 *
 * <p>Implementations are thread-safe. {@link #handle} never returns null and never throws for
 * anything a person or a dependency can cause: refusals and failures are parts of the reply.
 */
public interface Conversations {

    Reply handle(ChatRequest request);
}
