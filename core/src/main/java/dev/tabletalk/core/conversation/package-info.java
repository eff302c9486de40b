/** The conversation engine: per-session state machine, universal commands, drafts and pending previews. */
package dev.tabletalk.core.conversation;
