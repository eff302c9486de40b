/** Conversation state: stages, drafts and pending previews, as the session store keeps them. */
package dev.tabletalk.core.conversation;
