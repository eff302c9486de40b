package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.user.UserContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallerGate} in front of a servlet mounted beside the routes ({@link HttpServer#mount}): the same identity
 * check, rate limits (of a {@code POST}: see {@link Route#mounted}), JSON rule and body limits as {@code POST /chat},
 * and the same problem documents when they
 * refuse, so nothing of a refused request reaches the servlet. An admitted request goes on with the verified caller
 * as an attribute ({@link HttpServer#verifiedCaller}) and the body the gate read (an HMAC signature covers it, so
 * the gate reads it first) in place of the consumed input. Every request, refused or answered, counts in the request
 * metrics under the mount's name as its route ({@code route="mcp"}); a stream when it ends.
 */
final class MountedServletGate implements Filter {

    private static final Logger log = LoggerFactory.getLogger(MountedServletGate.class);

    static final String CALLER_ATTRIBUTE = "dev.tabletalk.httpjavalin.caller";

    private final CallerGate gate;
    private final HttpErrors problems;
    private final HttpMetrics metrics;
    private final String path;
    private final String name;
    private final String summary;

    MountedServletGate(
            CallerGate gate, HttpErrors problems, HttpMetrics metrics, String path, String name, String summary) {
        this.gate = gate;
        this.problems = problems;
        this.metrics = metrics;
        this.path = path;
        this.name = name;
        this.summary = summary;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        SecurityHeaders.ALL.forEach(httpResponse::setHeader);
        Route route = Route.mounted(httpRequest.getMethod(), path, name, summary);
        Caller caller;
        try {
            caller = gate.admit(httpRequest, httpResponse, route);
        } catch (RefusedRequestException e) {
            String errorId = problems.write(httpResponse, e.problem());
            record(httpRequest, e.problem().status(), e.problem().reason(), started);
            e.logContext()
                    .ifPresent(context -> log.debug(
                            "{}: {} (errorId {})", context, e.problem().reason(), errorId));
            return;
        } catch (DependencyUnavailableException e) {
            Problem unavailable = HttpErrors.unavailable();
            String errorId = problems.write(httpResponse, unavailable);
            record(httpRequest, unavailable.status(), unavailable.reason(), started);
            log.warn("dependency {} unavailable (errorId {}): {}", e.dependency(), errorId, e.getMessage());
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.requireUser());
        try {
            chain.doFilter(new ReadBody(httpRequest, caller.body()), response);
        } catch (IOException | ServletException | RuntimeException e) {
            record(httpRequest, 500, "server_error", started);
            throw e;
        }
        if (request.isAsyncStarted()) {
            // a stream (server-sent events): counted when it ends, with the time it was open
            request.getAsyncContext().addListener(new Recorded(httpRequest, httpResponse, started));
        } else {
            record(httpRequest, httpResponse.getStatus(), outcome(httpResponse.getStatus()), started);
        }
    }

    /** Counts the request in the request metrics under the mount's name, as the routes count theirs. */
    private void record(HttpServletRequest request, int status, String outcome, long started) {
        metrics.recordRequest(
                name, methodTag(request.getMethod()), status, outcome, Duration.ofNanos(System.nanoTime() - started));
    }

    /** A method tag from a closed set: a client may send any method name, and tags never take request content. */
    static String methodTag(String method) {
        return switch (method) {
            case "GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS" -> method;
            default -> "OTHER";
        };
    }

    private static String outcome(int status) {
        return status < 400 ? "ok" : status < 500 ? "client_error" : "server_error";
    }

    /** Records an asynchronous answer once it completes, fails or times out. */
    private final class Recorded implements AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final long started;

        Recorded(HttpServletRequest request, HttpServletResponse response, long started) {
            this.request = request;
            this.response = response;
            this.started = started;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            record(request, response.getStatus(), outcome(response.getStatus()), started);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a new asynchronous cycle of the same request drops its listeners: stay registered
            event.getAsyncContext().addListener(this);
        }
    }

    /** The verified caller the gate left on an admitted request. */
    static Optional<UserContext> caller(ServletRequest request) {
        return request.getAttribute(CALLER_ATTRIBUTE) instanceof UserContext user
                ? Optional.of(user)
                : Optional.empty();
    }

    /** The request with the body the gate already read in place of its consumed input. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already: read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
