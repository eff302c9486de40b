package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.identity.IdentityFailure;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IdentityProblemTest {

    private static Problem of(IdentityFailure.Kind kind) {
        return Problem.ofIdentity(
                new IdentityFailure(kind, "some_reason", "What to do.", OptionalLong.empty(), Map.of()));
    }

    @Test
    void everyKindOfRefusedIdentityHasItsStatusAndTitle() {
        assertThat(of(IdentityFailure.Kind.UNAUTHENTICATED))
                .extracting(Problem::status, Problem::title)
                .containsExactly(401, "Not authenticated");
        assertThat(of(IdentityFailure.Kind.MALFORMED))
                .extracting(Problem::status, Problem::title)
                .containsExactly(400, "Malformed identity");
        assertThat(of(IdentityFailure.Kind.PROVIDER_UNAVAILABLE))
                .extracting(Problem::status, Problem::title)
                .containsExactly(503, "Identity provider unavailable");
        assertThat(of(IdentityFailure.Kind.BUSY))
                .extracting(Problem::status, Problem::title)
                .containsExactly(503, "Too many signed requests");
        for (IdentityFailure.Kind kind : IdentityFailure.Kind.values()) {
            assertThat(of(kind).reason()).isEqualTo("some_reason");
        }
    }

    @Test
    void reasonDetailFactsAndRetryAfterAreKept() {
        Problem problem = Problem.ofIdentity(new IdentityFailure(
                IdentityFailure.Kind.MALFORMED,
                "context_too_large",
                "Too long.",
                OptionalLong.of(5),
                Map.of("limit", 4096)));
        assertThat(problem.detail()).isEqualTo("Too long.");
        assertThat(problem.extensions()).containsEntry("limit", 4096);
        assertThat(problem.retryAfterSeconds()).hasValue(5);
        assertThat(problem.toJson("e1", "/chat"))
                .containsEntry("reason", "context_too_large")
                .containsEntry("limit", 4096)
                .containsEntry("status", 400);
    }
}
