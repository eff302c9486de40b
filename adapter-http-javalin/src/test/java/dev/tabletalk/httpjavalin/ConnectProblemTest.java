package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome.Reason;
import org.junit.jupiter.api.Test;

/** The answer to each refused connect: the port's reason as the problem's, its message as the detail. */
class ConnectProblemTest {

    private static Problem of(Reason reason) {
        return ConnectHandler.connectProblem(new ConnectOutcome.Refused(reason, "What happened, and what to do."));
    }

    @Test
    void everyRefusalKeepsItsReasonCodeAndItsMessage() {
        for (Reason reason : Reason.values()) {
            assertThat(of(reason))
                    .extracting(Problem::reason, Problem::detail)
                    .containsExactly(reason.code(), "What happened, and what to do.");
        }
    }

    @Test
    void aStoreThatIsDownSaysTryAgainLaterButAnUnknownOutcomeDoesNotPretendNothingChanged() {
        assertThat(of(Reason.SHARED_STATE_UNAVAILABLE))
                .extracting(Problem::status, p -> p.retryAfterSeconds().isPresent())
                .containsExactly(503, true);
        assertThat(of(Reason.OUTCOME_UNKNOWN))
                .extracting(
                        Problem::status,
                        Problem::title,
                        p -> p.retryAfterSeconds().isPresent())
                .containsExactly(503, "Outcome unknown", false);
    }
}
