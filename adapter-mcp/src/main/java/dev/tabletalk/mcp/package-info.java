/**
 * The MCP server (Model Context Protocol, on the official MCP Java SDK): TableTalk as a tool for AI assistants,
 * over stdio or Streamable HTTP (a servlet the HTTP server mounts behind its identity gate). The model may ask, read and preview; only the person confirms a write, through
 * the client's elicitation (invariant 12). Uses core's inbound ports only; {@link dev.tabletalk.mcp.TableTalkMcp}
 * is the one entry point.
 */
package dev.tabletalk.mcp;
