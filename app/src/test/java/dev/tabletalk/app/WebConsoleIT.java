package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console end to end: {@code tabletalk serve} as a process on a PostgreSQL shop of its own, driven in
 * Debian's Chromium through its chromedriver (Selenium Manager never downloads anything: both paths are given).
 * Reads, a create that asks for a missing field, an update previewed and confirmed (the row changes once) or
 * cancelled (nothing changes), a refusal, values that look like HTML shown as text, a reload that keeps the
 * conversation, a rate-limited schema and chat shown as errors with when to retry, the 360 px layout, and an axe-core
 * scan of both themes with no serious or critical issue.
 *
 * <p>Skipped, with a message that says what to install, only when no Chromium or chromedriver is installed. With
 * {@code -Dconsole.screenshots=DIR} (e.g. {@code ../docs/console} from the app module) it writes screenshots of the
 * main views there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConsoleIT {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<Path> CHROMIUM =
            List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ShopDatabase shop;
    private ServedJar served;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        Optional<Path> chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(
                chromium.isPresent() && Files.isExecutable(CHROMEDRIVER),
                "no Chromium with chromedriver installed: the web console's browser tests need Debian's chromium and "
                        + "chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        shop = ShopDatabase.create("tt_console_");
        try (Connection connection = shop.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("update customers set name = '" + XSS + "', phone = null where id = 3");
            // place-like columns, so that "suppliers from Germany" is a clarifying question
            statement.execute("create table suppliers (id bigint primary key, company_id bigint not null,"
                    + " name varchar(100) not null, country varchar(60), city varchar(60), region varchar(60))");
            statement.execute("insert into suppliers values (1, " + ShopFixture.TENANT
                    + ", 'Hansa Foods', 'Germany', 'Hamburg', null), (2, " + ShopFixture.TENANT
                    + ", 'Lyon Mills', 'France', 'Lyon', null), (3, " + ShopFixture.OTHER_TENANT
                    + ", 'Another Tenant GmbH', 'Germany', 'Berlin', null)");
        }
        served = ServedJar.start(
                List.of("serve", "--db", shop.userUrl(), "--port", "0", "--audit-db", TableTalkJar.memoryAuditStore()),
                // every test is one user of one tenant: on a fast machine the 15 tests' schema reads and turns went
                // past the default 30 requests a minute, and a 429 on /schema left the schema panel empty
                Map.of(
                        "TABLETALK_HTTP_RATE_LIMITS_PER_USER",
                        "1000/min",
                        "TABLETALK_HTTP_RATE_LIMITS_PER_TENANT",
                        "1000/min"));
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (served != null) {
                    served.close();
                }
            } finally {
                if (shop != null) {
                    shop.close();
                }
            }
        }
    }

    /** Each test starts a fresh conversation as an editor of the shop's tenant, in the light theme, 1280 px wide. */
    @BeforeEach
    void freshConversation() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(served.base().resolve("/").toString());
        script("sessionStorage.clear(); localStorage.setItem('tabletalk.console.theme', 'light');");
        browser.navigate().refresh();
        waitUntil(() -> "true".equals(script("return document.body.dataset.ready || ''")));
        fill("identity-user", "u-1001");
        fill("identity-role", "editor");
        fill("identity-tenant", Long.toString(ShopFixture.TENANT));
        waitUntil(() -> !browser.findElements(By.cssSelector("[data-testid=schema-entity]"))
                .isEmpty());
    }

    @Test
    void aReadIsASortableTableWithNumbersRightAlignedNullsVisibleAndShowMore() {
        WebElement reply = send("show customers");
        WebElement table = reply.findElement(By.cssSelector("[data-testid=rows-table]"));
        List<WebElement> ids = table.findElements(By.cssSelector("tbody tr td:first-child"));
        assertThat(ids).hasSizeGreaterThan(1);
        assertThat(ids.get(0).getAttribute("class")).contains("num");
        assertThat(ids.get(0).getCssValue("text-align")).isEqualTo("right");

        WebElement idHeader = table.findElement(By.cssSelector("thead th:first-child"));
        idHeader.findElement(By.tagName("button")).click();
        idHeader.findElement(By.tagName("button")).click();
        assertThat(idHeader.getAttribute("aria-sort")).isEqualTo("descending");
        List<Long> sorted = table.findElements(By.cssSelector("tbody tr td:first-child")).stream()
                .map(cell -> Long.parseLong(cell.getText()))
                .toList();
        assertThat(sorted).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        screenshot("read", reply);

        int before = replies().size();
        reply.findElement(By.cssSelector("[data-testid=show-more]")).click();
        WebElement more = awaitReply(before + 1);
        assertThat(more.findElements(By.cssSelector("[data-testid=rows-table]")))
                .hasSize(1);

        WebElement three = send("show customer 3");
        assertThat(three.findElements(By.cssSelector("[data-testid=rows-table] .null")))
                .extracting(WebElement::getText)
                .contains("null");
    }

    @Test
    void anAggregateWithOneGroupColumnIsATableAndABarChartOfItsRows() {
        WebElement reply = send("how many customers per status");
        List<WebElement> rows = reply.findElements(By.cssSelector("[data-testid=rows-table] tbody tr"));
        WebElement chart = reply.findElement(By.cssSelector("[data-testid=chart]"));
        assertThat(chart.findElements(By.cssSelector("rect"))).hasSize(rows.size());
        screenshot("aggregate-chart", reply);
    }

    @Test
    void aCreateAsksForTheMissingFieldsThenPreviewsAndConfirmsValuesThatLookLikeHtmlAsText() throws Exception {
        WebElement asked = send("add a product");
        List<WebElement> missing = asked.findElements(By.cssSelector("[data-testid=missing-field]"));
        assertThat(missing)
                .extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).startsWith("sku (text"));
        send("WEB-1");
        WebElement preview = send(XSS).findElement(By.cssSelector("[data-testid=preview]"));
        assertThat(preview.getText()).contains(XSS);
        screenshot("create-preview", preview);
        preview.findElement(By.cssSelector("[data-testid=confirm-button]")).click();
        WebElement done = awaitReply(replies().size() + 1);
        assertThat(done.findElements(By.cssSelector("[data-testid=refusal], [data-testid=error]")))
                .isEmpty();
        assertThat(queryOne("select name from products where sku = 'WEB-1' and company_id = " + ShopFixture.TENANT))
                .isEqualTo(XSS);

        WebElement read = send("show products where sku is WEB-1");
        assertThat(read.findElement(By.cssSelector("[data-testid=rows-table]")).getText())
                .contains(XSS);
        assertNoMarkupRan();
    }

    @Test
    void aValueThatLooksLikeHtmlIsShownAsTextInRowsAndInTheMessage() throws Exception {
        WebElement reply = send("show customer 3");
        assertThat(reply.findElement(By.cssSelector("[data-testid=rows-table]")).getText())
                .contains(XSS);
        assertThat(browser.findElement(By.id("conversation")).getText()).contains("show customer 3");
        send("show customers where name is " + XSS);
        assertNoMarkupRan();
    }

    @Test
    void anUpdatePreviewsBeforeAndAfterAndConfirmChangesTheRowOnce() throws Exception {
        assertThat(queryOne("select status from customers where id = 7")).isNotEqualTo("blocked");
        long blocked = count("select count(*) from customers where status = 'blocked'");
        WebElement preview =
                send("set the status of customer 7 to blocked").findElement(By.cssSelector("[data-testid=preview]"));
        WebElement changed = preview.findElement(By.cssSelector("tr.changed"));
        assertThat(changed.getText()).contains("status", "blocked");
        screenshot("update-preview", preview);
        int before = replies().size();
        preview.findElement(By.cssSelector("[data-testid=confirm-button]")).click();
        awaitReply(before + 1);
        assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-button]"))
                        .isEnabled())
                .as("a preview is confirmed once")
                .isFalse();
        assertThat(queryOne("select status from customers where id = 7")).isEqualTo("blocked");
        assertThat(count("select count(*) from customers where status = 'blocked'"))
                .isEqualTo(blocked + 1);
    }

    @Test
    void cancelLeavesTheRowAsItWas() throws Exception {
        Object status = queryOne("select status from customers where id = 8");
        WebElement preview =
                send("set the status of customer 8 to blocked").findElement(By.cssSelector("[data-testid=preview]"));
        int before = replies().size();
        preview.findElement(By.cssSelector("[data-testid=cancel-button]")).click();
        WebElement cancelled = awaitReply(before + 1);
        assertThat(cancelled.getAttribute("data-stage")).isEqualTo("IDLE");
        assertThat(queryOne("select status from customers where id = 8")).isEqualTo(status);
    }

    @Test
    void aClarifyingQuestionOffersItsChoicesAsButtonsAndAClickAnswersIt() {
        WebElement asked = send("suppliers from Germany");
        assertThat(asked.getText()).contains("'Germany': country or city?");
        List<WebElement> choices = asked.findElements(By.cssSelector("[data-testid=choice]"));
        assertThat(choices).extracting(WebElement::getText).containsExactly("1. country", "2. city");

        int before = replies().size();
        choices.get(0).click();
        WebElement answered = awaitReply(before + 1);
        List<WebElement> names = answered.findElements(By.cssSelector("[data-testid=rows-table] tbody tr"));
        assertThat(names).hasSize(1);
        assertThat(names.get(0).getText()).contains("Hansa Foods").doesNotContain("Another Tenant");
        assertThat(answered.getText()).contains("country");
        // the question is answered: its choices can no longer be clicked
        assertThat(replies().get(before - 1).findElements(By.cssSelector("[data-testid=choice]")))
                .hasSize(2)
                .allSatisfy(choice -> assertThat(choice.isEnabled()).isFalse());
    }

    @Test
    void inJwtModeTheTokenIsUsedFromMemoryOnlyAndAskedForAgainAfterAReload() throws Exception {
        String issuer = "https://idp.example.test";
        String secret = "a-shared-hs256-secret-of-more-than-32-bytes";
        String token = jwt(issuer, secret);
        try (ServedJar jwtServed = ServedJar.start(
                List.of(
                        "serve",
                        "--db",
                        shop.userUrl(),
                        "--port",
                        "0",
                        "--auth",
                        "jwt",
                        "--audit-db",
                        TableTalkJar.memoryAuditStore()),
                Map.of(
                        "TABLETALK_JWT_ISSUER",
                        issuer,
                        "TABLETALK_JWT_AUDIENCE",
                        "db-agent",
                        "TABLETALK_JWT_SECRET",
                        secret))) {
            browser.get(jwtServed.base().resolve("/").toString());
            waitUntil(() -> "true".equals(script("return document.body.dataset.ready || ''")));
            assertThat(browser.findElement(By.cssSelector("[data-testid=identity-user]"))
                            .isDisplayed())
                    .isFalse();
            fill("identity-token", token);

            WebElement reply = send("show customers");
            assertThat(reply.findElements(By.cssSelector("[data-testid=rows-table] tbody tr")))
                    .hasSizeGreaterThan(1);
            assertThat((String) script("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"
                            + " + location.href + document.cookie"))
                    .doesNotContain(token);

            browser.navigate().refresh();
            waitUntil(() -> "true".equals(script("return document.body.dataset.ready || ''")));
            assertThat(replies()).isNotEmpty();
            assertThat(browser.findElement(By.cssSelector("[data-testid=identity-token]"))
                            .getAttribute("value"))
                    .as("the token is asked for again")
                    .isEmpty();
        }
    }

    @Test
    void inHmacModeTheConsoleSaysItIsForServicesAndOffersNoIdentityForm() throws Exception {
        try (ServedJar hmacServed = ServedJar.start(
                List.of(
                        "serve",
                        "--db",
                        shop.userUrl(),
                        "--port",
                        "0",
                        "--auth",
                        "hmac",
                        "--audit-db",
                        TableTalkJar.memoryAuditStore()),
                Map.of("TABLETALK_HMAC_KEYS", "k1=a-shared-hmac-secret-of-more-than-32-bytes"))) {
            browser.get(hmacServed.base().resolve("/").toString());
            waitUntil(() -> "true".equals(script("return document.body.dataset.ready || ''")));
            assertThat(browser.findElement(By.id("identity-hmac")).isDisplayed())
                    .isTrue();
            assertThat(browser.findElement(By.id("identity-hmac")).getText()).contains("HMAC");
            assertThat(browser.findElement(By.cssSelector("[data-testid=identity-user]"))
                            .isDisplayed())
                    .isFalse();
            assertThat(browser.findElement(By.cssSelector("[data-testid=identity-token]"))
                            .isDisplayed())
                    .isFalse();
        }
    }

    private static String jwt(String issuer, String secret) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .audience("db-agent")
                        .subject("u-1001")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim("user_id", "u-1001")
                        .claim("user_role", "editor")
                        .claim("company_id", ShopFixture.TENANT)
                        .build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void aRefusalSaysWhy() throws Exception {
        WebElement reply = send("delete customer 5");
        assertThat(reply.findElement(By.cssSelector("[data-testid=refusal]")).getText())
                .startsWith("Refused:");
        assertThat(count("select count(*) from customers where id = 5")).isEqualTo(1);
        screenshot("refusal", reply);
    }

    @Test
    void aReloadKeepsTheConversationAndArrowUpRecallsTheLastMessage() {
        send("show customer 3");
        send("set the status of customer 9 to blocked");
        String session = (String) script("return JSON.parse(sessionStorage.getItem('tabletalk.console.v1')).sessionId");
        int shown = replies().size();

        browser.navigate().refresh();
        waitUntil(() -> replies().size() == shown);
        assertThat(browser.findElements(By.cssSelector("[data-testid=preview]")))
                .hasSize(1);
        WebElement cancel = browser.findElement(By.cssSelector("[data-testid=cancel-button]"));
        assertThat(cancel.isEnabled())
                .as("the pending preview can still be answered")
                .isTrue();
        cancel.click();
        WebElement cancelled = awaitReply(shown + 1);
        assertThat(cancelled.getAttribute("data-stage")).isEqualTo("IDLE");
        assertThat(script("return JSON.parse(sessionStorage.getItem('tabletalk.console.v1')).sessionId"))
                .as("the same session after the reload")
                .isEqualTo(session);

        WebElement input = browser.findElement(By.cssSelector("[data-testid=message-input]"));
        input.sendKeys(Keys.ARROW_UP);
        assertThat(input.getAttribute("value")).isEqualTo("cancel");
        input.sendKeys(Keys.ARROW_UP);
        assertThat(input.getAttribute("value")).isEqualTo("set the status of customer 9 to blocked");

        browser.findElement(By.cssSelector("[data-testid=new-conversation]")).click();
        assertThat(replies()).isEmpty();
    }

    @Test
    void anIdentityTheServerRefusesIsShownAsAnErrorWithItsIdAndNoTurnRuns() throws Exception {
        fill("identity-role", "not a role!");
        WebElement reply = send("set the status of customer 11 to blocked");
        WebElement error = reply.findElement(By.cssSelector("[data-testid=error]"));
        assertThat(error.getText()).startsWith("Error: ").containsPattern("error id err_[0-9a-f]+");
        assertThat(error.getText()).doesNotContain("Exception", "X-User-Context:");
        assertThat(reply.findElements(By.cssSelector("[data-testid=preview]"))).isEmpty();
        assertThat(queryOne("select status from customers where id = 11")).isNotEqualTo("blocked");
    }

    @Test
    void theSchemaPanelListsTheEntitiesAndAPickFillsTheMessage() {
        List<WebElement> entities = browser.findElement(By.cssSelector("[data-testid=schema-panel]"))
                .findElements(By.cssSelector("[data-testid=schema-entity]"));
        assertThat(entities).extracting(WebElement::getText).contains("customers", "orders");
        assertThat(entities).extracting(WebElement::getText).doesNotContain("users_auth");
        entities.stream()
                .filter(e -> e.getText().equals("customers"))
                .findFirst()
                .orElseThrow()
                .click();
        assertThat(browser.findElement(By.cssSelector("[data-testid=message-input]"))
                        .getAttribute("value"))
                .isEqualTo("show customers");
    }

    @Test
    void bothThemesAndTheNarrowLayoutPassAnAxeScanWithoutSeriousOrCriticalIssues() throws Exception {
        send("how many customers per status");
        send("show customers");
        send("set the status of customer 10 to blocked");
        assertThat(axeViolations()).as("light theme").isEmpty();

        browser.findElement(By.cssSelector("[data-testid=theme-toggle]")).click();
        assertThat(script("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(axeViolations()).as("dark theme").isEmpty();
        screenshot("dark", replies().get(0));

        browser.manage().window().setSize(new Dimension(360, 800));
        waitUntil(() -> ((Number) script("return window.innerWidth")).intValue() <= 360);
        assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the screen at 360 px")
                .isLessThanOrEqualTo(((Number) script("return window.innerWidth")).intValue());
        assertThat(axeViolations()).as("360 px").isEmpty();
        screenshot("narrow", replies().get(0));
        send("cancel");
    }

    @Test
    void aRateLimitedSchemaOrChatShowsTheProblemAndWhenToRetryAndTheConsoleRecovers() throws Exception {
        // 6 requests, then one every 10 s per user: the console's own requests run out of them
        try (ServedJar limited = ServedJar.start(
                List.of("serve", "--db", shop.userUrl(), "--port", "0", "--audit-db", TableTalkJar.memoryAuditStore()),
                Map.of(
                        "TABLETALK_HTTP_RATE_LIMITS_PER_USER",
                        "6/min",
                        "TABLETALK_HTTP_RATE_LIMITS_PER_TENANT",
                        "1000/min"))) {
            browser.get(limited.base().resolve("/").toString());
            script("sessionStorage.setItem('tabletalk.console.v1', JSON.stringify({sessionId: null, entries: [],"
                    + " devIdentity: {user: 'u-limited', role: 'editor', tenant: '" + ShopFixture.TENANT + "'}}))");
            browser.navigate().refresh();
            waitUntil(() -> "true".equals(script("return document.body.dataset.ready || ''")));

            // the schema panel: each change of the identity loads the schema again, until the server says 429
            WebElement schemaError = null;
            for (int i = 0; i < 15 && schemaError == null; i++) {
                fill("identity-role", "editor");
                waitUntil(() ->
                        !browser.findElement(By.id("schema-status")).getText().startsWith("Loading"));
                schemaError = browser.findElements(By.cssSelector("[data-testid=schema-error]")).stream()
                        .findFirst()
                        .orElse(null);
            }
            assertThat(schemaError).as("a 429 on /schema is shown in the panel").isNotNull();
            assertThat(schemaError.isDisplayed()).isTrue();
            assertThat(schemaError.getText())
                    .startsWith("Error: ")
                    .contains("Too many requests")
                    .containsPattern("error id err_[0-9a-f]+")
                    .contains("Allowed again at");
            assertThat(browser.findElement(By.id("schema-status")).getText()).isEqualTo("The schema cannot be shown.");
            assertThat(browser.findElements(By.cssSelector("[data-testid=schema-retry]")))
                    .hasSize(1);
            // once allowed again (Retry-After), the panel loads the schema by itself
            waitUntil(() -> !browser.findElements(By.cssSelector("[data-testid=schema-entity]"))
                    .isEmpty());
            assertThat(browser.findElements(By.cssSelector("[data-testid=schema-error]")))
                    .isEmpty();

            // the chat: a refused turn is an error in the conversation, with when to send again
            WebElement chatError = null;
            for (int i = 0; i < 10 && chatError == null; i++) {
                chatError = send("show customers").findElements(By.cssSelector("[data-testid=error]")).stream()
                        .findFirst()
                        .orElse(null);
            }
            assertThat(chatError)
                    .as("a 429 on /chat is shown in the conversation")
                    .isNotNull();
            assertThat(chatError.getText())
                    .startsWith("Error: ")
                    .contains("Too many requests")
                    .containsPattern("error id err_[0-9a-f]+");
            assertThat(chatError
                            .findElement(By.cssSelector("[data-testid=retry-after]"))
                            .getText())
                    .startsWith("Allowed again at");
            // and once allowed again the same message is answered
            WebElement answered = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (answered == null && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                WebElement reply = send("show customers");
                if (!reply.findElements(By.cssSelector("[data-testid=rows-table]"))
                        .isEmpty()) {
                    answered = reply;
                }
            }
            assertThat(answered)
                    .as("the console answers again once the server allows it")
                    .isNotNull();
        }
    }

    @Test
    void demoWebServesTheConsoleOnTheDemoShop() throws Exception {
        try (ServedJar demo = ServedJar.start(
                List.of("demo", "--web", "--port", "0", "--audit-db", TableTalkJar.memoryAuditStore()), Map.of())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(demo.base().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("data-testid=\"message-input\"");
            assertThat(page.headers().firstValue("content-security-policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            browser.get(demo.base().resolve("/").toString());
            waitUntil(() -> browser.findElements(By.cssSelector("[data-testid=schema-entity]"))
                            .size()
                    > 0);
            WebElement reply = send("show products");
            assertThat(reply.findElements(By.cssSelector("[data-testid=rows-table]")))
                    .hasSize(1);
        }
    }

    // --- helpers

    /** Types a message, sends it with Enter and returns the reply that answers it. */
    private WebElement send(String message) {
        int before = replies().size();
        WebElement input = browser.findElement(By.cssSelector("[data-testid=message-input]"));
        input.clear();
        input.sendKeys(message);
        input.sendKeys(Keys.ENTER);
        return awaitReply(before + 1);
    }

    private WebElement awaitReply(int count) {
        waitUntil(() -> replies().size() >= count);
        return replies().get(count - 1);
    }

    private List<WebElement> replies() {
        return browser.findElements(By.cssSelector("[data-testid=reply]"));
    }

    private void fill(String testId, String value) {
        WebElement field = browser.findElement(By.cssSelector("[data-testid=" + testId + "]"));
        field.clear();
        field.sendKeys(value, Keys.TAB);
    }

    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).until(driver -> condition.getAsBoolean());
    }

    private Object script(String source) {
        return ((JavascriptExecutor) browser).executeScript(source);
    }

    /** No alert opened and no image element was made from a value: the markup stayed text. */
    private void assertNoMarkupRan() {
        assertThat(browser.findElements(By.cssSelector("#conversation img"))).isEmpty();
        try {
            String text = browser.switchTo().alert().getText();
            throw new AssertionError("an alert opened: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    /** The serious and critical issues axe-core finds on the page, one line each. */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations() throws IOException {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            try (InputStream axe = WebConsoleIT.class.getResourceAsStream("/axe-core/axe.min.js")) {
                assertThat(axe)
                        .as("axe-core is vendored under src/test/resources/axe-core")
                        .isNotNull();
                script(new String(axe.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Object found = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(result => done("
                        + "result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                        + " + v.nodes.map(n => n.target.join(' ')).join(', '))));");
        return (List<String>) found;
    }

    /** Writes a screenshot of the page, scrolled to this element, when {@code -Dconsole.screenshots=DIR} asks. */
    private void screenshot(String name, WebElement shown) {
        String folder = System.getProperty("console.screenshots", "");
        if (folder.isBlank()) {
            return;
        }
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})", shown);
        try {
            Path directory = Files.createDirectories(Path.of(folder));
            Files.write(directory.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + name, e);
        }
    }

    private Object queryOne(String sql) throws SQLException {
        try (Connection connection = shop.connect();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getObject(1);
        }
    }

    private long count(String sql) throws SQLException {
        return ((Number) queryOne(sql)).longValue();
    }
}
