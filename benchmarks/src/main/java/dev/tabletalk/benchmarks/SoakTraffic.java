package dev.tabletalk.benchmarks;

import dev.tabletalk.benchmarks.SoakReplies.Kind;
import dev.tabletalk.benchmarks.SoakReplies.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak's open-loop load (issue #17): one scheduler thread starts a {@code POST /chat} turn every
 * {@code 1/rate} seconds whatever the replies, on up to {@value #MAX_IN_FLIGHT} turns in flight, alternating between
 * the servers so that one conversation's turns (a preview and its confirm included) move between them.
 *
 * <p>{@code newSessionsPerSecond} times a second (by the clock) a turn opens a conversation ("show customers" without a session id)
 * of a random tenant; a conversation takes turns for {@link #SESSION_LIFETIME} and is then left alone, so that the
 * session store drops it by its idle time-to-live while the run goes on. Each other turn goes to a conversation
 * waiting for its next turn: one with a preview gets "confirm"; any other starts a create of a uniquely named
 * customer (10%), an update of the city of one of its tenant's customers not updated before (10%), or reads its
 * tenant's customers, all of them or the ones in Berlin. A turn that could not be started within
 * {@link #LATE_AFTER} of its time (no free slot, or no conversation waiting) is late; when the scheduler is more than
 * {@link #GIVE_UP_AFTER} behind, the turns it missed are given up (counted, never sent), so that a slow stretch is
 * not followed by a burst.
 *
 * <p>What the replies said of each write is kept for the checks ({@link SoakLedger}). A reply is the expected one, a
 * failure that says honestly what it did, or unexpected ({@link SoakReplies}). Without faults every failure counts
 * as an error. With them ({@code chaos}) an honest failure does not, and a start, or a confirm whose preview still
 * stands, is sent again up to {@value #MAX_ATTEMPTS} times, as a person would; a conversation whose start or confirm
 * is given up is left alone (it may hold a draft). The bookkeeping is allocated up front or bounded, so that it does
 * not grow the heap the soak measures.
 */
final class SoakTraffic implements AutoCloseable {

    static final int ROWS_PER_TENANT = 50;
    static final Duration SESSION_LIFETIME = Duration.ofSeconds(30);
    static final Duration LATE_AFTER = Duration.ofMillis(50);
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(SoakTraffic.class);
    private static final int MAX_IN_FLIGHT = 512;
    private static final String BERLIN_READ = "show customers where city is Berlin";
    /** The load generator's HTTP client threads. */
    private static final int CLIENT_THREADS = 8;

    private static final int INITIAL_IN_FLIGHT = 8;
    private static final int MAX_SAMPLES = 5;
    /** How many times a start or a confirm that failed honestly is sent again before its conversation is left. */
    private static final int MAX_ATTEMPTS = 3;
    /** What a conversation's next turn is. */
    private enum Pending {
        NOTHING,
        CONFIRM_CREATE,
        CONFIRM_UPDATE
    }

    /** One conversation; only the one turn in flight on it touches it. */
    private static final class Conversation {
        final long tenant;
        final long retireAtNanos;
        String id;
        Pending pending = Pending.NOTHING;
        int number;
        int customer;
        /** A start or confirm to send again after it failed honestly, with the attempts made so far. */
        Kind retry;

        String retryMessage;
        int attempts;

        Conversation(long tenant, long retireAtNanos) {
            this.tenant = tenant;
            this.retireAtNanos = retireAtNanos;
        }
    }

    /** What the load saw, read after {@link #stop()}. */
    record Totals(
            long sent,
            long answered,
            long errors,
            long late,
            long givenUp,
            long conversationsOpened,
            long conversationsRetired,
            long[] perServer,
            long failures,
            long lastFailureNanos,
            Map<String, Long> failureCodes,
            List<String> samples) {}

    private final List<URI> servers;
    private final int rate;
    private final int tenants;
    private final int newSessionsPerSecond;
    private final boolean chaos;
    private final SoakLedger ledger;
    private final HttpClient client;
    private final ExecutorService clientThreads;
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final LinkedBlockingQueue<Conversation> waiting = new LinkedBlockingQueue<>();
    private final Thread scheduler;
    private volatile boolean stopping;

    private final LatencyHistogram latencies = new LatencyHistogram();
    private final AtomicLong sent = new AtomicLong();
    private final LongAdder answered = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder givenUp = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder retired = new LongAdder();
    private final AtomicLong[] perServer;
    private final LongAdder failures = new LongAdder();
    private final AtomicLong lastFailure = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, Long> failureCodes = new ConcurrentHashMap<>();
    private final List<String> samples = new ArrayList<>();

    private final AtomicInteger createNumbers = new AtomicInteger();
    private final AtomicInteger updateNumbers = new AtomicInteger();
    private final int[] updatesTaken;

    private SoakTraffic(List<URI> servers, int rate, int tenants, int newSessionsPerSecond, boolean chaos) {
        this.servers = List.copyOf(servers);
        this.rate = rate;
        this.tenants = tenants;
        this.newSessionsPerSecond = newSessionsPerSecond;
        this.chaos = chaos;
        this.ledger = new SoakLedger(tenants * ROWS_PER_TENANT);
        AtomicInteger threads = new AtomicInteger();
        // a fixed pool: the client's callbacks do not block, and a cached pool's threads (each with its buffers)
        // would come and go with the load, moving the heap the soak measures
        this.clientThreads = Executors.newFixedThreadPool(CLIENT_THREADS, task -> {
            Thread thread = new Thread(task, "load-soak-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(clientThreads)
                .build();
        this.perServer = new AtomicLong[servers.size()];
        for (int i = 0; i < perServer.length; i++) {
            perServer[i] = new AtomicLong();
        }
        this.updatesTaken = new int[tenants + 1];
        this.scheduler = new Thread(this::schedule, "load-soak-scheduler");
        this.scheduler.setDaemon(true);
    }

    /**
     * Opens {@code newSessionsPerSecond x} {@link #SESSION_LIFETIME} conversations (their lifetimes spread as in the
     * steady state) and starts the scheduler.
     */
    static SoakTraffic start(List<URI> servers, int rate, int tenants, int newSessionsPerSecond, boolean chaos)
            throws InterruptedException {
        SoakTraffic traffic = new SoakTraffic(servers, rate, tenants, newSessionsPerSecond, chaos);
        int initial = (int) (newSessionsPerSecond * SESSION_LIFETIME.toSeconds());
        long now = System.nanoTime();
        // a few at a time: a burst of first turns on cold servers would only measure the JIT
        for (int i = 0; i < initial; i++) {
            traffic.slots.acquire();
            traffic.open(now + SESSION_LIFETIME.toNanos() * i / initial);
            if (i % INITIAL_IN_FLIGHT == INITIAL_IN_FLIGHT - 1) {
                traffic.slots.acquire(MAX_IN_FLIGHT);
                traffic.slots.release(MAX_IN_FLIGHT);
            }
        }
        traffic.slots.acquire(MAX_IN_FLIGHT);
        traffic.slots.release(MAX_IN_FLIGHT);
        LOG.info("opened {} conversations; starting {} turns/s", initial, rate);
        traffic.scheduler.start();
        return traffic;
    }

    private void schedule() {
        long period = 1_000_000_000L / rate;
        long openPeriod = 1_000_000_000L / newSessionsPerSecond;
        long start = System.nanoTime();
        long nextOpen = start;
        for (long turn = 0; !stopping; turn++) {
            long due = start + turn * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0 && !stopping) {
                LockSupport.parkNanos(wait);
            }
            long behind = System.nanoTime() - due;
            if (behind > GIVE_UP_AFTER.toNanos()) {
                // open loop: the turns more than a second behind are not sent later, so the schedule stays on time
                long missed = behind / period;
                givenUp.add(missed);
                turn += missed;
                due += missed * period;
            }
            try {
                slots.acquire();
                // new conversations by the clock, at a fixed rate; any behind are opened one a turn until caught up
                if (due >= nextOpen) {
                    nextOpen += openPeriod;
                    noteLateness(due);
                    open(System.nanoTime() + SESSION_LIFETIME.toNanos());
                    continue;
                }
                Conversation conversation = null;
                while (conversation == null && !stopping) {
                    conversation = waiting.poll(100, TimeUnit.MILLISECONDS);
                }
                if (conversation == null) {
                    slots.release();
                    return;
                }
                noteLateness(due);
                next(conversation);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void noteLateness(long due) {
        if (System.nanoTime() - due > LATE_AFTER.toNanos()) {
            late.increment();
        }
    }

    private void open(long retireAtNanos) {
        Conversation conversation = new Conversation(ThreadLocalRandom.current().nextLong(tenants) + 1, retireAtNanos);
        opened.increment();
        send(conversation, Kind.OPEN, "show customers");
    }

    /** Chooses and sends the conversation's next turn; holds a slot. */
    private void next(Conversation conversation) {
        if (conversation.retry != null) {
            send(conversation, conversation.retry, conversation.retryMessage);
            return;
        }
        switch (conversation.pending) {
            case CONFIRM_CREATE -> send(conversation, Kind.CONFIRM_CREATE, "confirm");
            case CONFIRM_UPDATE -> send(conversation, Kind.CONFIRM_UPDATE, "confirm");
            case NOTHING -> {
                double choice = ThreadLocalRandom.current().nextDouble();
                int tenant = (int) conversation.tenant;
                if (choice < 0.1 && createNumbers.get() < SoakLedger.MAX_CREATES) {
                    int number = createNumbers.incrementAndGet();
                    ledger.createSent(number);
                    conversation.number = number;
                    send(conversation, Kind.START_CREATE, "add a customer named " + createName(number));
                } else if (choice < 0.2 && takeUpdate(tenant)) {
                    conversation.customer = (tenant - 1) * ROWS_PER_TENANT + updatesTaken[tenant];
                    conversation.number = updateNumbers.incrementAndGet();
                    send(
                            conversation,
                            Kind.START_UPDATE,
                            "set the city of customer " + conversation.customer + " to " + city(conversation.number));
                } else if (choice < 0.6) {
                    send(conversation, Kind.READ, BERLIN_READ);
                } else {
                    send(conversation, Kind.READ, "show customers");
                }
            }
        }
    }

    /**
     * Whether a read of the tenant's customers in Berlin may rightly find none: every tenant has 50 customers, about
     * a quarter of them seeded in Berlin, and only once an update has begun for each of those (updates take the
     * tenant's customers in id order) may none be left there.
     */
    private boolean berlinMayBeEmpty(int tenant) {
        int lastInBerlin = tenant * ROWS_PER_TENANT - (tenant * ROWS_PER_TENANT) % SoakLedger.SEEDED_CITIES.length;
        synchronized (updatesTaken) {
            return (tenant - 1) * ROWS_PER_TENANT + updatesTaken[tenant] >= lastInBerlin;
        }
    }

    private boolean takeUpdate(int tenant) {
        synchronized (updatesTaken) {
            if (updatesTaken[tenant] >= ROWS_PER_TENANT) {
                return false;
            }
            updatesTaken[tenant]++;
            return true;
        }
    }

    static String createName(int number) {
        return "Soak-" + number;
    }

    static String city(int number) {
        return "Town-" + number;
    }

    private void send(Conversation conversation, Kind kind, String message) {
        long turn = sent.getAndIncrement();
        int server = (int) (turn % servers.size());
        perServer[server].incrementAndGet();
        String body = conversation.id == null
                ? "{\"message\":\"" + message + "\"}"
                : "{\"sessionId\":\"" + conversation.id + "\",\"message\":\"" + message + "\"}";
        HttpRequest request = HttpLoad.post(servers.get(server), body)
                .header("X-User-Context", identity(conversation.tenant))
                .build();
        long started = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                latencies.record(System.nanoTime() - started);
                answered.increment();
                boolean mayFindNothing = message.equals(BERLIN_READ) && berlinMayBeEmpty((int) conversation.tenant);
                SoakReplies.Reading reading = failure == null
                        ? SoakReplies.read(
                                kind, response.statusCode(), response.body(), conversation.id, mayFindNothing)
                        : SoakReplies.unanswered(kind);
                note(conversation, kind, reading, started);
                if (reading.verdict() == Verdict.UNEXPECTED
                        || (reading.verdict() == Verdict.FAILED_HONESTLY && !chaos)) {
                    errors.increment();
                    sample(kind + " \"" + message + "\" after "
                            + (System.nanoTime() - started) / 1_000_000 + " ms: "
                            + (failure != null ? failure.toString() : response.statusCode() + " " + response.body()));
                }
                // a start, or a confirm whose preview still stands, is sent again, as a person would
                boolean again = reading.verdict() == Verdict.FAILED_HONESTLY
                        && chaos
                        && !reading.settled()
                        && (kind.starts() || kind.confirms())
                        && conversation.attempts < MAX_ATTEMPTS;
                conversation.retry = again ? kind : null;
                conversation.retryMessage = again ? message : null;
                conversation.attempts = again ? conversation.attempts + 1 : 0;
                if (reading.verdict() != Verdict.EXPECTED && !again) {
                    conversation.pending = Pending.NOTHING;
                }
                if (conversation.id == null) {
                    return;
                }
                if (reading.verdict() != Verdict.EXPECTED && !again && kind != Kind.READ) {
                    // a start or confirm given up on may have left a draft: the conversation is left alone
                    retired.increment();
                } else if (conversation.pending == Pending.NOTHING && System.nanoTime() > conversation.retireAtNanos) {
                    retired.increment();
                } else {
                    waiting.add(conversation);
                }
            } finally {
                slots.release();
            }
        });
    }

    /** Keeps what the reply said: its failure, its claim on the turn's write, and where the conversation stands. */
    private void note(Conversation conversation, Kind kind, SoakReplies.Reading reading, long started) {
        if (reading.failureCode() != null) {
            failureCodes.merge(reading.failureCode(), 1L, Long::sum);
        }
        if (reading.verdict() == Verdict.FAILED_HONESTLY) {
            failures.increment();
            lastFailure.accumulateAndGet(started, Math::max);
        }
        switch (kind) {
            case CONFIRM_CREATE -> ledger.createClaimed(conversation.number, reading.claim());
            case CONFIRM_UPDATE -> ledger.updateClaimed(conversation.customer, conversation.number, reading.claim());
            default -> {
                // reads and starts write nothing
            }
        }
        if (reading.verdict() != Verdict.EXPECTED) {
            return;
        }
        if (kind == Kind.OPEN) {
            conversation.id = reading.sessionId().isEmpty() ? null : reading.sessionId();
        } else if (kind.starts()) {
            conversation.pending = kind == Kind.START_CREATE ? Pending.CONFIRM_CREATE : Pending.CONFIRM_UPDATE;
        } else if (kind.confirms()) {
            conversation.pending = Pending.NOTHING;
        }
    }

    private void sample(String text) {
        synchronized (samples) {
            if (samples.size() < MAX_SAMPLES) {
                samples.add(text.length() > 400 ? text.substring(0, 400) + "…" : text);
            }
        }
    }

    private static String identity(long tenant) {
        String json = "{\"user_id\":\"u-" + tenant + "\",\"user_role\":\"editor\",\"company_id\":" + tenant + "}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Turns sent and errors so far, for progress lines. */
    long sentSoFar() {
        return sent.get();
    }

    long errorsSoFar() {
        return errors.sum();
    }

    long failuresSoFar() {
        return failures.sum();
    }

    long lateSoFar() {
        return late.sum();
    }

    LatencyHistogram latencies() {
        return latencies;
    }

    /** Stops starting turns and waits up to a minute for the ones in flight; false if some never answered. */
    boolean stop() throws InterruptedException {
        stopping = true;
        scheduler.join(10_000);
        boolean drained = slots.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS);
        if (drained) {
            slots.release(MAX_IN_FLIGHT);
        }
        return drained;
    }

    Totals totals() {
        long[] servedBy = new long[perServer.length];
        for (int i = 0; i < servedBy.length; i++) {
            servedBy[i] = perServer[i].get();
        }
        synchronized (samples) {
            return new Totals(
                    sent.get(),
                    answered.sum(),
                    errors.sum(),
                    late.sum(),
                    givenUp.sum(),
                    opened.sum(),
                    retired.sum(),
                    servedBy,
                    failures.sum(),
                    lastFailure.get(),
                    Map.copyOf(failureCodes),
                    List.copyOf(samples));
        }
    }

    /** What the replies said of each write. */
    SoakLedger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        stopping = true;
        clientThreads.shutdownNow();
    }
}
