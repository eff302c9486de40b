package dev.tabletalk.benchmarks;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-loop HTTP load: {@code clients} threads, each sending one request after the other over a shared JDK
 * {@link HttpClient} (HTTP/1.1, keep-alive), for as long as a window lasts. A window reports the requests that
 * started and finished inside it, their latencies, and what the server's threads spent meanwhile
 * ({@link ThreadCosts}: every thread of this JVM except the load's own).
 */
final class HttpLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpLoad.class);
    private static final String THREAD_PREFIX = "load-";
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    /** One request a client sends: its body and headers, chosen per request number. */
    @FunctionalInterface
    interface Requests {
        HttpRequest next(int client, long sequence);
    }

    /** What a client does with a reply: returns false when it is not the expected answer. */
    @FunctionalInterface
    interface Check {
        boolean accept(int client, HttpResponse<String> response);
    }

    /** What one measured window saw. */
    record Window(
            long requests,
            long errors,
            double seconds,
            long[] latenciesNanos,
            long serverCpuNanos,
            long serverAllocatedBytes,
            long processCpuNanos,
            MachineCpu machine,
            long compileMillis) {

        double throughput() {
            return requests / seconds;
        }

        double percentileMillis(int percent) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * percent / 100))] / 1e6;
        }

        /** The windows together, as if they were one. */
        static Window combine(List<Window> windows) {
            long[] latencies = windows.stream()
                    .flatMapToLong(window -> Arrays.stream(window.latenciesNanos))
                    .toArray();
            return new Window(
                    windows.stream().mapToLong(Window::requests).sum(),
                    windows.stream().mapToLong(Window::errors).sum(),
                    windows.stream().mapToDouble(Window::seconds).sum(),
                    latencies,
                    windows.stream().mapToLong(Window::serverCpuNanos).sum(),
                    windows.stream().mapToLong(Window::serverAllocatedBytes).sum(),
                    windows.stream().mapToLong(Window::processCpuNanos).sum(),
                    new MachineCpu(
                            windows.stream()
                                    .mapToLong(w -> w.machine.busyNanos())
                                    .sum(),
                            windows.stream()
                                    .mapToLong(w -> w.machine.databaseNanos())
                                    .sum()),
                    windows.stream().mapToLong(Window::compileMillis).sum());
        }

        /**
         * The share of the window's wall time the JIT's compiler threads spent compiling, summed over them (0.25: a
         * quarter of one core): a warm server compiles next to nothing.
         */
        double compiling() {
            return compileMillis / (seconds * 1000);
        }
    }

    private final String name;
    private final HttpClient client;
    private final ExecutorService clientThreads;
    private final int clients;
    private final Requests requests;
    private final Check check;
    /** Whether the first failed request of a window was logged: what failed, so that an error count can be read. */
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private HttpLoad(
            String name,
            HttpClient client,
            ExecutorService clientThreads,
            int clients,
            Requests requests,
            Check check) {
        this.name = name;
        this.client = client;
        this.clientThreads = clientThreads;
        this.clients = clients;
        this.requests = requests;
        this.check = check;
    }

    /** A load of {@code clients} concurrent clients; each keeps its connection open between requests. */
    static HttpLoad of(String name, int clients, Requests requests, Check check) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService clientThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + name + "-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(clientThreads)
                .build();
        return new HttpLoad(name, client, clientThreads, clients, requests, check);
    }

    /** A request builder for {@code uri} with the time-out every request of a load has. */
    static HttpRequest.Builder post(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Keeps the load on for {@code settle}, then measures for {@code measure} while it stays on. */
    Window run(Duration settle, Duration measure) throws InterruptedException {
        AtomicLong windowStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong sequence = new AtomicLong();
        List<Client> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client loop = new Client(i, sequence, windowStart);
            running.add(loop);
            loop.thread.start();
        }
        Thread.sleep(settle.toMillis());
        ThreadCosts before = ThreadCosts.now(HttpLoad::isLoadThread);
        MachineCpu machineBefore = MachineCpu.now();
        long compiledBefore = compiledMillis();
        long start = System.nanoTime();
        windowStart.set(start);
        Thread.sleep(measure.toMillis());
        long end = System.nanoTime();
        ThreadCosts after = ThreadCosts.now(HttpLoad::isLoadThread);
        MachineCpu machine = MachineCpu.now().since(machineBefore);
        long compiled = compiledMillis() - compiledBefore;
        for (Client loop : running) {
            loop.stop = true;
        }
        long requestsInWindow = 0;
        long errors = 0;
        List<long[]> latencies = new ArrayList<>();
        for (Client loop : running) {
            loop.thread.join();
            long[] inWindow = loop.finishedBy(end);
            requestsInWindow += inWindow.length;
            latencies.add(inWindow);
            errors += loop.errors;
        }
        return new Window(
                requestsInWindow,
                errors,
                (end - start) / 1e9,
                latencies.stream().flatMapToLong(Arrays::stream).toArray(),
                after.cpuNanos(before),
                after.allocatedBytes(before),
                after.processCpuNanos() - before.processCpuNanos(),
                machine,
                compiled);
    }

    /** The JIT's compiling time so far, summed over its threads; 0 on a JVM that has no JIT or does not tell it. */
    private static long compiledMillis() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported()
                ? COMPILER.getTotalCompilationTime()
                : 0;
    }

    /** The threads of a load and of its HTTP client (its selector thread included), left out of the server's costs. */
    static boolean isLoadThread(String name) {
        return name.startsWith(THREAD_PREFIX) || name.startsWith("HttpClient-");
    }

    @Override
    public void close() {
        clientThreads.shutdownNow();
    }

    private void logFirstFailure(HttpResponse<String> response, IOException failure) {
        if (failureLogged.compareAndSet(false, true)) {
            String body = response == null ? "" : response.body();
            LOG.warn(
                    "{}: the first failed request in a measured window: {}",
                    name,
                    response == null
                            ? failure.toString()
                            : "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
        }
    }

    /** One client: a thread that sends, waits for the reply and sends again. */
    private final class Client implements Runnable {
        private final int index;
        private final AtomicLong sequence;
        private final AtomicLong windowStart;
        private final Thread thread;
        private long[] starts = new long[1024];
        private long[] latencies = new long[1024];
        private int count;
        private long errors;
        private volatile boolean stop;

        Client(int index, AtomicLong sequence, AtomicLong windowStart) {
            this.index = index;
            this.sequence = sequence;
            this.windowStart = windowStart;
            this.thread = new Thread(this, THREAD_PREFIX + "client-" + index);
        }

        @Override
        public void run() {
            while (!stop) {
                HttpRequest request = requests.next(index, sequence.getAndIncrement());
                long started = System.nanoTime();
                boolean answered;
                HttpResponse<String> response = null;
                IOException failure = null;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    answered = check.accept(index, response);
                } catch (IOException e) {
                    failure = e;
                    answered = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long finished = System.nanoTime();
                if (started < windowStart.get()) {
                    continue;
                }
                if (!answered) {
                    errors++;
                    logFirstFailure(response, failure);
                    continue;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                starts[count] = started;
                latencies[count] = finished - started;
                count++;
            }
        }

        /** The latencies of the requests that finished by {@code end} (all of them started in the window). */
        long[] finishedBy(long end) {
            long[] inWindow = new long[count];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (starts[i] + latencies[i] <= end) {
                    inWindow[kept++] = latencies[i];
                }
            }
            return Arrays.copyOf(inWindow, kept);
        }
    }
}
