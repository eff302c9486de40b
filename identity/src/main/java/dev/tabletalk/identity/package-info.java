/**
 * Verifies who is calling, independently of the transport: the unsigned dev header, a JWT (nimbus-jose-jwt) or
 * the HMAC-signed context header, all judged by the same claim rules. The result is a verified
 * {@link dev.tabletalk.core.user.UserContext} or a specific {@link dev.tabletalk.identity.IdentityFailure}; the
 * HTTP adapter (and later the MCP adapter) maps it to its own answer. Depends on core, nimbus-jose-jwt and Jackson
 * (the context header's JSON, read strictly) only.
 * The public surface is {@link dev.tabletalk.identity.IdentityVerifiers} and its settings and result types.
 */
package dev.tabletalk.identity;
