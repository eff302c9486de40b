package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.HmacSettings;
import dev.tabletalk.identity.IdentitySettings;
import dev.tabletalk.identity.JwtSettings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the HTTP server, with safe defaults: bound to {@code 127.0.0.1:8080}, dev identity,
 * 30 turns a minute per user and 300 per tenant, 32 KiB bodies, 4096-byte context headers, request deadlines
 * (see {@link RequestTimeouts#defaults()}), refused identities recorded one by one up to 10 per source a minute
 * and then as one flood record, {@code /admin} routes off. Build one with {@link #builder()};
 * {@link #toString()} never shows secrets.
 *
 * @param host the address to bind ({@code 127.0.0.1} by default)
 * @param port the port; {@code 0} picks a free one (see {@link HttpServer#port()})
 * @param authMode how callers are identified
 * @param forceDevOnNonLoopback allow {@link AuthMode#DEV} on a non-loopback address (logged as a warning)
 * @param jwt the JWT settings, required for {@link AuthMode#JWT}
 * @param hmac the HMAC settings, required for {@link AuthMode#HMAC}
 * @param userRateLimit requests a user may make per period (chat and schema)
 * @param tenantRateLimit requests all users of one tenant may make per period
 * @param maxBodyBytes the largest request body accepted (413 above)
 * @param maxContextHeaderBytes the largest {@code X-User-Context} header accepted (400 above)
 * @param timeouts the deadlines of reading a request
 * @param authFailureAudit how refused identities are recorded per source
 * @param adminToken the operator token ({@code TABLETALK_ADMIN_TOKEN}); without it the {@code /admin} routes do
 *     not exist (404)
 * @param connectTargets the {@code host:port} entries {@code POST /admin/connect} may reach
 * @param threads the request threads: {@link #GROWING_THREADS} (the default), a pool that grows from 8 to 250
 *     threads with the load and shrinks after it (one thread a minute, as Jetty does); or exactly that many, at
 *     least {@link #MIN_FIXED_THREADS}, started at once and kept, which keeps the server's memory flat (each
 *     request thread keeps its own buffers)
 */
public record HttpConfig(
        String host,
        int port,
        AuthMode authMode,
        boolean forceDevOnNonLoopback,
        Optional<JwtSettings> jwt,
        Optional<HmacSettings> hmac,
        RateLimit userRateLimit,
        RateLimit tenantRateLimit,
        int maxBodyBytes,
        int maxContextHeaderBytes,
        RequestTimeouts timeouts,
        AuthFailureAudit authFailureAudit,
        Optional<String> adminToken,
        Set<String> connectTargets,
        int threads) {

    /** The default limit of the identity header (the attack catalogue's MAX_CTX_HEADER_BYTES). */
    public static final int DEFAULT_MAX_CONTEXT_HEADER_BYTES = IdentitySettings.DEFAULT_MAX_CONTEXT_HEADER_BYTES;
    /** The default limit of a request body. */
    public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024;
    /** {@link #threads()}: a pool that grows and shrinks with the load. */
    public static final int GROWING_THREADS = 0;
    /** The fewest threads of a fixed pool: Jetty's acceptors and selectors take some, requests need the rest. */
    public static final int MIN_FIXED_THREADS = 16;
    /** The most threads of a fixed pool. */
    public static final int MAX_FIXED_THREADS = 10_000;
    /** The shortest operator token accepted. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 32;

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(authMode, "authMode");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(hmac, "hmac");
        Objects.requireNonNull(userRateLimit, "userRateLimit");
        Objects.requireNonNull(tenantRateLimit, "tenantRateLimit");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(authFailureAudit, "authFailureAudit");
        Objects.requireNonNull(adminToken, "adminToken");
        connectTargets = normalisedTargets(connectTargets);
        if (adminToken.isPresent() && adminToken.get().strip().length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new ConfigurationException("the operator token (TABLETALK_ADMIN_TOKEN) must be at least "
                    + MIN_ADMIN_TOKEN_LENGTH + " characters long");
        }
        if (host.isBlank()) {
            throw new ConfigurationException("the HTTP host is empty: give an address such as 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("the HTTP port must be between 0 and 65535, not " + port);
        }
        if (threads != GROWING_THREADS && (threads < MIN_FIXED_THREADS || threads > MAX_FIXED_THREADS)) {
            throw new ConfigurationException("http.threads must be 0 (a pool that grows with the load) or from "
                    + MIN_FIXED_THREADS + " to " + MAX_FIXED_THREADS + " (exactly that many), not " + threads);
        }
        if (maxBodyBytes < 1024) {
            throw new ConfigurationException("the body limit must be at least 1024 bytes, not " + maxBodyBytes);
        }
        // the identity settings check themselves: the header limit, and the keys of the mode
        new IdentitySettings(authMode, jwt, hmac, maxContextHeaderBytes);
    }

    /** The identity settings: mode, keys and header limit, as the identity module takes them. */
    public IdentitySettings identity() {
        return new IdentitySettings(authMode, jwt, hmac, maxContextHeaderBytes);
    }

    /** Whether {@code POST /admin/connect} exists: only with an operator token (see {@link #adminEnabled()}). */
    public boolean connectEnabled() {
        return adminEnabled();
    }

    /**
     * Whether the {@code /admin} routes ({@code connect}, {@code read-only}, {@code reload}) exist: only with an
     * operator token; without it they answer 404 like any unknown path.
     */
    public boolean adminEnabled() {
        return adminToken.isPresent();
    }

    @Override
    public String toString() {
        return "HttpConfig[host=" + host + ", port=" + port + ", authMode=" + authMode + ", forceDevOnNonLoopback="
                + forceDevOnNonLoopback + ", jwt=" + jwt + ", hmac=" + hmac + ", userRateLimit=" + userRateLimit
                + ", tenantRateLimit=" + tenantRateLimit + ", maxBodyBytes=" + maxBodyBytes + ", maxContextHeaderBytes="
                + maxContextHeaderBytes + ", timeouts=" + timeouts + ", authFailureAudit=" + authFailureAudit
                + ", adminToken=" + (adminToken.isPresent() ? "(set)" : "(none)") + ", connectTargets="
                + new TreeSet<>(connectTargets) + ", threads=" + (threads == GROWING_THREADS ? "growing" : threads)
                + "]";
    }

    private static Set<String> normalisedTargets(Set<String> targets) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String target : targets) {
            try {
                normalised.add(TargetConnections.target(target));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("--allow-connect takes host:port entries separated by commas, "
                        + "e.g. db1.internal:5432,10.0.0.7:3306");
            }
        }
        return Set.copyOf(normalised);
    }

    /**
     * How long reading a request may take. A client that sends nothing for {@code idle} (while sending its
     * headers or its body) is cut off; a body must arrive within {@code body} of its first byte being awaited
     * and at no less than {@code minBytesPerSecond} on average (Jetty's minimum data rate). Defaults: 10 s idle,
     * a 20 s body deadline, 512 bytes a second.
     *
     * @param idle the longest silence while reading a request (Jetty's idle timeout)
     * @param body the longest time reading a request body may take in all
     * @param minBytesPerSecond the slowest average a body may arrive at
     * @param headers how long a new connection may take to send its first request's headers in all (a client that
     *     trickles header bytes faster than the idle timeout is cut off here)
     */
    public record RequestTimeouts(Duration idle, Duration body, long minBytesPerSecond, Duration headers) {

        public RequestTimeouts {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(headers, "headers");
            if (headers.toMillis() < 50 || headers.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new ConfigurationException("the request header deadline must be between 50 ms and 5 minutes");
            }
            if (idle.toMillis() < 50 || idle.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new ConfigurationException("the request idle timeout must be between 50 ms and 5 minutes");
            }
            if (body.toMillis() < 50 || body.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new ConfigurationException("the request body deadline must be between 50 ms and 5 minutes");
            }
            if (minBytesPerSecond < 0) {
                throw new ConfigurationException("the minimum request data rate cannot be negative");
            }
        }

        /** With the default header deadline of 10 s. */
        public RequestTimeouts(Duration idle, Duration body, long minBytesPerSecond) {
            this(idle, body, minBytesPerSecond, Duration.ofSeconds(10));
        }

        /** 10 s idle, 10 s for a new connection's request headers, 20 s for a body, at least 512 bytes a second. */
        public static RequestTimeouts defaults() {
            return new RequestTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), 512, Duration.ofSeconds(10));
        }
    }

    /**
     * How refused identities reach the audit log: the first {@code perSource} of each source (remote address)
     * in a {@code window} are recorded one by one, the rest of that window as one flood record with their count.
     *
     * @param perSource the refusals of one source recorded individually per window
     * @param window the window
     */
    public record AuthFailureAudit(int perSource, Duration window) {

        public AuthFailureAudit {
            Objects.requireNonNull(window, "window");
            if (perSource < 0) {
                throw new ConfigurationException("the refused identities recorded per source cannot be negative");
            }
            if (window.toMillis() < 100 || window.compareTo(Duration.ofHours(1)) > 0) {
                throw new ConfigurationException("the flood window must be between 100 ms and 1 hour");
            }
        }

        /** 10 per source a minute. */
        public static AuthFailureAudit defaults() {
            return new AuthFailureAudit(10, Duration.ofMinutes(1));
        }
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: dev identity on 127.0.0.1:8080. */
    public static HttpConfig defaults() {
        return builder().build();
    }

    /**
     * A token bucket: {@code requests} per {@code period}, refilled smoothly.
     *
     * @param requests the requests allowed per period (at least 1)
     * @param period the period
     */
    public record RateLimit(long requests, Duration period) {

        public RateLimit {
            Objects.requireNonNull(period, "period");
            if (requests < 1) {
                throw new ConfigurationException("a rate limit needs at least 1 request per period");
            }
            if (period.isNegative() || period.isZero()) {
                throw new ConfigurationException("a rate limit needs a positive period");
            }
        }

        public static RateLimit perMinute(long requests) {
            return new RateLimit(requests, Duration.ofMinutes(1));
        }

        /**
         * A limit as the configuration file writes it: {@code requests/period}, the period {@code s}
         * ({@code sec}, {@code second}), {@code min} ({@code minute}) or {@code h} ({@code hour}), optionally with a
         * count: {@code 30/min}, {@code 300/minute}, {@code 5/s}, {@code 100/10s}, {@code 1000/h}.
         *
         * @throws ConfigurationException naming the expected form when {@code text} is not one
         */
        public static RateLimit parse(String text) {
            Matcher m =
                    FORM.matcher(Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new ConfigurationException(
                        "a rate limit is written requests/period, e.g. 30/min, 5/s or 1000/h, not '" + text + "'");
            }
            long requests;
            long count;
            try {
                requests = Long.parseLong(m.group(1));
                count = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("the rate limit '" + text + "' has a number too large");
            }
            Duration unit = switch (m.group(3)) {
                case "s", "sec", "second" -> Duration.ofSeconds(1);
                case "min", "minute" -> Duration.ofMinutes(1);
                default -> Duration.ofHours(1);
            };
            return new RateLimit(requests, unit.multipliedBy(count));
        }

        private static final Pattern FORM =
                Pattern.compile("([0-9]{1,12})\\s*/\\s*([0-9]{1,6})?\\s*(s|sec|second|min|minute|h|hour)");
    }

    /** Builds {@link HttpConfig}; every setting has a safe default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private AuthMode authMode = AuthMode.DEV;
        private boolean forceDevOnNonLoopback;
        private JwtSettings jwt;
        private HmacSettings hmac;
        private RateLimit userRateLimit = RateLimit.perMinute(30);
        private RateLimit tenantRateLimit = RateLimit.perMinute(300);
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxContextHeaderBytes = DEFAULT_MAX_CONTEXT_HEADER_BYTES;
        private RequestTimeouts timeouts = RequestTimeouts.defaults();
        private AuthFailureAudit authFailureAudit = AuthFailureAudit.defaults();
        private String adminToken;
        private Set<String> connectTargets = Set.of();
        private int threads = GROWING_THREADS;

        private Builder() {}

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; {@code 0} picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder authMode(AuthMode value) {
            this.authMode = Objects.requireNonNull(value, "authMode");
            return this;
        }

        /** Allows unsigned dev identity on a non-loopback address. Never do this in production. */
        public Builder forceDevOnNonLoopback(boolean value) {
            this.forceDevOnNonLoopback = value;
            return this;
        }

        /** JWT settings; also selects {@link AuthMode#JWT}. */
        public Builder jwt(JwtSettings value) {
            this.jwt = Objects.requireNonNull(value, "jwt");
            this.authMode = AuthMode.JWT;
            return this;
        }

        /** HMAC settings; also selects {@link AuthMode#HMAC}. */
        public Builder hmac(HmacSettings value) {
            this.hmac = Objects.requireNonNull(value, "hmac");
            this.authMode = AuthMode.HMAC;
            return this;
        }

        /** All identity settings at once: mode, keys and header limit. */
        public Builder identity(IdentitySettings value) {
            this.authMode = value.mode();
            this.jwt = value.jwt().orElse(null);
            this.hmac = value.hmac().orElse(null);
            this.maxContextHeaderBytes = value.maxContextHeaderBytes();
            return this;
        }

        public Builder userRateLimit(RateLimit value) {
            this.userRateLimit = Objects.requireNonNull(value, "userRateLimit");
            return this;
        }

        public Builder tenantRateLimit(RateLimit value) {
            this.tenantRateLimit = Objects.requireNonNull(value, "tenantRateLimit");
            return this;
        }

        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder maxContextHeaderBytes(int value) {
            this.maxContextHeaderBytes = value;
            return this;
        }

        /** The deadlines of reading a request. */
        public Builder timeouts(RequestTimeouts value) {
            this.timeouts = Objects.requireNonNull(value, "timeouts");
            return this;
        }

        /** How refused identities are recorded per source. */
        public Builder authFailureAudit(AuthFailureAudit value) {
            this.authFailureAudit = Objects.requireNonNull(value, "authFailureAudit");
            return this;
        }

        /**
         * The operator token ({@code TABLETALK_ADMIN_TOKEN}, at least {@value #MIN_ADMIN_TOKEN_LENGTH}
         * characters): turns the {@code /admin} routes on, for callers that send {@code Authorization: Bearer
         * <token>}. Empty or {@code null} leaves them off (404). Never a tenant's identity.
         */
        public Builder adminToken(String value) {
            this.adminToken = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /**
         * The {@code host:port} entries {@code POST /admin/connect} may reach (host AND port; compared without
         * case). URLs without a host never pass; TLS is required to every host that is not loopback.
         */
        public Builder connectTargets(Set<String> value) {
            this.connectTargets = Set.copyOf(value);
            return this;
        }

        /**
         * The request threads: {@link #GROWING_THREADS} (the default) or a fixed pool of that many (see {@link
         * HttpConfig#threads()}).
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws ConfigurationException for impossible combinations
         */
        public HttpConfig build() {
            return new HttpConfig(
                    host,
                    port,
                    authMode,
                    forceDevOnNonLoopback,
                    Optional.ofNullable(jwt),
                    Optional.ofNullable(hmac),
                    userRateLimit,
                    tenantRateLimit,
                    maxBodyBytes,
                    maxContextHeaderBytes,
                    timeouts,
                    authFailureAudit,
                    Optional.ofNullable(adminToken),
                    connectTargets,
                    threads);
        }
    }
}
