/**
 * The HTTP API of TableTalk on Javalin 7: {@code POST /chat}, {@code GET /schema}, {@code GET /health},
 * {@code GET /metrics}, {@code GET /openapi.json} and a disabled-by-default {@code POST /admin/connect}, plus the
 * web console at {@code /} (static ES modules and CSS under {@code src/main/resources/console/}, every response
 * under a strict Content-Security-Policy).
 * Callers are identified by a dev header, a JWT or an HMAC-signed context header, verified by the
 * {@code identity} module ({@link dev.tabletalk.identity.IdentityVerifier}); every error is an
 * RFC 9457 problem document. The public surface is {@link dev.tabletalk.httpjavalin.HttpServer} and
 * {@link dev.tabletalk.httpjavalin.HttpConfig}; everything else is package-private.
 */
package dev.tabletalk.httpjavalin;
