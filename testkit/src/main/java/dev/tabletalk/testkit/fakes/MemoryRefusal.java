package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.reply.Refusal;
import java.util.Objects;

/** Internal control flow of {@link InMemoryExecutor}: stop the call with a refusal. Never leaves this package. */
final class MemoryRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    MemoryRefusal(Refusal refusal) {
        super(refusal.code().wireName(), null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    Refusal refusal() {
        return refusal;
    }
}
