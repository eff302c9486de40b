package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.error.DependencyUnavailableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedFollowerTest {

    @Test
    void keepsFollowingThroughAStoreThatDoesNotAnswerAndThroughAFailedStep() throws InterruptedException {
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch caughtUp = new CountDownLatch(1);
        Runnable step = () -> {
            int n = steps.incrementAndGet();
            if (n <= 2) {
                throw DependencyUnavailableException.auditStore("the store is down", null);
            }
            if (n == 3) {
                throw new IllegalStateException("a step that failed");
            }
            caughtUp.countDown();
        };

        SharedFollower follower = SharedFollower.start("reloads", step);
        try {
            // a scheduled task that throws is never run again: the follower must have caught both kinds
            assertThat(caughtUp.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            follower.close();
        }
        assertThat(steps.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void stopsWhenClosed() throws InterruptedException {
        AtomicInteger steps = new AtomicInteger();
        SharedFollower follower = SharedFollower.start("connects", steps::incrementAndGet);
        follower.close();
        int atClose = steps.get();

        Thread.sleep(SharedFollower.PERIOD.multipliedBy(3).toMillis());

        assertThat(steps.get()).isLessThanOrEqualTo(atClose + 1);
    }
}
