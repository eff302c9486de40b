/** The conversation engine (the inbound port's implementation) and its universal commands. */
package dev.tabletalk.core.engine;
