package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Http.chatBody;
import static dev.tabletalk.securitytests.Http.confirmBody;
import static dev.tabletalk.securitytests.Http.devContext;
import static dev.tabletalk.securitytests.Http.headers;
import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.HmacSettings;
import dev.tabletalk.identity.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The catalogue over HTTP: the real server of adapter-http-javalin on a free loopback port, in dev,
 * JWT (RS256 from a JWKS file) and HMAC identity modes, with real headers; the HDR, JWT, HMAC, CNF
 * and SIZE cases and a sample of the plan-level ones, with the global checks where they apply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpCatalogueIT {

    private static final String EDITOR = devContext("u-1001", "editor", 101);
    private static final String VIEWER = devContext("u-1002", "viewer", 101);
    private static final String HMAC_SECRET = "hmac-secret-for-the-security-suite-0123456789";

    private SecureShop shop;
    private HttpServer devServer;
    private HttpServer jwtServer;
    private HttpServer hmacServer;
    private HttpServer limitedServer;
    private Http dev;
    private Http jwt;
    private Http hmac;
    private Http limited;
    private KeyPair idpKeys;

    @BeforeAll
    void start() throws Exception {
        shop = SecureShop.start("http");
        shop.script("show customers", Plans.read("customers"));
        shop.script("show customer 9001", Plans.read("customers", eq("id", 9001)));
        shop.script("show users_auth", Plans.read("users_auth"));
        shop.script(
                "set customer 5 status to blocked",
                Plans.update("customers", fields("status", "blocked"), eq("id", 5)));
        shop.script("delete every customer", Plans.refused(RefusalCode.DELETE_NOT_ALLOWED));
        HttpConfig.RateLimit generous = HttpConfig.RateLimit.perMinute(100_000);
        devServer = server(HttpConfig.builder()
                .port(0)
                .authMode(AuthMode.DEV)
                .userRateLimit(generous)
                .tenantRateLimit(generous)
                .build());
        idpKeys = Tokens.rsa();
        jwtServer = server(HttpConfig.builder()
                .port(0)
                .userRateLimit(generous)
                .tenantRateLimit(generous)
                .jwt(JwtSettings.withJwksFile(Tokens.ISSUER, Tokens.AUDIENCE, Tokens.jwksFile(idpKeys)))
                .build());
        hmacServer = server(HttpConfig.builder()
                .port(0)
                .userRateLimit(generous)
                .tenantRateLimit(generous)
                .hmac(HmacSettings.of("k1", HMAC_SECRET))
                .build());
        limitedServer = server(HttpConfig.builder()
                .port(0)
                .authMode(AuthMode.DEV)
                .userRateLimit(HttpConfig.RateLimit.perMinute(5))
                .tenantRateLimit(generous)
                .build());
        dev = new Http(devServer.port());
        jwt = new Http(jwtServer.port());
        hmac = new Http(hmacServer.port());
        limited = new Http(limitedServer.port());
    }

    private HttpServer server(HttpConfig config) {
        // these cases count one audit record per refused request: the flood threshold (PUB-105, see
        // HttpAvailabilityIT) is set above the number of refusals they send from 127.0.0.1
        return HttpServers.start(
                shop.tableTalk,
                new HttpConfig(
                        config.host(),
                        config.port(),
                        config.authMode(),
                        config.forceDevOnNonLoopback(),
                        config.jwt(),
                        config.hmac(),
                        config.userRateLimit(),
                        config.tenantRateLimit(),
                        config.maxBodyBytes(),
                        config.maxContextHeaderBytes(),
                        config.timeouts(),
                        new HttpConfig.AuthFailureAudit(10_000, Duration.ofMinutes(1)),
                        config.adminToken(),
                        config.connectTargets(),
                        config.threads()));
    }

    @AfterAll
    void stop() {
        for (HttpServer server : new HttpServer[] {devServer, jwtServer, hmacServer, limitedServer}) {
            if (server != null) {
                server.close();
            }
        }
        if (shop != null) {
            shop.close();
        }
    }

    /** The facts before a case, and the checks after it. */
    private final class Case {
        final long audit = shop.auditTurns();
        final String state = shop.checksum();
        final int plannerCalls = shop.planner.calls();
        final List<Http.Response> responses = new ArrayList<>();

        Http.Response add(Http.Response response) {
            responses.add(response);
            return response;
        }

        /** An identity refusal: 400/401/431, a problem body that echoes nothing, no planner call, nothing changed. */
        void assertAuthRefused(Http.Response response, String... notEchoed) {
            assertThat(response.status())
                    .as(
                            "%s -> %s",
                            String.join(" ", notEchoed),
                            response.body()
                                    .substring(0, Math.min(200, response.body().length())))
                    .isIn(400, 401, 431);
            for (String value : notEchoed) {
                if (value.length() > 3) {
                    assertThat(response.body()).doesNotContain(value);
                }
            }
            assertLeakFree(response);
            assertThat(shop.planner.calls()).as("no planner call").isEqualTo(plannerCalls);
            assertThat(shop.checksum()).isEqualTo(state);
            assertThat(shop.forbiddenStatements()).isEmpty();
            // G4: one auth_failed record per refused request (a 431 is Jetty's own answer to an oversized
            // header, before any route runs)
            long expected = responses.stream().filter(r -> r.status() != 431).count();
            assertThat(shop.auditTurns() - audit).as("G4 auth_failed records").isEqualTo(expected);
            assertThat(shop.audit.verify().isIntact()).isTrue();
        }

        /** G1-G7 for chat turns that passed identity: one audit entry each, nothing changed. */
        void assertGlobal(int turns, boolean changed) {
            assertThat(shop.forbiddenStatements()).as("G1").isEmpty();
            for (Http.Response response : responses) {
                assertLeakFree(response);
                for (String value : CaseRun.OTHER_TENANT_VALUES) {
                    assertThat(response.body()).as("G2").doesNotContain(value);
                }
                String body = response.body().replace(CaseRun.SEEDED_PRODUCT_NAME, "");
                for (String name : List.of("password_hash", "api_tokens", "app_secrets", "HASH-SECRET")) {
                    assertThat(body).as("G3").doesNotContain(name);
                }
                if (response.status() == 200 && response.json().path("rows").isArray()) {
                    assertThat(response.json().path("rows").size()).as("G7").isLessThanOrEqualTo(100);
                }
            }
            assertThat(shop.auditTurns() - audit).as("G4").isEqualTo(turns);
            assertThat(shop.audit.verify().isIntact()).as("G4 chain").isTrue();
            if (!changed) {
                assertThat(shop.checksum()).as("G6").isEqualTo(state);
            }
        }
    }

    private static void assertLeakFree(Http.Response response) {
        assertThat(response.body()).as("G5").doesNotContain("ERROR:");
        for (String leak : List.of(
                "SQLState",
                "org.postgresql",
                "org.jooq",
                "at dev.tabletalk",
                "Exception",
                "jdbc:",
                ":5432",
                "CANARY",
                "insert into",
                "update customers set",
                "Jetty",
                "javalin")) {
            assertThat(response.body()).as("G5 %s", leak).doesNotContainIgnoringCase(leak);
        }
        assertThat(response.headers().getOrDefault("server", "")).doesNotContainIgnoringCase("jetty");
    }

    // ---------------------------------------------------------------- HDR (dev identity)

    @Test
    @Tag("invariant-7")
    void pub028To037_malformedDevContextsAreRefusedBeforeAnyTurn() {
        String body = chatBody(null, "show customers");
        List<String> contexts = List.of(
                "%%%not-base64%%%",
                "aGVsbG8=",
                "W10=",
                "eyJ1c2VyX3JvbGUiOiJlZGl0b3IiLCJjb21wYW55X2lkIjoxMDF9",
                "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIn0=",
                "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6IjEwMSJ9",
                "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6WzEwMSwyMDJdfQ==",
                "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6MTAxLCJjb21wYW55X2lkIjoyMDJ9",
                // variants: null, fraction, empty user, nested object, base64url alphabet, huge number, trailing data
                Http.encode("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":null}"),
                Http.encode("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101.5}"),
                Http.encode("{\"user_id\":\"\",\"user_role\":\"editor\",\"company_id\":101}"),
                Http.encode("{\"user_id\":{\"$ne\":1},\"user_role\":\"editor\",\"company_id\":101}"),
                Http.encode("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":1e2}"),
                Http.encode(
                        "{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101,\"user_id\":\"u-2001\"}"),
                Http.encode("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":99999999999999999999999}"),
                Http.encode("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101} trailing"),
                EDITOR + "%%",
                " " + EDITOR.substring(0, 10),
                "");
        for (String context : contexts) {
            Case c = new Case();
            Http.Response response =
                    c.add(dev.post("/chat", context.isEmpty() ? headers() : headers("X-User-Context", context), body));
            c.assertAuthRefused(response, context);
        }
        // PUB-037: 64 KB context
        String pad = "p".repeat(48 * 1024);
        String huge = Http.encode(
                "{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101,\"pad\":\"" + pad + "\"}");
        Case c = new Case();
        c.assertAuthRefused(c.add(dev.post("/chat", headers("X-User-Context", huge), body)), pad.substring(0, 100));
    }

    @Test
    void pub038_aViewerIsRefusedAnUpdateOverHttp() {
        Case c = new Case();
        Http.Response response = c.add(dev.post(
                "/chat", headers("X-User-Context", VIEWER), chatBody(null, "set customer 5 status to blocked")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.refusalCode()).isEqualTo("role_forbids");
        assertThat(response.json().path("preview").isNull()).isTrue();
        c.assertGlobal(1, false);
        assertThat(shop.audit.queries().entry(shop.auditCount()).orElseThrow().userContext())
                .contains("viewer");
    }

    @Test
    void pub039_devIdentityRefusesToStartOnAPublicAddress() {
        Assertions.assertThatThrownBy(() -> HttpServers.start(
                        shop.tableTalk,
                        HttpConfig.builder()
                                .host("0.0.0.0")
                                .port(0)
                                .authMode(AuthMode.DEV)
                                .build()))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void pub039_theDevHeaderMeansNothingToAJwtServer() {
        Case c = new Case();
        c.assertAuthRefused(
                c.add(jwt.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "show customers"))), EDITOR);
    }

    // ---------------------------------------------------------------- JWT

    @Test
    void pub040To048_forgedOrIncompleteTokensAreRefused() {
        long exp = 4102444800L;
        String admin202 = Tokens.claims("u-1001", "admin", "202", exp);
        String good = Tokens.claims("u-1001", "editor", "101", Tokens.inOneHour());
        KeyPair attacker = Tokens.rsa();
        List<String> tokens = List.of(
                // 040 alg none
                "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1LTEwMDEiLCJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiYWRtaW4i"
                        + "LCJjb21wYW55X2lkIjoyMDIsImlzcyI6Imh0dHBzOi8vaWRwLmV4YW1wbGUudGVzdCIsImF1ZCI6ImRiLWFnZW50IiwiZXhwIjo0MTAy"
                        + "NDQ0ODAwfQ.",
                Tokens.unsigned("{\"alg\":\"NONE\",\"typ\":\"JWT\"}", admin202),
                Tokens.unsigned("{\"alg\":\"nOnE\"}", good),
                // 041 key confusion: HS256 keyed with the RSA public key's PEM, the real kid
                Tokens.hs256(
                        Tokens.pem(idpKeys).getBytes(StandardCharsets.UTF_8),
                        "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + Tokens.KID + "\"}",
                        admin202),
                Tokens.hs256(
                        idpKeys.getPublic().getEncoded(),
                        "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + Tokens.KID + "\"}",
                        good),
                // 042 expired
                Tokens.rs256(
                        idpKeys,
                        Tokens.KID,
                        Tokens.claims("u-1001", "editor", "101", System.currentTimeMillis() / 1000 - 120)),
                // 043 no exp
                Tokens.rs256(
                        idpKeys,
                        Tokens.KID,
                        "{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101," + "\"iss\":\""
                                + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\"}"),
                // 044 other aud, no aud
                Tokens.rs256(idpKeys, Tokens.KID, good.replace("db-agent", "some-other-service")),
                Tokens.rs256(idpKeys, Tokens.KID, good.replace(",\"aud\":\"db-agent\"", "")),
                // 045 attacker issuer and key; attacker key under the real kid
                Tokens.rs256(attacker, "attacker-kid", good.replace(Tokens.ISSUER, "https://attacker.example")),
                Tokens.rs256(attacker, Tokens.KID, admin202),
                // 046 kid path traversal, empty HMAC key
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ii4uLy4uLy4uLy4uLy4uLy4uL2Rldi9udWxsIn0.eyJzdWIiOiJ1LTEwMDEi"
                        + "LCJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiYWRtaW4iLCJjb21wYW55X2lkIjoyMDIsImlzcyI6Imh0dHBzOi8vaWRwLmV4"
                        + "YW1wbGUudGVzdCIsImF1ZCI6ImRiLWFnZW50IiwiZXhwIjo0MTAyNDQ0ODAwfQ.SgB6KnEnJqGVnUV7A4S3Oo5xyZuXjM3VBXdJUFFfpdY",
                // 047 signature stripped
                stripSignature(Tokens.rs256(idpKeys, Tokens.KID, good)),
                // 048 no company_id; company_id as a string
                Tokens.rs256(idpKeys, Tokens.KID, good.replace(",\"company_id\":101", "")),
                Tokens.rs256(idpKeys, Tokens.KID, Tokens.claims("u-1001", "editor", "\"202\"", Tokens.inOneHour())),
                // a valid token's payload swapped for another tenant's
                swapPayload(Tokens.rs256(idpKeys, Tokens.KID, good), admin202));
        for (String token : tokens) {
            Case c = new Case();
            c.assertAuthRefused(
                    c.add(jwt.post(
                            "/chat", headers("Authorization", "Bearer " + token), chatBody(null, "show customers"))),
                    token);
        }
        // the control: a correctly signed token works and sees only its tenant
        Case c = new Case();
        Http.Response ok = c.add(jwt.post(
                "/chat",
                headers("Authorization", "Bearer " + Tokens.rs256(idpKeys, Tokens.KID, good)),
                chatBody(null, "show customers")));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("rows").size()).isEqualTo(100);
        c.assertGlobal(1, false);
    }

    private static String stripSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    private static String swapPayload(String token, String claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Tokens.b64(claims) + "." + parts[2];
    }

    // ---------------------------------------------------------------- HMAC

    @Test
    void pub049To051_signedContextsResistReplayStalenessAndSwaps() {
        String body = chatBody(null, "show customers");
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> valid = signed(now, "nonce-" + now + "-a", body, EDITOR);
        Case first = new Case();
        Http.Response ok = first.add(hmac.post("/chat", valid, body));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        first.assertGlobal(1, false);
        // 049 replay
        Case replay = new Case();
        Http.Response replayed = replay.add(hmac.post("/chat", valid, body));
        replay.assertAuthRefused(replayed);
        assertThat(replayed.body()).contains("replayed_nonce");
        // 050 stale both ways
        for (long ts : List.of(now - 600, now + 600)) {
            Case stale = new Case();
            Http.Response response = stale.add(hmac.post("/chat", signed(ts, "nonce-stale-" + ts, body, EDITOR), body));
            stale.assertAuthRefused(response);
            assertThat(response.body()).contains("stale_timestamp");
        }
        // 051 context swapped for company 202; body swapped; method/path not covered
        String other = "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6MjAyfQ==";
        Map<String, String> swapped = new LinkedHashMap<>(signed(now, "nonce-" + now + "-b", body, EDITOR));
        swapped.put("X-User-Context", other);
        Case swap = new Case();
        Http.Response response = swap.add(hmac.post("/chat", swapped, body));
        swap.assertAuthRefused(response, other);
        assertThat(response.body()).contains("bad_signature");
        Case bodySwap = new Case();
        bodySwap.assertAuthRefused(bodySwap.add(hmac.post(
                "/chat",
                signed(now, "nonce-" + now + "-c", body, EDITOR),
                chatBody(null, "set customer 5 status to blocked"))));
        Case unknownKey = new Case();
        Map<String, String> wrongKey = new LinkedHashMap<>(signed(now, "nonce-" + now + "-d", body, EDITOR));
        wrongKey.put("X-Ctx-Key-Id", "k2");
        unknownKey.assertAuthRefused(unknownKey.add(hmac.post("/chat", wrongKey, body)));
    }

    private static Map<String, String> signed(long ts, String nonce, String body, String context) {
        return headers(
                "X-Ctx-Key-Id",
                "k1",
                "X-Ctx-Timestamp",
                Long.toString(ts),
                "X-Ctx-Nonce",
                nonce,
                "X-Ctx-Signature",
                Tokens.hmacSignature(HMAC_SECRET, ts, nonce, "POST", "/chat", body, context),
                "X-User-Context",
                context);
    }

    // ---------------------------------------------------------------- sample of plan-level cases over HTTP

    @Test
    @Tag("invariant-6")
    void samplePlanCasesBehaveTheSameOverHttp() {
        Case c = new Case();
        Http.Response all =
                c.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "show customers")));
        assertThat(all.json().path("rows").size()).isEqualTo(100);
        assertThat(all.json().path("more").asBoolean()).isTrue();
        Http.Response other =
                c.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "show customer 9001")));
        assertThat(other.json().path("rows").size()).isZero();
        Http.Response hidden =
                c.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "show users_auth")));
        assertThat(hidden.refusalCode()).isEqualTo("unknown_entity");
        Http.Response delete =
                c.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "delete every customer")));
        assertThat(delete.refusalCode()).isEqualTo("delete_not_allowed");
        c.assertGlobal(4, false);
        // the schema route names nothing hidden
        Http.Response schema = dev.get("/schema", headers("X-User-Context", EDITOR));
        assertThat(schema.status()).isEqualTo(200);
        for (String name : List.of("users_auth", "api_tokens", "password_hash", "app_secrets", "flyway")) {
            assertThat(schema.body().toLowerCase(Locale.ROOT)).doesNotContain(name);
        }
    }

    // ---------------------------------------------------------------- CNF

    @Test
    @Tag("invariant-4")
    void pub069To074_confirmsOverHttpAreSingleUseAndBoundToSessionAndUser() throws Exception {
        shop.script("note customer 110", Plans.update("customers", fields("notes", "http PUB-069"), eq("id", 110)));
        Case c = new Case();
        Http.Response preview =
                c.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "note customer 110")));
        String session = preview.sessionId();
        String id = preview.previewId();
        // 073 another user of the same tenant; 072 another session; 074 forged ids; other tenant
        c.add(dev.post("/chat", headers("X-User-Context", VIEWER), confirmBody(session, id)));
        c.add(dev.post(
                "/chat", headers("X-User-Context", devContext("u-2001", "editor", 202)), confirmBody(session, id)));
        Http.Response otherSession =
                c.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "hello")));
        c.add(dev.post("/chat", headers("X-User-Context", EDITOR), confirmBody(otherSession.sessionId(), id)));
        for (String forged : List.of("pa_000001", id.substring(0, id.length() - 1) + "x", "pv_")) {
            c.add(dev.post("/chat", headers("X-User-Context", EDITOR), confirmBody(session, forged)));
        }
        assertThat(shop.queryLong("select count(*) from customers where notes = 'http PUB-069'"))
                .isZero();
        // 070: 20 parallel confirms, exactly one commits
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Http.Response> confirms = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return dev.post("/chat", headers("X-User-Context", EDITOR), confirmBody(session, id));
                }));
            }
            go.countDown();
            for (Future<Http.Response> future : futures) {
                confirms.add(c.add(future.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(confirms).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(confirms.stream().filter(r -> r.refusalCode().isEmpty()).count())
                .isEqualTo(1);
        // 069: once more after the commit
        Http.Response again = c.add(dev.post("/chat", headers("X-User-Context", EDITOR), confirmBody(session, id)));
        assertThat(again.refusalCode()).isNotEmpty();
        assertThat(shop.queryLong("select count(*) from customers where notes = 'http PUB-069'"))
                .isEqualTo(1);
        assertThat(shop.queryString("select version from customers where id = 110"))
                .isNotNull();
        c.assertGlobal(c.responses.size(), true);
    }

    // ---------------------------------------------------------------- SIZE

    @Test
    void pub080And081_oversizedMessagesAreRefusedBeforeThePlanner() {
        Case huge = new Case();
        Http.Response response =
                huge.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, "a".repeat(1_000_000))));
        assertThat(response.status()).isEqualTo(413);
        assertThat(shop.planner.calls()).isEqualTo(huge.plannerCalls);
        assertLeakFree(response);
        String emoji = "\uD83D\uDE00";
        String exact = "b".repeat(shop.limits.maxMessageChars() - 1) + emoji;
        String over = "b".repeat(shop.limits.maxMessageChars()) + emoji;
        Case sized = new Case();
        Http.Response accepted = sized.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, exact)));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.refusalCode()).isNotEqualTo("message_too_long");
        int callsBefore = shop.planner.calls();
        Http.Response refused = sized.add(dev.post("/chat", headers("X-User-Context", EDITOR), chatBody(null, over)));
        assertThat(refused.refusalCode()).isEqualTo("message_too_long");
        assertThat(shop.planner.calls()).isEqualTo(callsBefore);
        sized.assertGlobal(2, false);
    }

    @Test
    void pub082_theRateLimitStopsOneUserAndNotAnotherTenant() {
        String body = chatBody(null, "show customer 9001");
        int limitedCount = 0;
        int callsBefore = shop.planner.calls();
        for (int i = 0; i < 8; i++) {
            Http.Response response = limited.post("/chat", headers("X-User-Context", EDITOR), body);
            if (response.status() == 429) {
                limitedCount++;
                assertThat(response.headers()).containsKey("retry-after");
            } else {
                assertThat(response.status()).isEqualTo(200);
            }
        }
        assertThat(limitedCount).isEqualTo(3);
        assertThat(shop.planner.calls() - callsBefore).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(limited.post("/chat", headers("X-User-Context", devContext("u-2001", "editor", 202)), body)
                            .status())
                    .isEqualTo(200);
        }
    }
}
