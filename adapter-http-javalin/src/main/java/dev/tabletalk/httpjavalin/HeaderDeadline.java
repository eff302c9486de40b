package dev.tabletalk.httpjavalin;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection that has not sent the complete headers of its first request within the deadline
 * (slowloris: header bytes trickled just faster than the idle timeout would hold the connection forever).
 * Added as a bean to each connector, so Jetty adds it to every new connection. Thread-safe.
 */
final class HeaderDeadline implements Connection.Listener {

    private final Duration deadline;
    private final Scheduler scheduler;

    HeaderDeadline(Duration deadline, Scheduler scheduler) {
        this.deadline = deadline;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        // Jetty counts a request in once its headers are complete
        Scheduler.Task check = scheduler.schedule(
                () -> {
                    if (connection.getMessagesIn() == 0) {
                        connection.getEndPoint().close();
                    }
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        connection.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection closed) {
                check.cancel();
            }
        });
    }
}
