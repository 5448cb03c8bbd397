package dev.switchboard.proxy.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.switchboard.proxy.pool.BackendPool;
import dev.switchboard.proxy.pool.EvictionCause;
import dev.switchboard.proxy.pool.PoolRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every metric the proxy exports (DESIGN.md "Metrics"), in one place, on one {@link PrometheusMeterRegistry}. Names
 * are Micrometer's dotted form; the Prometheus names (README "Operations") add {@code _total} to counters and
 * {@code _seconds} to timers.
 *
 * <p><b>Cardinality.</b> Only pools resident in the registry have series with a {@code database} tag (and HikariCP's
 * {@code hikaricp_*{pool}} series, which HikariCP removes when the pool closes). {@link #scrape()} first drops the
 * per-database series of pools that left the registry, after folding their counts into the proxy-wide counter, so a
 * proxy-wide counter never goes backwards when a pool goes. Everything else is tagged by small fixed sets (states,
 * outcomes, kinds, causes).
 *
 * <p>Thread-safe. Recording is lock-free; {@link #scrape()} takes a lock shared with the fold only.
 */
public final class Metrics implements AutoCloseable {
    public static final String PREFIX = "switchboard.";
    static final String CLIENT_CONNECTIONS = "switchboard.client.connections";
    static final String CLIENT_ATTEMPTS = "switchboard.client.connection.attempts";
    static final String AUTH_FAILURES = "switchboard.auth.failures";
    static final String REQUESTS = "switchboard.requests";
    static final String REQUEST_DURATION = "switchboard.request.duration";
    static final String BACKEND_WAIT = "switchboard.backend.wait";
    static final String BACKEND_BORROWS = "switchboard.backend.borrows";
    static final String BACKEND_IN_USE = "switchboard.backend.connections.in.use";
    static final String BACKEND_OPEN = "switchboard.backend.connections.open";
    static final String BACKEND_MAX = "switchboard.backend.connections.max";
    static final String BACKEND_RECLAIMS = "switchboard.backend.reclaims";
    static final String POOLS_OPEN = "switchboard.pools.open";
    static final String POOLS_MAX = "switchboard.pools.max";
    static final String POOLS_DRAINING = "switchboard.pools.draining";
    static final String READ_AHEAD = "switchboard.readahead.bytes";
    static final String POOL_CREATIONS = "switchboard.pool.creations";
    static final String POOL_EVICTIONS = "switchboard.pool.evictions";
    static final String POOL_CONNECTIONS = "switchboard.pool.connections";
    static final String POOL_WAITING = "switchboard.pool.waiting";
    static final String POOL_PAUSED = "switchboard.pool.paused";
    static final String POOL_BORROWS = "switchboard.pool.borrows";
    static final String BYTES_RECEIVED = "switchboard.client.received";
    static final String BYTES_SENT = "switchboard.client.sent";
    static final String PINS = "switchboard.pins";

    /** What a client connection attempt came to ({@code switchboard_client_connection_attempts_total{outcome}}). */
    public enum Attempt { ACCEPTED, REFUSED, AUTH_FAILED }

    /** Request kinds ({@code switchboard_requests_total{kind}}), one per client message that gets an answer. */
    public enum RequestKind { EXECUTE, FETCH, BATCH, TRANSACT, SET_OPTION, METADATA, PING }

    /** Why a transaction-mode session kept its backend connection beyond one statement. */
    public enum PinReason { TRANSACTION, CURSOR, SESSION_STATE }

    /** Client connections by state, for the {@code switchboard_client_connections{state}} gauge. */
    public record ClientCounts(int authenticating, int idle, int inTransaction, int active) {
    }

    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Attempt, Counter> attempts = new EnumMap<>(Attempt.class);
    private final Map<String, Counter> authFailures = new ConcurrentHashMap<>();
    private final Map<RequestKind, Counter> requestsOk = new EnumMap<>(RequestKind.class);
    private final Map<RequestKind, Counter> requestsFailed = new EnumMap<>(RequestKind.class);
    private final Map<RequestKind, Timer> durations = new EnumMap<>(RequestKind.class);
    private final Map<PinReason, Counter> pins = new EnumMap<>(PinReason.class);
    private final Timer backendWait;
    private final Counter bytesReceived;
    private final Counter bytesSent;
    /** Per-database series of resident pools, by database. */
    private final Map<String, PoolMeters> perDatabase = new ConcurrentHashMap<>();
    /** Borrows of pools whose series were dropped (or never made): their share of the proxy-wide counter. */
    private final LongAdder foldedBorrows = new LongAdder();
    private final Object foldLock = new Object();
    private volatile PoolRegistry pools;

    public Metrics() {
        for (Attempt a : Attempt.values()) {
            attempts.put(a, Counter.builder(CLIENT_ATTEMPTS).tag("outcome", tag(a))
                    .description("Client connection attempts by outcome").register(registry));
        }
        for (RequestKind k : RequestKind.values()) {
            requestsOk.put(k, requestCounter(k, "ok"));
            requestsFailed.put(k, requestCounter(k, "error"));
            durations.put(k, Timer.builder(REQUEST_DURATION).tag("kind", tag(k))
                    .description("Time from a request's start to its final answer")
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
        }
        for (PinReason r : PinReason.values()) {
            pins.put(r, Counter.builder(PINS).tag("reason", tag(r))
                    .description("Transaction-mode sessions that held a backend connection beyond one statement")
                    .register(registry));
        }
        backendWait = Timer.builder(BACKEND_WAIT)
                .description("Time to get a backend connection (borrow), including a paused database's wait")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        FunctionCounter.builder(BACKEND_BORROWS, this, Metrics::borrowsTotal)
                .description("Backend connections borrowed, all databases (pools that are gone included)")
                .register(registry);
        bytesReceived = Counter.builder(BYTES_RECEIVED).baseUnit("bytes")
                .description("Bytes received from clients (wire protocol)").register(registry);
        bytesSent = Counter.builder(BYTES_SENT).baseUnit("bytes")
                .description("Bytes sent to clients (wire protocol)").register(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private Counter requestCounter(RequestKind kind, String outcome) {
        return Counter.builder(REQUESTS).tag("kind", tag(kind)).tag("outcome", outcome)
                .description("Client requests by kind and outcome").register(registry);
    }

    /**
     * For HikariCP: its pools register {@code hikaricp_*{pool="<database>"}} here and remove them on close; the newest
     * pool of a database owns its series (see {@link HikariTrackers}).
     */
    public MetricsTrackerFactory hikariTrackers() {
        return new HikariTrackers(registry);
    }

    /** Exports the registry's gauges and counters, and makes its pools' per-database series. Call once. */
    public void bind(PoolRegistry registry, int maxPools, int maxBackendConnections) {
        this.pools = registry;
        FunctionCounter.builder(POOL_CREATIONS, registry, PoolRegistry::creations)
                .description("Pools created").register(this.registry);
        for (EvictionCause cause : EvictionCause.values()) {
            FunctionCounter.builder(POOL_EVICTIONS, registry, r -> r.evictions(cause)).tag("cause", tag(cause))
                    .description("Pools evicted, by cause").register(this.registry);
        }
        Gauge.builder(POOLS_OPEN, registry, r -> r.pools().size())
                .description("Pools resident in the registry, keepWarm ones included").register(this.registry);
        Gauge.builder(POOLS_DRAINING, registry, PoolRegistry::draining)
                .description("Evicted pools waiting for their leases before they close").register(this.registry);
        Gauge.builder(POOLS_MAX, () -> maxPools).description("registry.maxPools").register(this.registry);
        Gauge.builder(BACKEND_IN_USE, registry, r -> sum(r, p -> Math.max(0, p.totalConnections()
                        - p.idleConnections())))
                .description("Backend connections lent out, resident pools").register(this.registry);
        Gauge.builder(BACKEND_OPEN, registry, PoolRegistry::backendConnections)
                .description("Backend connections open (idle or lent out, draining pools included), counted against "
                        + "the global budget").register(this.registry);
        Gauge.builder(BACKEND_MAX, () -> maxBackendConnections)
                .description("registry.maxBackendConnections: the global budget").register(this.registry);
        FunctionCounter.builder(BACKEND_RECLAIMS, registry, PoolRegistry::reclaimedConnections)
                .description("Backend connections closed to free the global budget for another database")
                .register(this.registry);
    }

    /**
     * Exports the heap the read-ahead of streaming results holds now ({@code exec.ReadAhead}) and its budget: a value
     * that sits at the budget means results stream at their fetch size. Call once.
     */
    public void bindReadAhead(LongSupplier reserved, long budget) {
        String what = "Heap held by results read ahead of their clients, and its budget";
        Gauge.builder(READ_AHEAD, reserved::getAsLong).tag("state", "reserved").description(what).register(registry);
        Gauge.builder(READ_AHEAD, () -> budget).tag("state", "budget").description(what).register(registry);
    }

    /** Exports client connections by state, read from {@code counts} at each scrape. Call once. */
    public void bindClients(Supplier<ClientCounts> counts) {
        clientGauge("authenticating", () -> counts.get().authenticating());
        clientGauge("idle", () -> counts.get().idle());
        clientGauge("in_transaction", () -> counts.get().inTransaction());
        clientGauge("active", () -> counts.get().active());
    }

    /**
     * {@code switchboard_dedicated_sessions{state}}: sessions on threads of their own
     * ({@code server.dedicatedThreads}), {@code serving} (a thread runs or awaits their requests) or {@code parked}
     * (idle, no thread); and {@code switchboard_dedicated_parks_total}, how often one was parked.
     */
    public void bindDedicatedSessions(Supplier<Number> serving, Supplier<Number> parked, AtomicLong parks) {
        // The counter holds its state object weakly: the caller keeps {@code parks}, a lambda would be collected.
        FunctionCounter.builder("switchboard.dedicated.parks", parks, AtomicLong::doubleValue)
                .description("Times a session on a dedicated thread was parked (idle, thread given back)")
                .register(registry);
        Gauge.builder("switchboard.dedicated.sessions", serving).tag("state", "serving")
                .description("Sessions on dedicated threads, by state").register(registry);
        Gauge.builder("switchboard.dedicated.sessions", parked).tag("state", "parked")
                .description("Sessions on dedicated threads, by state").register(registry);
    }

    private void clientGauge(String state, Supplier<Number> value) {
        Gauge.builder(CLIENT_CONNECTIONS, value).tag("state", state)
                .description("Client connections by state").register(registry);
    }

    // ---- recording: lock-free, any thread ----

    public void attempt(Attempt outcome) {
        attempts.get(outcome).increment();
    }

    /** A failed login, by reason (the names of {@code Authenticator.Failure}); also counts an AUTH_FAILED attempt. */
    public void authFailed(Enum<?> reason) {
        authFailures.computeIfAbsent(tag(reason), r -> Counter.builder(AUTH_FAILURES).tag("reason", r)
                .description("Failed logins by reason").register(registry)).increment();
        attempt(Attempt.AUTH_FAILED);
    }

    /** One answered request. */
    public void request(RequestKind kind, boolean ok, long nanos) {
        (ok ? requestsOk : requestsFailed).get(kind).increment();
        durations.get(kind).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** One borrow (lease) of {@code database}'s backend connection that took {@code nanos}, successful or not. */
    public void backendWait(String database, long nanos) {
        backendWait.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (pools == null) {
            foldedBorrows.increment();
            return;
        }
        // A borrow means the pool is resident (or was a moment ago): its series start here, and the next scrape
        // drops them again if the pool has gone meanwhile.
        PoolMeters meters = perDatabase.get(database);
        if (meters == null) meters = perDatabase.computeIfAbsent(database, this::register);
        meters.borrows.increment();
    }

    public void pinned(PinReason reason) {
        pins.get(reason).increment();
    }

    public void bytesReceived(long n) {
        bytesReceived.increment(n);
    }

    public void bytesSent(long n) {
        bytesSent.increment(n);
    }

    // ---- exposition ----

    /** The Prometheus text format (0.0.4), after bringing per-database series in line with the resident pools. */
    public String scrape() {
        syncPools();
        return registry.scrape();
    }

    /** The Micrometer registry, for tests and for binders. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Adds series for pools that became resident and drops (folding their counts) those of pools that left. */
    void syncPools() {
        PoolRegistry r = pools;
        if (r == null) return;
        Set<String> resident = r.pools().stream().map(BackendPool::database).collect(Collectors.toSet());
        synchronized (foldLock) {
            for (String database : List.copyOf(perDatabase.keySet())) {
                if (resident.contains(database)) continue;
                PoolMeters gone = perDatabase.remove(database);
                foldedBorrows.add(gone.borrows.sum());
                gone.meters.forEach(registry::remove);
            }
            for (String database : resident) perDatabase.computeIfAbsent(database, this::register);
        }
    }

    private double borrowsTotal() {
        synchronized (foldLock) {
            long total = foldedBorrows.sum();
            for (PoolMeters m : perDatabase.values()) total += m.borrows.sum();
            return total;
        }
    }

    private PoolMeters register(String database) {
        var m = new PoolMeters();
        PoolRegistry r = pools;
        m.meters.add(Gauge.builder(POOL_CONNECTIONS, () -> r.find(database)
                        .map(p -> Math.max(0, p.totalConnections() - p.idleConnections())).orElse(0))
                .tags("database", database, "state", "active")
                .description("Backend connections of the database's pool, by state").register(registry));
        m.meters.add(Gauge.builder(POOL_CONNECTIONS, () -> r.find(database)
                        .map(BackendPool::idleConnections).orElse(0))
                .tags("database", database, "state", "idle")
                .description("Backend connections of the database's pool, by state").register(registry));
        m.meters.add(Gauge.builder(POOL_WAITING, () -> r.find(database).map(BackendPool::waitingBorrowers).orElse(0)
                        + r.waitingForResume(database))
                .tag("database", database)
                .description("Requests waiting for a backend connection of the database").register(registry));
        m.meters.add(Gauge.builder(POOL_PAUSED, () -> r.isPaused(database) ? 1 : 0)
                .tag("database", database).description("1 while the database is paused").register(registry));
        m.meters.add(FunctionCounter.builder(POOL_BORROWS, m.borrows, LongAdder::sum)
                .tag("database", database)
                .description("Backend connections borrowed from the database's pool while it is resident")
                .register(registry));
        return m;
    }

    private static int sum(PoolRegistry r, java.util.function.ToIntFunction<BackendPool> f) {
        return r.pools().stream().mapToInt(f).sum();
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** The series of one resident database. */
    private static final class PoolMeters {
        final LongAdder borrows = new LongAdder();
        final List<Meter> meters = new ArrayList<>();
    }
}
