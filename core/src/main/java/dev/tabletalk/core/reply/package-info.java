/** Replies with structured parts, and refusals with stable codes. */
package dev.tabletalk.core.reply;
