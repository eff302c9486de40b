package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Http.chatBody;
import static dev.tabletalk.securitytests.Http.confirmBody;
import static dev.tabletalk.securitytests.Http.devContext;
import static dev.tabletalk.securitytests.Http.headers;
import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.fields;

import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.identity.AuthMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent sessions through the real HTTP server against PostgreSQL: each session cycles through a
 * read, a create with confirm, an update (of its own customer) with confirm and a refused delete.
 * Records every error, every confirmed write and every latency, for {@link LoadIT} and
 * {@link HttpLoadBenchmark}.
 */
final class LoadRun {

    /** What a run did. */
    record Result(
            int sessions,
            int turnsPerSession,
            long requests,
            long errors,
            List<String> errorSamples,
            long confirmedCreates,
            long confirmedUpdates,
            long refusedDeletes,
            Map<Integer, String> lastNoteBySession,
            long wallNanos,
            long[] latencies) {

        double throughput() {
            return requests / (wallNanos / 1e9);
        }

        double percentileMillis(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
            return sorted[index] / 1e6;
        }
    }

    private LoadRun() {}

    /** The customer each session updates: its own, so sessions never contend for a row. */
    static long customerOf(int session) {
        return 150 + session;
    }

    static Result run(SecureShop shop, int sessions, int turns) throws Exception {
        for (int s = 0; s < sessions; s++) {
            for (int t = 0; t < turns; t++) {
                String tag = "L-" + s + "-" + t;
                shop.script("read " + tag, Plans.read("customers", eq("id", customerOf(s))));
                shop.script(
                        "create " + tag, Plans.create("customers", fields("name", "load " + tag, "status", "active")));
                shop.script(
                        "update " + tag,
                        Plans.update("customers", fields("notes", "load " + tag), eq("id", customerOf(s))));
                shop.script("delete " + tag, Plans.refused(RefusalCode.DELETE_NOT_ALLOWED));
            }
        }
        HttpConfig.RateLimit unlimited = HttpConfig.RateLimit.perMinute(10_000_000);
        try (HttpServer server = HttpServers.start(
                shop.tableTalk,
                HttpConfig.builder()
                        .port(0)
                        .authMode(AuthMode.DEV)
                        .userRateLimit(unlimited)
                        .tenantRateLimit(unlimited)
                        .build())) {
            Http http = new Http(server.port());
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<String> errors = Collections.synchronizedList(new ArrayList<>());
            Map<Integer, String> lastNote = new ConcurrentHashMap<>();
            long[] counts = new long[4];
            ExecutorService pool = Executors.newFixedThreadPool(sessions);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int session = s;
                futures.add(pool.submit(() -> {
                    go.await();
                    return session(http, session, turns, latencies, errors, lastNote);
                }));
            }
            long started = System.nanoTime();
            go.countDown();
            for (Future<long[]> future : futures) {
                long[] c = future.get(10, TimeUnit.MINUTES);
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += c[i];
                }
            }
            long wall = System.nanoTime() - started;
            pool.shutdown();
            long[] lat = latencies.stream().mapToLong(Long::longValue).toArray();
            return new Result(
                    sessions,
                    turns,
                    counts[0],
                    errors.size(),
                    errors.subList(0, Math.min(5, errors.size())),
                    counts[1],
                    counts[2],
                    counts[3],
                    lastNote,
                    wall,
                    lat);
        }
    }

    /** One session: {@code turns} requests; returns {requests, creates, updates, refused deletes}. */
    private static long[] session(
            Http http,
            int session,
            int turns,
            List<Long> latencies,
            List<String> errors,
            Map<Integer, String> lastNote) {
        // each session is its own editor of tenant 101
        Map<String, String> identity = headers("X-User-Context", devContext("u-load-" + session, "editor", 101));
        long[] counts = new long[4];
        String sessionId = null;
        int t = 0;
        int step = 0;
        String pendingPreview = null;
        String pendingKind = null;
        String pendingNote = null;
        while (t < turns) {
            String tag = "L-" + session + "-" + t;
            String body;
            String kind;
            if (pendingPreview != null) {
                body = confirmBody(sessionId, pendingPreview);
                kind = "confirm";
            } else {
                kind = switch (step++ % 4) {
                    case 0 -> "read";
                    case 1 -> "create";
                    case 2 -> "update";
                    default -> "delete";
                };
                body = chatBody(sessionId, kind + " " + tag);
            }
            long started = System.nanoTime();
            Http.Response response = http.post("/chat", identity, body);
            latencies.add(System.nanoTime() - started);
            t++;
            counts[0]++;
            if (response.status() != 200) {
                errors.add(kind + " " + tag + " -> " + response.status() + " " + response.body());
                pendingPreview = null;
                continue;
            }
            var json = response.json();
            sessionId = json.path("sessionId").asText();
            if (!json.path("error").isNull()) {
                errors.add(kind + " " + tag + " -> " + json.path("error"));
                pendingPreview = null;
                continue;
            }
            String refusal = json.path("refusal").path("code").asText("");
            switch (kind) {
                case "confirm" -> {
                    if (!refusal.isEmpty() || !json.path("preview").isNull()) {
                        errors.add("confirm " + tag + " -> " + refusal);
                    } else if (pendingKind.equals("create")) {
                        counts[1]++;
                    } else {
                        counts[2]++;
                        lastNote.put(session, pendingNote);
                    }
                    pendingPreview = null;
                }
                case "create", "update" -> {
                    if (json.path("preview").isNull()) {
                        errors.add(kind + " " + tag + " -> no preview: " + refusal);
                    } else {
                        pendingPreview = json.path("preview").path("previewId").asText();
                        pendingKind = kind;
                        pendingNote = "load " + tag;
                    }
                }
                case "delete" -> {
                    if (refusal.equals("delete_not_allowed")) {
                        counts[3]++;
                    } else {
                        errors.add("delete " + tag + " -> " + refusal);
                    }
                }
                default -> {
                    if (!refusal.isEmpty() || json.path("rows").size() != 1) {
                        errors.add("read " + tag + " -> " + refusal);
                    }
                }
            }
        }
        return counts;
    }
}
