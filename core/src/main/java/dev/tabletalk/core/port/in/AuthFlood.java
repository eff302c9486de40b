package dev.tabletalk.core.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * Refused identities from one source that an inbound adapter did not record one by one (a flood): after the
 * first few of a window, the rest of that window are counted and recorded as one entry. Carries no
 * credentials.
 *
 * @param transport how the identities were presented ({@code dev}, {@code jwt}, {@code hmac}, ...)
 * @param source where the requests came from (the remote address as the adapter saw it)
 * @param count how many refused requests this entry stands for
 * @param window the length of the window they fell in
 */
public record AuthFlood(String transport, String source, long count, Duration window) {

    public AuthFlood {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(window, "window");
        if (count < 1) {
            throw new IllegalArgumentException("a flood stands for at least one request");
        }
    }
}
