package dev.tabletalk.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.user.UserContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serial;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Sessions nobody uses are closed after the idle timeout, whoever's they are, and only those (#17). The transport here
 * is a stand-in that hands out session ids and answers 404 for an id it does not hold, as the SDK's does; the whole
 * MCP transport behind the real server is covered by {@code McpHttpIT}.
 */
class SessionOwnersTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final FakeTransport transport = new FakeTransport();
    private final SessionOwners owners = new SessionOwners(
            transport,
            request -> Optional.ofNullable(request.getHeader("X-Caller"))
                    .map(name -> UserContext.of(name, "editor", "t1")),
            IDLE,
            clock::get);

    @Test
    void aSessionNoRequestNamesForTheIdleTimeoutIsClosedAndOnlyThatOne() throws Exception {
        String ada = initialize("ada");
        String bob = initialize("bob");
        advance(Duration.ofMinutes(20));
        assertThat(call("ada", ada)).isEqualTo(200);

        advance(Duration.ofMinutes(11)); // bob's idle 31 minutes, ada's 11
        String cyd = initialize("cyd"); // any request finds the sweep due

        assertThat(transport.deleted).containsExactly(bob);
        assertThat(call("bob", bob)).isEqualTo(404);
        assertThat(call("ada", ada)).isEqualTo(200);
        assertThat(call("cyd", cyd)).isEqualTo(200);
    }

    @Test
    void aSessionUsedJustBeforeTheTimeoutStaysAndIdleOnesGoOnceTheSweepIsDueAgain() throws Exception {
        String ada = initialize("ada");
        advance(IDLE.minusSeconds(1));
        assertThat(call("ada", ada)).isEqualTo(200);
        advance(IDLE.minusSeconds(1));
        assertThat(call("ada", ada)).isEqualTo(200);
        assertThat(transport.deleted).isEmpty();

        advance(IDLE);
        initialize("bob");

        assertThat(transport.deleted).containsExactly(ada);
        assertThat(call("ada", ada)).isEqualTo(404);
    }

    @Test
    void aSessionTheTransportNoLongerHoldsIsForgottenWithoutAnError() throws Exception {
        String ada = initialize("ada");
        transport.sessions.remove(ada); // dropped by the transport itself (a stream it could not write to)
        advance(IDLE.plusMinutes(5));

        initialize("bob");

        assertThat(transport.deleted).containsExactly(ada);
        assertThat(call("ada", ada)).isEqualTo(404);
    }

    /**
     * A request names a session and is looked up as its owner's; before it marks the session used, the idle sweep of
     * another request takes the session and closes it. The request must not reach the transport with the closed
     * session (nor bring it back into the owner's bookkeeping): it gets a 404, as for any unknown session.
     */
    @Test
    void aSessionTheSweepClosesWhileARequestNamesItIsNotServedAfterItsClose() throws Exception {
        long start = clock.get();
        CountDownLatch atMark = new CountDownLatch(1);
        CountDownLatch swept = new CountDownLatch(1);
        AtomicReference<Thread> naming = new AtomicReference<>();
        AtomicInteger namingReads = new AtomicInteger();
        SessionOwners racing = new SessionOwners(
                transport,
                request -> Optional.ofNullable(request.getHeader("X-Caller"))
                        .map(name -> UserContext.of(name, "editor", "t1")),
                IDLE,
                () -> {
                    if (Thread.currentThread() != naming.get()) {
                        return clock.get();
                    }
                    if (namingReads.incrementAndGet() == 2) {
                        // the second read is the mark of use, after the owner was found: the sweep goes first
                        atMark.countDown();
                        awaitQuietly(swept);
                    }
                    return start + IDLE.minusMinutes(1).toNanos();
                });
        String session = initialize(racing, "ada");
        int[] status = {0};
        Thread request = new Thread(() -> {
            try {
                Response response = new Response();
                racing.service(
                        request("POST", Map.of("X-Caller", "ada", SessionOwners.SESSION_HEADER, session)),
                        response.proxy());
                status[0] = response.status;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        naming.set(request);
        request.start();
        assertThat(atMark.await(10, TimeUnit.SECONDS)).isTrue();

        advance(IDLE.plusMinutes(5));
        initialize(racing, "bob"); // its sweep closes the idle session
        assertThat(transport.deleted).containsExactly(session);
        int requestsBefore = transport.served.size();
        swept.countDown();
        request.join(10_000);

        assertThat(status[0]).isEqualTo(404);
        assertThat(transport.served.subList(requestsBefore, transport.served.size()))
                .as("nothing reached the transport for the closed session")
                .doesNotContain(session);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    private String initialize(String caller) throws Exception {
        return initialize(owners, caller);
    }

    private static String initialize(SessionOwners binding, String caller) throws Exception {
        Response response = new Response();
        binding.service(request("POST", Map.of("X-Caller", caller)), response.proxy());
        return response.headers.get(SessionOwners.SESSION_HEADER);
    }

    private int call(String caller, String session) throws Exception {
        Response response = new Response();
        owners.service(
                request("POST", Map.of("X-Caller", caller, SessionOwners.SESSION_HEADER, session)), response.proxy());
        return response.status;
    }

    /** A request of {@code method} with {@code headers}, answering nothing else. */
    private static HttpServletRequest request(String method, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" ->
                        Collections.enumeration(
                                headers.containsKey((String) args[0])
                                        ? List.of(headers.get((String) args[0]))
                                        : List.of());
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    default -> null;
                });
    }

    /** A response that keeps its status and headers. */
    private static final class Response {
        private final Map<String, String> headers = new HashMap<>();
        private int status = 200;

        HttpServletResponse proxy() {
            return (HttpServletResponse) Proxy.newProxyInstance(
                    HttpServletResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class},
                    (proxy, called, args) -> {
                        switch (called.getName()) {
                            case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "setStatus", "sendError" -> status = (Integer) args[0];
                            case "getStatus" -> {
                                return status;
                            }
                            default -> {
                                // nothing else is asked of a response here
                            }
                        }
                        return called.getReturnType() == boolean.class ? false : null;
                    });
        }
    }

    /** Hands out a session per request without one, closes one on DELETE, answers 404 for one it does not hold. */
    private static final class FakeTransport extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        private final Set<String> sessions = Collections.synchronizedSet(new LinkedHashSet<>());
        private final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
        /** The session each request that named one was for, in order. */
        private final List<String> served = Collections.synchronizedList(new ArrayList<>());

        private int next;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) {
            String session = request.getHeader(SessionOwners.SESSION_HEADER);
            if (session != null) {
                served.add(session);
            }
            if (session == null) {
                String id = "s" + ++next;
                sessions.add(id);
                response.setHeader(SessionOwners.SESSION_HEADER, id);
                response.setStatus(200);
                return;
            }
            if (request.getMethod().equals("DELETE")) {
                deleted.add(session);
            }
            boolean known =
                    request.getMethod().equals("DELETE") ? sessions.remove(session) : sessions.contains(session);
            response.setStatus(known ? 200 : 404);
        }
    }
}
