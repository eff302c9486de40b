package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Http.chatBody;
import static dev.tabletalk.securitytests.Http.devContext;
import static dev.tabletalk.securitytests.Http.headers;
import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.rows.TruncatedText;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.identity.AuthMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The output cases of the second audit on the real stack (PostgreSQL, launcher, HTTP server): PUB-106,
 * a read of 100 rows with 1 MiB of text each (product names) is answered within the reply limit, every cut value marked
 * with its full length, on the engine's reply and on {@code POST /chat} alike; G1-G7 after each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputCatalogueIT {

    private static final int ONE_MIB = 1_048_576;

    private SecureShop shop;
    private HttpServer server;
    private Http http;

    @BeforeAll
    void start() {
        shop = SecureShop.start("output");
        // 100 products of company 101 whose names hold 1 MiB each: the newest, read first below
        shop.harnessSql("insert into products (id, company_id, sku, name) select 50000 + g, 101, 'BIG-' || g, "
                + "repeat('n', " + ONE_MIB + ") from generate_series(1, 100) g");
        shop.script("show the newest products", Plans.readSorted("products", Sort.descending("id")));
        HttpConfig.RateLimit generous = HttpConfig.RateLimit.perMinute(100_000);
        server = HttpServers.start(
                shop.tableTalk,
                HttpConfig.builder()
                        .port(0)
                        .authMode(AuthMode.DEV)
                        .userRateLimit(generous)
                        .tenantRateLimit(generous)
                        .build());
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    @Tag("PUB-106")
    void pub106_aReadOfHundredMebibyteRowsIsBoundedAndEveryCutIsMarked() throws Exception {
        CaseRun run = new CaseRun(shop);
        Reply reply = run.say(EDITOR, Optional.empty(), "show the newest products");

        ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow(() -> new AssertionError(reply));
        assertThat(rows.rows().size()).isEqualTo(100);
        assertThat(rows.rowsOmitted()).isZero();
        assertThat(rows.cellsTruncated()).as(reply.text()).isEqualTo(100);
        assertThat(rows.rows().rows())
                .allSatisfy(row -> assertThat(row.get("name"))
                        .isEqualTo(new TruncatedText("n".repeat(ReplyLimits.DEFAULT_MAX_CELL_CHARS), ONE_MIB)));
        assertThat(reply.text()).contains("100 values are longer than 4096 characters");
        byte[] wire = Http.write(ReplyWire.toMap(reply)).getBytes(StandardCharsets.UTF_8);
        assertThat(wire.length).as("the reply as JSON").isLessThanOrEqualTo(ReplyLimits.DEFAULT_MAX_REPLY_BYTES);
        run.assertGlobal();
    }

    @Test
    @Tag("PUB-106")
    void pub106_overHttpTheBodyIsBoundedAndCarriesTheMarker() {
        long auditBefore = shop.auditCount();

        Http.Response response = http.post(
                "/chat",
                headers("X-User-Context", devContext("u-1001", "editor", 101), "Content-Type", "application/json"),
                chatBody(null, "show the newest products"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ReplyLimits.DEFAULT_MAX_REPLY_BYTES);
        JsonNode json = response.json();
        assertThat(json.get("rows")).hasSize(100);
        JsonNode name = json.get("rows").get(0).get("name");
        assertThat(name.get("truncated").asBoolean()).isTrue();
        assertThat(name.get("length").asLong()).isEqualTo(ONE_MIB);
        assertThat(name.get("text").asText()).hasSize(ReplyLimits.DEFAULT_MAX_CELL_CHARS);
        assertThat(json.get("trimmed"))
                .isEqualTo(Http.JSON.valueToTree(Map.of("rowsOmitted", 0, "cellsTruncated", 100)));
        assertThat(shop.auditCount() - auditBefore).as("G4").isEqualTo(1);
    }
}
