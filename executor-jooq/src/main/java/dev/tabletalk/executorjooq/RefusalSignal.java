package dev.tabletalk.executorjooq;

import dev.tabletalk.core.reply.Refusal;
import java.util.Objects;

/** Internal control flow: abort the current transaction with a refusal. Never leaves this package. */
final class RefusalSignal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    RefusalSignal(Refusal refusal) {
        super(refusal.code().wireName(), null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    Refusal refusal() {
        return refusal;
    }
}
