package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Request timers are registered once per tag set: every request lands in the series of exactly its own tags. */
class HttpMetricsTest {

    private static final String CHAT_OK =
            "tabletalk_http_requests_seconds_count{method=\"POST\",outcome=\"ok\",route=\"CHAT\",status=\"200\"}";
    private static final String CHAT_REFUSED =
            "tabletalk_http_requests_seconds_count{method=\"POST\",outcome=\"refused\",route=\"CHAT\",status=\"200\"}";
    private static final String CHAT_TOO_MANY = "tabletalk_http_requests_seconds_count{method=\"POST\","
            + "outcome=\"client_error\",route=\"CHAT\",status=\"429\"}";

    @Test
    void eachRequestCountsInTheSeriesOfItsOwnTags() {
        HttpMetrics metrics = new HttpMetrics();
        try {
            metrics.recordRequest("CHAT", "POST", 200, "ok", Duration.ofMillis(3));
            metrics.recordRequest("CHAT", "POST", 200, "ok", Duration.ofMillis(5));
            metrics.recordRequest("CHAT", "POST", 200, "refused", Duration.ofMillis(2));
            metrics.recordRequest("CHAT", "POST", 429, "client_error", Duration.ofMillis(1));

            String scrape = metrics.scrape();

            assertThat(scrape).contains(CHAT_OK + " 2", CHAT_REFUSED + " 1", CHAT_TOO_MANY + " 1");
        } finally {
            metrics.close();
        }
    }
}
