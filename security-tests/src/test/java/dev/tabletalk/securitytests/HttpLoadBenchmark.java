package dev.tabletalk.securitytests;

import java.util.Locale;

/**
 * The full load benchmark: 50 concurrent sessions x 100 turns through HTTP against PostgreSQL
 * (reads, creates with confirm, updates with confirm, refused deletes). Prints throughput and
 * p50/p99 latency, then checks the same invariants as {@link LoadIT}.
 *
 * <pre>mvn -B -q -pl security-tests -Pbenchmarks verify -DskipTests -DskipITs</pre>
 *
 * Arguments (optional): sessions, turns per session.
 */
public final class HttpLoadBenchmark {

    private HttpLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int turns = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (SecureShop shop = SecureShop.start("bench")) {
            long auditBefore = shop.auditCount();
            long customersBefore = shop.queryLong("select count(*) from customers");
            LoadRun.Result result = LoadRun.run(shop, sessions, turns);
            System.out.printf(
                    Locale.ROOT,
                    "sessions=%d turns/session=%d requests=%d errors=%d creates=%d updates=%d "
                            + "refused_deletes=%d wall=%.1f s throughput=%.1f req/s p50=%.1f ms p99=%.1f ms%n",
                    sessions,
                    turns,
                    result.requests(),
                    result.errors(),
                    result.confirmedCreates(),
                    result.confirmedUpdates(),
                    result.refusedDeletes(),
                    result.wallNanos() / 1e9,
                    result.throughput(),
                    result.percentileMillis(50),
                    result.percentileMillis(99));
            LoadIT.assertLoadInvariants(shop, result, auditBefore, customersBefore);
            System.out.println(
                    "invariants: zero errors, no lost or duplicate writes, audit entries == turns, chain intact");
        }
    }
}
