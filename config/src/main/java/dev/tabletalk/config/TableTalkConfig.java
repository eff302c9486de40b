package dev.tabletalk.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every setting of {@code tabletalk.yaml}, with the defaults filled in: the one settings object the app assembles
 * (file &lt; environment &lt; flags) and {@code TableTalk.builder().config(Path)} applies. Immutable; the nested
 * records mirror the file's sections key for key, so that a key path such as {@code limits.maxRows} names the
 * component {@code limits().maxRows()}. Secrets are held as given and never appear in {@link #toString()}.
 *
 * @param database the target database
 * @param audit the audit store
 * @param planner the planner chain
 * @param limits the limits of every turn and reply
 * @param readOnly the emergency switch at start
 * @param tenancy the tenant column and per-entity tenancy overrides
 * @param entities per-entity exposure overrides, by entity name
 * @param roles the roles (replacing the built-in ones when not empty), by role name
 * @param macros named requests, by macro name
 * @param http the HTTP server
 * @param sessions the session store
 * @param catalog what is read of the schema
 * @param mcp the MCP server
 * @param admin the operator endpoints
 * @param sharedState the store several servers share for rate limits and operator state
 */
public record TableTalkConfig(
        @Valid Database database,
        @Valid Audit audit,
        @Valid Planner planner,
        @Valid Limits limits,
        boolean readOnly,
        @Valid Tenancy tenancy,
        Map<String, @Valid Entity> entities,
        Map<String, @Valid Role> roles,
        Map<String, @Valid Macro> macros,
        @Valid Http http,
        @Valid Sessions sessions,
        @Valid Catalog catalog,
        @Valid Mcp mcp,
        @Valid Admin admin,
        @Valid SharedState sharedState) {

    public TableTalkConfig {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tenancy, "tenancy");
        // the file's order, which listings ("what can I do?", config show) keep
        entities = ordered(entities);
        roles = ordered(roles);
        macros = ordered(macros);
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(mcp, "mcp");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(sharedState, "sharedState");
    }

    private static <V> Map<String, V> ordered(Map<String, V> entries) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Never shows a secret: the sections' own {@code toString} mask them. */
    @Override
    public String toString() {
        return "TableTalkConfig[database=" + database + ", audit=" + audit + ", planner=" + planner + ", limits="
                + limits + ", readOnly=" + readOnly + ", tenancy=" + tenancy + ", entities=" + entities.keySet()
                + ", roles=" + roles.keySet() + ", macros=" + macros.keySet() + ", http=" + http + ", sessions="
                + sessions + ", catalog=" + catalog + ", mcp=" + mcp + ", admin=" + admin + ", sharedState="
                + sharedState
                + "]";
    }

    private static String masked(Optional<String> secret) {
        return secret.isPresent() ? "***" : "(none)";
    }

    /**
     * {@code database}: the target.
     *
     * @param url a JDBC or SQLAlchemy-style URL
     * @param user the user, when not in the URL
     * @param password the password (a secret)
     */
    public record Database(Optional<String> url, Optional<String> user, Optional<String> password) {
        public Database {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Database[url=" + url.orElse("(none)") + ", user=" + user.orElse("(none)") + ", password="
                    + masked(password) + "]";
        }
    }

    /**
     * {@code audit}: the audit store.
     *
     * @param url its JDBC URL; empty for the embedded file {@code ./.tabletalk/audit}
     */
    public record Audit(Optional<String> url) {
        public Audit {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * {@code planner}: the fallback chain.
     *
     * @param models {@code rules}, or {@code provider:model} specs tried in order
     * @param baseUrl an OpenAI-compatible endpoint for the models
     * @param apiKey the models' key (a secret); else each provider's own variable
     * @param timeout how long one model call may take
     * @param maxRetries retries after an invalid answer, 0 to 2
     * @param tokenBudget the most prompt tokens per stage
     * @param maxCandidates the most entities listed when the schema does not fit whole
     * @param strictJsonSchema whether OpenAI models get a strict JSON schema
     */
    public record Planner(
            @NotEmpty List<@NotBlank String> models,
            Optional<String> baseUrl,
            Optional<String> apiKey,
            Duration timeout,
            @Min(0) @Max(2) int maxRetries,
            @Min(1) int tokenBudget,
            @Min(1) int maxCandidates,
            boolean strictJsonSchema) {
        public Planner {
            models = List.copyOf(models);
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** Whether the chain is the offline rules planner alone. */
        public boolean isRules() {
            return models.size() == 1 && models.get(0).strip().equalsIgnoreCase("rules");
        }

        /** A model call needs some time. */
        @AssertTrue(message = "the planner timeout must be positive") public boolean isTimeoutPositive() {
            return !timeout.isNegative() && !timeout.isZero();
        }

        @Override
        public String toString() {
            return "Planner[models=" + models + ", baseUrl=" + baseUrl.orElse("(none)") + ", apiKey=" + masked(apiKey)
                    + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", tokenBudget=" + tokenBudget
                    + ", maxCandidates=" + maxCandidates + ", strictJsonSchema=" + strictJsonSchema + "]";
        }
    }

    /**
     * {@code limits}: the hard limits of every turn and reply (core's {@code Limits} and {@code ReplyLimits}).
     *
     * @param maxRows the most rows a read returns, 1 to 100
     * @param maxAffectedRows the most rows one update may change
     * @param statementTimeout how long one statement may run
     * @param lockTimeout how long a confirmed write waits for row locks
     * @param previewTtl how long a preview can be confirmed
     * @param maxMessageChars the longest message accepted
     * @param maxFilters the most conditions in one plan
     * @param maxInItems the most values in one {@code in} list
     * @param maxQueryCost refuse reads whose estimated cost is above this; empty: off
     * @param maxReplyBytes the largest reply, at least 64 KiB
     * @param maxCellChars the longest value shown, at least 16 characters
     */
    public record Limits(
            @Min(1) @Max(100) int maxRows,
            @Min(1) int maxAffectedRows,
            Duration statementTimeout,
            Duration lockTimeout,
            Duration previewTtl,
            @Min(1) int maxMessageChars,
            @Min(1) int maxFilters,
            @Min(1) int maxInItems,
            OptionalDouble maxQueryCost,
            @Min(64 * 1024) long maxReplyBytes,
            @Min(16) int maxCellChars) {
        public Limits {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            Objects.requireNonNull(previewTtl, "previewTtl");
            Objects.requireNonNull(maxQueryCost, "maxQueryCost");
        }

        /** Timeouts and time-to-live are positive. */
        @AssertTrue(message = "statementTimeout, lockTimeout and previewTtl must be positive") public boolean isDurationsPositive() {
            return positive(statementTimeout) && positive(lockTimeout) && positive(previewTtl);
        }

        /** A reply limit fits an int, as core's {@code ReplyLimits} holds it. */
        @AssertTrue(message = "maxReplyBytes must be at most 2GiB") public boolean isReplyBytesInRange() {
            return maxReplyBytes <= Integer.MAX_VALUE;
        }
    }

    /**
     * {@code tenancy}.
     *
     * @param column the tenant column's name
     * @param entities per-entity overrides ({@code direct}, {@code via}, {@code shared}, {@code hidden}), which may
     *     only tighten
     */
    public record Tenancy(@NotBlank String column, Map<String, String> entities) {
        public Tenancy {
            Objects.requireNonNull(column, "column");
            entities = Map.copyOf(entities);
        }
    }

    /**
     * {@code entities.NAME}: an exposure override.
     *
     * @param exposure {@code hidden}, {@code read_only} or {@code read_write}; empty: the catalog's
     * @param allowSecret lets the file expose a table the catalog hides as a secret or system table
     * @param softDelete the soft-delete marker: rows so marked are never shown
     * @param columns per-column overrides, by column name
     */
    public record Entity(
            Optional<String> exposure,
            boolean allowSecret,
            Optional<SoftDelete> softDelete,
            Map<String, Column> columns) {
        public Entity {
            Objects.requireNonNull(exposure, "exposure");
            Objects.requireNonNull(softDelete, "softDelete");
            columns = Map.copyOf(columns);
        }
    }

    /**
     * {@code entities.NAME.softDelete}: {@code deleted_at}, {@code {column: deleted_at}}, or {@code false}. The
     * marker is a nullable timestamp (a row is deleted when it is set) or a boolean (deleted when true).
     *
     * @param column the marker column; empty ({@code softDelete: false}): no marker, even if a column looks like one
     */
    public record SoftDelete(Optional<String> column) {
        public SoftDelete {
            Objects.requireNonNull(column, "column");
        }
    }

    /**
     * {@code entities.NAME.columns.COLUMN}.
     *
     * @param exposure {@code visible}, {@code masked} or {@code hidden}
     * @param allowSecret lets the file show a column the catalog hides as a secret
     */
    public record Column(Optional<String> exposure, boolean allowSecret) {
        public Column {
            Objects.requireNonNull(exposure, "exposure");
        }
    }

    /**
     * {@code roles.NAME}: what a role may do.
     *
     * @param read the entities it may read; {@link Grant#all()} for {@code "*"}
     * @param create the entities it may create rows in
     * @param update the entities it may update
     * @param columns per entity, the only columns it may see or set; an entity not listed: all its exposed columns
     * @param rows per entity, the conditions ANDed into every read, preview and confirm
     * @param maxAffectedRows its own update cap; empty: {@code limits.maxAffectedRows}
     */
    public record Role(
            Grant read,
            Grant create,
            Grant update,
            Map<String, List<String>> columns,
            Map<String, List<@Valid RowCondition>> rows,
            Optional<@Min(1) Integer> maxAffectedRows) {
        public Role {
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(create, "create");
            Objects.requireNonNull(update, "update");
            columns = Map.copyOf(columns);
            rows = Map.copyOf(rows);
            Objects.requireNonNull(maxAffectedRows, "maxAffectedRows");
        }
    }

    /**
     * Which entities an intent of a role covers: every one ({@code "*"}), or those named.
     *
     * @param isAll whether every entity is covered
     * @param entities the entities covered when not all
     */
    public record Grant(boolean isAll, List<String> entities) {
        public Grant {
            entities = List.copyOf(entities);
        }

        /** {@code "*"}. */
        public static Grant all() {
            return new Grant(true, List.of());
        }

        /** Nothing: the key was not given. */
        public static Grant none() {
            return new Grant(false, List.of());
        }

        /** Whether this grant covers the entity. */
        public boolean covers(String entity) {
            return isAll || entities.contains(entity);
        }
    }

    /**
     * A row rule of a role: a declarative condition, never SQL.
     *
     * @param field the column
     * @param op one of the plan language's operators
     * @param value a literal (string, number, boolean or a list of them, as parsed); empty for {@code is_null}
     * @param claim instead of a literal, the name of a claim of the caller ({@code value: {claim: user_id}})
     */
    public record RowCondition(
            @NotBlank String field, @NotBlank String op, Optional<Object> value, Optional<String> claim) {
        public RowCondition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(claim, "claim");
        }
    }

    /**
     * {@code macros.NAME}: a named request.
     *
     * @param description what it does, for "what can I do?"
     * @param params its parameters, by name: {@code integer}, {@code number}, {@code text}, {@code date} or
     *     {@code month}, in the file's order
     * @param plan the plan in the {@code plan --json} shape, as parsed: maps, lists, strings, numbers, booleans
     */
    public record Macro(Optional<String> description, Map<String, String> params, Map<String, Object> plan) {
        public Macro {
            Objects.requireNonNull(description, "description");
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            plan = Collections.unmodifiableMap(new LinkedHashMap<>(plan));
        }
    }

    /**
     * {@code http}: the HTTP server.
     *
     * @param host the address to bind
     * @param port the port; 0 picks a free one
     * @param auth how callers are identified
     * @param rateLimits per user and per tenant
     * @param maxBodyBytes the largest request body
     * @param maxContextHeaderBytes the largest identity header
     * @param timeouts the deadlines of reading a request
     * @param authFailureAudit how refused identities are recorded per source
     * @param connectTargets the {@code host:port} entries {@code POST /admin/connect} may switch to
     * @param threads request threads: 0, a pool that grows and shrinks with the load; else exactly that many
     */
    public record Http(
            @NotBlank String host,
            @Min(0) @Max(65535) int port,
            @Valid Auth auth,
            RateLimits rateLimits,
            @Min(1024) long maxBodyBytes,
            @Min(1) long maxContextHeaderBytes,
            Timeouts timeouts,
            @Valid AuthFailureAudit authFailureAudit,
            List<String> connectTargets,
            @Min(0) @Max(10000) int threads) {
        public Http {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(rateLimits, "rateLimits");
            Objects.requireNonNull(timeouts, "timeouts");
            Objects.requireNonNull(authFailureAudit, "authFailureAudit");
            connectTargets = List.copyOf(connectTargets);
        }
    }

    /**
     * {@code http.timeouts}: how long reading a request may take (the HTTP adapter checks the ranges).
     *
     * @param idle the longest silence while reading a request
     * @param body the longest time reading a request body may take
     * @param headers how long a new connection may take to send its first request's headers
     * @param minBytesPerSecond the slowest average a body may arrive at
     */
    public record Timeouts(Duration idle, Duration body, Duration headers, long minBytesPerSecond) {
        public Timeouts {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(headers, "headers");
        }
    }

    /**
     * {@code http.authFailureAudit}: refused identities are recorded one by one up to {@code perSource} per
     * {@code window} and source, then as one flood record.
     *
     * @param perSource records per source and window
     * @param window the window
     */
    public record AuthFailureAudit(@Min(1) int perSource, Duration window) {
        public AuthFailureAudit {
            Objects.requireNonNull(window, "window");
        }
    }

    /**
     * {@code http.auth}.
     *
     * @param mode {@code dev}, {@code jwt} or {@code hmac}
     * @param forceDevOnNonLoopback allow the unsigned dev identity on a non-loopback address
     * @param jwt the JWT settings
     * @param hmac the HMAC settings
     */
    public record Auth(@NotBlank String mode, boolean forceDevOnNonLoopback, Jwt jwt, Hmac hmac) {
        public Auth {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(jwt, "jwt");
            Objects.requireNonNull(hmac, "hmac");
        }

        /** Mode jwt needs an issuer, an audience, and a secret or a JWKS. */
        @AssertTrue(
                message = "auth mode jwt needs http.auth.jwt.issuer, .audience, and .secret (HS256) or .jwks "
                        + "(TABLETALK_JWT_ISSUER, TABLETALK_JWT_AUDIENCE, TABLETALK_JWT_SECRET or TABLETALK_JWT_JWKS)")
        public boolean isJwtComplete() {
            return !mode.equals("jwt")
                    || (jwt.issuer().isPresent()
                            && jwt.audience().isPresent()
                            && (jwt.secret().isPresent() || jwt.jwks().isPresent()));
        }

        /** Mode hmac needs at least one key. */
        @AssertTrue(message = "auth mode hmac needs http.auth.hmac.keys (or TABLETALK_HMAC_KEYS)")
        public boolean isHmacComplete() {
            return !mode.equals("hmac") || !hmac.keys().isEmpty();
        }
    }

    /**
     * {@code http.auth.jwt}.
     *
     * @param issuer the expected {@code iss}
     * @param audience the expected {@code aud}
     * @param secret the HS256 secret (a secret)
     * @param jwks a JWKS file path or {@code http(s)} URL
     * @param clockSkew the clock skew accepted
     */
    public record Jwt(
            Optional<String> issuer,
            Optional<String> audience,
            Optional<String> secret,
            Optional<String> jwks,
            Duration clockSkew) {
        public Jwt {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(jwks, "jwks");
            Objects.requireNonNull(clockSkew, "clockSkew");
        }

        @Override
        public String toString() {
            return "Jwt[issuer=" + issuer.orElse("(none)") + ", audience=" + audience.orElse("(none)") + ", secret="
                    + masked(secret) + ", jwks=" + jwks.orElse("(none)") + ", clockSkew=" + clockSkew + "]";
        }
    }

    /**
     * {@code http.auth.hmac}.
     *
     * @param keys the secrets by key id (secrets)
     * @param maxSkew how old a signed header may be
     */
    public record Hmac(Map<String, String> keys, Duration maxSkew) {
        public Hmac {
            keys = Map.copyOf(keys);
            Objects.requireNonNull(maxSkew, "maxSkew");
        }

        @Override
        public String toString() {
            return "Hmac[keys=" + keys.keySet() + " (secrets ***), maxSkew=" + maxSkew + "]";
        }
    }

    /**
     * {@code http.rateLimits}.
     *
     * @param perUser requests one user may make
     * @param perTenant requests all users of one tenant may make
     */
    public record RateLimits(Rate perUser, Rate perTenant) {
        public RateLimits {
            Objects.requireNonNull(perUser, "perUser");
            Objects.requireNonNull(perTenant, "perTenant");
        }
    }

    /**
     * A rate such as {@code 30/min}.
     *
     * @param requests how many requests
     * @param period per this period
     */
    public record Rate(long requests, Duration period) {
        public Rate {
            Objects.requireNonNull(period, "period");
        }
    }

    /**
     * {@code sessions}.
     *
     * @param store {@code memory} (this process alone) or {@code jdbc} (the shared store at {@code url})
     * @param url the JDBC URL of the shared store, if any
     * @param user the shared store's user, when not in the URL
     * @param password the shared store's password (a secret)
     * @param idleTtl how long an unused conversation is kept
     * @param maxPerUser how many conversations one user may keep
     */
    public record Sessions(
            @NotBlank String store,
            Optional<String> url,
            Optional<String> user,
            Optional<String> password,
            Duration idleTtl,
            @Min(1) int maxPerUser) {
        public Sessions {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(idleTtl, "idleTtl");
        }

        /** Whether conversations are kept in the shared JDBC store rather than in this process. */
        public boolean isShared() {
            return store.equals("jdbc");
        }

        /** An idle time-to-live is positive. */
        @AssertTrue(message = "sessions.idleTtl must be positive") public boolean isIdleTtlPositive() {
            return positive(idleTtl);
        }

        /** The shared store has a URL, and a URL is not given to the in-memory store, where it would do nothing. */
        @AssertTrue(
                message = "sessions.store jdbc needs sessions.url (the shared store's JDBC URL), and sessions.url"
                        + " needs sessions.store jdbc: set both, or neither for this process's memory")
        public boolean isStoreConsistent() {
            return isShared() == url.isPresent();
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Sessions[store=" + store + ", url=" + url.orElse("") + ", user=" + user.orElse("")
                    + ", password=" + (password.isPresent() ? "***" : "") + ", idleTtl=" + idleTtl + ", maxPerUser="
                    + maxPerUser + "]";
        }
    }

    /**
     * {@code catalog}: what is read of the schema (schema-catalog's {@code CatalogOptions}).
     *
     * @param pollInterval re-read the schema this often; empty: off
     * @param schemas the schemas to read; empty: the connection's default
     * @param allowTables only these tables, when given
     * @param denyTables tables to hide
     * @param readOnlyTables tables to expose read-only
     * @param denyColumns columns to hide
     * @param maskedColumns columns shown masked; empty: the catalog's defaults
     * @param maxReadFields the most fields a read shows by default
     */
    public record Catalog(
            Optional<Duration> pollInterval,
            List<String> schemas,
            List<String> allowTables,
            List<String> denyTables,
            List<String> readOnlyTables,
            List<String> denyColumns,
            Optional<List<String>> maskedColumns,
            @Min(1) int maxReadFields) {
        public Catalog {
            Objects.requireNonNull(pollInterval, "pollInterval");
            schemas = List.copyOf(schemas);
            allowTables = List.copyOf(allowTables);
            denyTables = List.copyOf(denyTables);
            readOnlyTables = List.copyOf(readOnlyTables);
            denyColumns = List.copyOf(denyColumns);
            maskedColumns = maskedColumns.map(List::copyOf);
        }
    }

    /**
     * {@code mcp}.
     *
     * @param identity who a local (stdio) MCP client acts as
     */
    public record Mcp(Optional<McpIdentity> identity) {
        public Mcp {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * {@code mcp.identity}.
     *
     * @param user the user id
     * @param role the role
     * @param tenant the tenant
     */
    public record McpIdentity(Optional<String> user, Optional<String> role, Optional<String> tenant) {
        public McpIdentity {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * {@code admin}.
     *
     * @param token the operator token (a secret); without it the {@code /admin} routes do not exist
     */
    public record Admin(Optional<String> token) {
        public Admin {
            Objects.requireNonNull(token, "token");
        }

        /** An operator token is long enough to resist guessing. */
        @AssertTrue(message = "admin.token (TABLETALK_ADMIN_TOKEN) must be at least 32 characters long")
        public boolean isTokenLongEnough() {
            return token.map(t -> t.strip().length() >= 32).orElse(true);
        }

        @Override
        public String toString() {
            return "Admin[token=" + masked(token) + "]";
        }
    }

    private static boolean positive(Duration value) {
        return !value.isNegative() && !value.isZero();
    }

    /**
     * {@code sharedState}: the store several servers behind one load balancer share for what must hold across
     * all of them: the rate-limit buckets, the read-only switch, reloads and connects. Unset: one server, kept in
     * memory.
     *
     * @param url the JDBC URL of the store ({@code jdbc:postgresql:}, {@code jdbc:mariadb:} or {@code jdbc:h2:}),
     *     credentials as its parameters
     * @param key the key every server has (32 bytes, base64; a secret) that seals a connect URL with a password in
     *     the store; unset: such a connect is refused while the state is shared
     */
    public record SharedState(Optional<String> url, Optional<String> key) {
        public SharedState {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(key, "key");
        }

        /** The URL without its parameters, which may hold a password; the key masked. */
        @Override
        public String toString() {
            return "SharedState[url=" + url.map(u -> u.replaceAll("[?;].*", "")).orElse("(none)") + ", key="
                    + masked(key) + "]";
        }
    }
}
