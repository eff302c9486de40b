package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.user.UserContext;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallerGate} in front of a servlet mounted beside the routes ({@link HttpServer#mount}): the same identity
 * check, rate limits, JSON rule and body limits as {@code POST /chat}, and the same problem documents when they
 * refuse, so nothing of a refused request reaches the servlet. An admitted request goes on with the verified caller
 * as an attribute ({@link HttpServer#verifiedCaller}) and the body the gate read (an HMAC signature covers it, so
 * the gate reads it first) in place of the consumed input.
 */
final class MountedServletGate implements Filter {

    private static final Logger log = LoggerFactory.getLogger(MountedServletGate.class);

    static final String CALLER_ATTRIBUTE = "dev.tabletalk.httpjavalin.caller";

    private final CallerGate gate;
    private final HttpErrors problems;
    private final String path;
    private final String name;

    MountedServletGate(CallerGate gate, HttpErrors problems, String path, String name) {
        this.gate = gate;
        this.problems = problems;
        this.path = path;
        this.name = name;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        SecurityHeaders.ALL.forEach(httpResponse::setHeader);
        Route route = new Route(httpRequest.getMethod(), path, name, "a mounted servlet", true);
        Caller caller;
        try {
            caller = gate.admit(httpRequest, httpResponse, route);
        } catch (RefusedRequestException e) {
            String errorId = problems.write(httpResponse, e.problem());
            e.logContext()
                    .ifPresent(context -> log.debug(
                            "{}: {} (errorId {})", context, e.problem().reason(), errorId));
            return;
        } catch (DependencyUnavailableException e) {
            String errorId = problems.write(httpResponse, HttpErrors.unavailable());
            log.warn("dependency {} unavailable (errorId {}): {}", e.dependency(), errorId, e.getMessage());
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.requireUser());
        chain.doFilter(new ReadBody(httpRequest, caller.body()), response);
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
