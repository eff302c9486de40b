package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code http.threads}: by default the request threads grow with the load (and the memory each keeps with them);
 * a fixed pool starts all its threads at once and never runs more, however many requests wait, which is what keeps
 * a server's memory flat under a long, uneven load (issue #17's soak). A request handled for longer than the idle
 * timeout is answered all the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestThreadsIT {

    private static final int FIXED = 20;
    private static final int WAITING_REQUESTS = 2 * FIXED;

    private PostgresShop shop;

    @BeforeAll
    void start() {
        shop = new PostgresShop();
    }

    @AfterAll
    void stop() {
        shop.close();
    }

    @Test
    void aFixedPoolRunsExactlyItsThreadsUnderAnyLoad() throws Exception {
        int before = requestThreads();
        Blocking blocking = new Blocking();
        HttpServer server = server(FIXED, blocking);
        try {
            assertThat(requestThreads() - before).as("all started at once").isEqualTo(FIXED);
            List<CompletableFuture<HttpResponse<String>>> waiting = flood(server, blocking);
            assertThat(requestThreads() - before)
                    .as("never more, with requests waiting")
                    .isEqualTo(FIXED);
            blocking.release.countDown();
            for (CompletableFuture<HttpResponse<String>> response : waiting) {
                assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            blocking.release.countDown();
            server.stop();
        }
    }

    @Test
    void theDefaultPoolGrowsWithTheLoad() throws Exception {
        int before = requestThreads();
        Blocking blocking = new Blocking();
        HttpServer server = server(HttpConfig.GROWING_THREADS, blocking);
        try {
            assertThat(requestThreads() - before).isLessThan(FIXED);
            List<CompletableFuture<HttpResponse<String>>> waiting = flood(server, blocking);
            assertThat(requestThreads() - before).isGreaterThan(FIXED);
            blocking.release.countDown();
            for (CompletableFuture<HttpResponse<String>> response : waiting) {
                assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            blocking.release.countDown();
            server.stop();
        }
    }

    @Test
    void aRequestHandledForLongerThanTheIdleTimeoutStillGetsItsAnswer() throws Exception {
        // the idle timeout cuts a client that goes silent while sending; a turn that takes long (a slow planner, a
        // busy pool) is not silence, and its reply must arrive
        Duration idle = Duration.ofMillis(300);
        Blocking blocking = new Blocking();
        HttpServer server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .timeouts(new HttpConfig.RequestTimeouts(idle, Duration.ofSeconds(2), 512, idle))
                                .build())
                .mount("/block", "block", "Waits until the test lets it answer", blocking)
                .start();
        try {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> response = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/block"))
                            .header("X-User-Context", context("u-slow", "viewer", 101))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(idle.multipliedBy(4).toMillis());
            assertThat(blocking.inside.get()).isEqualTo(1);
            blocking.release.countDown();
            HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).isEqualTo("done");
        } finally {
            blocking.release.countDown();
            server.stop();
        }
    }

    private HttpServer server(int threads, Blocking blocking) {
        return HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .threads(threads)
                                .userRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .tenantRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .build())
                .mount("/block", "block", "Waits until the test lets it answer", blocking)
                .start();
    }

    /** Sends more requests than a fixed pool has threads, and waits until the threads are all taken or 5 s. */
    private static List<CompletableFuture<HttpResponse<String>>> flood(HttpServer server, Blocking blocking)
            throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < WAITING_REQUESTS; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/block"))
                    .header("X-User-Context", context("u-" + i, "viewer", 101))
                    .timeout(Duration.ofSeconds(60))
                    .GET()
                    .build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (blocking.inside.get() < FIXED / 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // a growing pool needs a moment to start the threads the waiting requests call for
        Thread.sleep(500);
        return responses;
    }

    private static int requestThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(HttpServer.THREAD_POOL_NAME + "-"))
                .count();
    }

    /** A servlet that holds every request until the test releases them. */
    private static final class Blocking extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        final transient CountDownLatch release = new CountDownLatch(1);
        final transient AtomicInteger inside = new AtomicInteger();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            inside.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.setContentType("text/plain");
            response.getWriter().write("done");
        }
    }
}
