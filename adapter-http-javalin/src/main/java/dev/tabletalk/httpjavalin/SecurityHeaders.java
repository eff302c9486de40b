package dev.tabletalk.httpjavalin;

import io.javalin.http.Context;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every response carries, the console's pages and the API's answers alike: a Content-Security-Policy
 * that allows only this server's own scripts, styles and requests (no inline script or style, no framing), no MIME
 * sniffing, no referrer, and nothing cached. Values from the database are rendered by the console as text; the
 * policy is the second wall should a rendering bug ever let markup through.
 */
final class SecurityHeaders {

    /** Only same-origin scripts, styles, images and fetches; no inline code, plugins, forms or frames. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Every header, by name. */
    static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cache-Control", "no-store");

    private SecurityHeaders() {}

    /** Sets them on a response of Javalin. */
    static void apply(Context ctx) {
        ALL.forEach(ctx::header);
    }

    /** Sets them on a response Jetty answers itself (its error handler). */
    static void apply(HttpFields.Mutable headers) {
        ALL.forEach(headers::put);
    }
}
