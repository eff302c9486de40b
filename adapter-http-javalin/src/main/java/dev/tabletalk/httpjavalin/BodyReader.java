package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a request body within its size limit (413) and its deadlines (408; Jetty's idle timeout and minimum data
 * rate end a read that stalls). A refusal is recorded as the caller's when known, else as a refused identity.
 */
final class BodyReader {

    private final HttpConfig config;
    private final Refusals refusals;

    BodyReader(HttpConfig config, Refusals refusals) {
        this.config = config;
        this.refusals = refusals;
    }

    /**
     * The body, at most the configured size.
     *
     * @throws RefusedRequestException when it is too large or does not arrive in time
     */
    byte[] read(HttpServletRequest request, HttpServletResponse response, Route route, Optional<UserContext> user) {
        int limit = config.maxBodyBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw refuse(request, route, user, tooLarge(limit), RefusalCode.MESSAGE_TOO_LONG);
        }
        long deadline = System.nanoTime() + config.timeouts().body().toNanos();
        try {
            InputStream in = request.getInputStream();
            if (declared >= 0) {
                // #17: the usual body declares its length: read it into an array of that size, no copies
                byte[] body = new byte[(int) declared];
                int filled = 0;
                while (filled < body.length) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IOException("body deadline passed");
                    }
                    int read = in.read(body, filled, body.length - filled);
                    if (read < 0) {
                        return Arrays.copyOf(body, filled);
                    }
                    filled += read;
                }
                int next = in.read();
                if (next < 0) {
                    return body;
                }
                // more than declared (never over HTTP/1.1): go on as for a body of unknown length
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 1);
                bytes.write(body, 0, body.length);
                bytes.write(next);
                return readRest(in, bytes, limit, deadline, request, route, user);
            }
            return readRest(in, new ByteArrayOutputStream(), limit, deadline, request, route, user);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RefusedRequestException refused) {
                throw refused;
            }
            // idle timeout, minimum data rate, the body deadline or a client that went away
            RefusedRequestException refused = refuse(
                    request,
                    route,
                    user,
                    Problem.of(
                            408,
                            "request_timeout",
                            "Request timeout",
                            "The request body did not arrive in time ("
                                    + config.timeouts().body().toSeconds()
                                    + " s at most, no pause over "
                                    + config.timeouts().idle().toSeconds()
                                    + " s); send it again at once."),
                    RefusalCode.NOT_UNDERSTOOD);
            response.setHeader("Connection", "close");
            throw refused;
        }
    }

    /** The rest of a body of unknown length, after {@code bytes}, within the limit and the deadline. */
    private byte[] readRest(
            InputStream in,
            ByteArrayOutputStream bytes,
            int limit,
            long deadline,
            HttpServletRequest request,
            Route route,
            Optional<UserContext> user)
            throws IOException {
        if (bytes.size() > limit) {
            throw refuse(request, route, user, tooLarge(limit), RefusalCode.MESSAGE_TOO_LONG);
        }
        byte[] buffer = new byte[8192];
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("body deadline passed");
            }
            int read = in.read(buffer);
            if (read < 0) {
                return bytes.toByteArray();
            }
            bytes.write(buffer, 0, read);
            if (bytes.size() > limit) {
                throw refuse(request, route, user, tooLarge(limit), RefusalCode.MESSAGE_TOO_LONG);
            }
        }
    }

    private static Problem tooLarge(int limit) {
        return Problem.of(
                        413,
                        "body_too_large",
                        "Request body too large",
                        "The request body is larger than " + limit + " bytes.")
                .with("limit", limit);
    }

    private RefusedRequestException refuse(
            HttpServletRequest request, Route route, Optional<UserContext> user, Problem problem, RefusalCode code) {
        if (user.isPresent()) {
            return refusals.ofCaller(user.get(), route, problem, code);
        }
        return refusals.identity(
                request, route, problem, config.authMode().name().toLowerCase(Locale.ROOT));
    }
}
