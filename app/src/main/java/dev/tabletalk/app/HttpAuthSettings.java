package dev.tabletalk.app;

import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.HmacSettings;
import dev.tabletalk.identity.JwtSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP server's identity settings from the layered configuration ({@code http.auth}: the file, or
 * {@code TABLETALK_JWT_*} / {@code TABLETALK_HMAC_*} and their {@code TABLETALK_HTTP_AUTH_*} names); the
 * configuration has checked that the chosen mode has its keys.
 */
final class HttpAuthSettings {

    private HttpAuthSettings() {}

    /** Selects the auth mode on the builder and, for {@code jwt} and {@code hmac}, its keys. */
    static HttpConfig.Builder auth(HttpConfig.Builder builder, TableTalkConfig.Auth auth) {
        AuthMode mode = AuthMode.valueOf(auth.mode().toUpperCase(Locale.ROOT));
        builder.authMode(mode).forceDevOnNonLoopback(auth.forceDevOnNonLoopback());
        if (mode == AuthMode.JWT) {
            TableTalkConfig.Jwt jwt = auth.jwt();
            Optional<String> jwks = jwt.jwks();
            Optional<URI> url = jwks.filter(j -> j.startsWith("https://") || j.startsWith("http://"))
                    .map(URI::create);
            Optional<Path> file = jwks.filter(j -> url.isEmpty()).map(Path::of);
            builder.jwt(new JwtSettings(
                    jwt.issuer().orElseThrow(),
                    jwt.audience().orElseThrow(),
                    jwt.secret(),
                    file,
                    url,
                    jwt.clockSkew()));
        } else if (mode == AuthMode.HMAC) {
            builder.hmac(new HmacSettings(auth.hmac().keys(), auth.hmac().maxSkew()));
        }
        return builder;
    }
}
