/**
 * The conversation engine (the inbound port's implementation) as a turn pipeline: {@code ConversationEngine}
 * is the public facade and builder; a runner loads, checks the owner, saves and audits; one step per concern
 * (universal commands, planner output, form, preview, confirm) does the turn's work on a per-turn context
 * that holds one catalog snapshot.
 */
package dev.tabletalk.core.engine;
