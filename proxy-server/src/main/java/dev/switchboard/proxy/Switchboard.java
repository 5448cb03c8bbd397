package dev.switchboard.proxy;

import dev.switchboard.proxy.admin.AdminContext;
import dev.switchboard.proxy.admin.AdminServer;
import dev.switchboard.proxy.admin.Lifecycle;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.control.ConfigEditor;
import dev.switchboard.proxy.control.LiveConfig;
import dev.switchboard.proxy.control.Reloader;
import dev.switchboard.proxy.exec.QueryKnowledge;
import dev.switchboard.proxy.exec.Session;
import dev.switchboard.proxy.exec.Sessions;
import dev.switchboard.proxy.metrics.Metrics;
import dev.switchboard.proxy.net.ProxyServer;
import dev.switchboard.proxy.net.ServerContext;
import dev.switchboard.proxy.pool.ConnectionBudget;
import dev.switchboard.proxy.pool.PoolFactory;
import dev.switchboard.proxy.pool.PoolRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A running proxy: the composition root that wires config, registry, deciders, metrics, the Netty front end and the
 * admin API. Tests start one in-process; {@link Main} starts one for real. {@link #close()} stops at once,
 * {@link #shutdown} drains first.
 */
public final class Switchboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    /**
     * How the proxy was started, beyond its config.
     *
     * @param configFile the file the config came from: what reloads re-read and API edits write; empty for a config
     *                   built in memory (then reloads and edits are refused)
     * @param env        how {@code ${env:NAME}} is looked up on reloads: the function the config was loaded with
     * @param exit       runs after a shutdown requested through the admin API has drained and closed everything:
     *                   {@link Main} exits the process; tests observe it
     */
    public record Options(Optional<Path> configFile, Function<String, String> env, Runnable exit) {
        public static final Options IN_MEMORY = new Options(Optional.empty(), System::getenv, () -> { });

        public Options {
            Objects.requireNonNull(configFile, "configFile");
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(exit, "exit");
        }
    }

    private final LiveConfig live;
    private final Options options;
    private final ExecutorService jdbc;
    private final Metrics metrics;
    private final PoolFactory poolFactory;
    private final PoolRegistry registry;
    private final Sessions sessions;
    private final QueryKnowledge knowledge = new QueryKnowledge();
    private final Reloader reloader;
    private final Optional<java.util.concurrent.ScheduledExecutorService> catalogRefresher;
    private final Instant startedAt = Instant.now();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile ProxyServer server;
    private volatile AdminServer admin;

    private Switchboard(ServerConfig config, Options options) {
        this.live = new LiveConfig(config, Clock.systemUTC());
        this.options = options;
        this.jdbc = jdbcExecutor();
        this.metrics = new Metrics();
        this.poolFactory = new PoolFactory(PoolFactory.DEFAULT_HOUSEKEEPING_THREADS,
                new ConnectionBudget(config.registry().maxBackendConnections()), metrics.hikariTrackers());
        this.registry = new PoolRegistry(config.registry(), poolFactory, jdbc);
        this.sessions = new Sessions();
        this.reloader = new Reloader(live, registry, options.configFile(), options.env());
        this.catalogRefresher = reloader.catalog().map(catalog -> {
            // Read once before listening, so catalog users can log in from the first connection; then every refresh.
            reloader.refreshCatalog();
            var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("sb-catalog").factory());
            long every = catalog.settings().refresh().toMillis();
            timer.scheduleWithFixedDelay(reloader::refreshCatalog, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
            return timer;
        });
        metrics.bind(registry, config.registry().maxPools(), config.registry().maxBackendConnections());
        metrics.bindClients(this::clientCounts);
        metrics.bindReadAhead(knowledge.readAhead()::reserved, knowledge.readAhead().budget());
    }

    /**
     * Where blocking JDBC work runs (never on an event loop). Platform threads by default: pgjdbc blocks in a socket
     * read on every statement, and on a virtual thread each such read is a park, an epoll registration and a poller
     * wake-up (about a quarter of the proxy's CPU in the select1 profile, BENCHMARKS.md). The pool is cached: a thread
     * exists only while a request runs or shortly after. {@code -Dswitchboard.jdbcThreads=virtual} switches back.
     */
    private static ExecutorService jdbcExecutor() {
        if ("virtual".equals(System.getProperty("switchboard.jdbcThreads"))) {
            return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sb-jdbc-", 0).factory());
        }
        return Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("sb-jdbc-", 0).factory());
    }

    /** Starts a proxy on a config built in memory: no reloads or API edits. */
    public static Switchboard start(ServerConfig config) throws InterruptedException {
        return start(config, Options.IN_MEMORY);
    }

    /** Binds the wire-protocol and admin ports; blocks until both are bound, or fails with the bind error. */
    public static Switchboard start(ServerConfig config, Options options) throws InterruptedException {
        var proxy = new Switchboard(config, options);
        try {
            proxy.server = ProxyServer.start(new ServerContext(proxy.live, proxy.registry, proxy.sessions, proxy.jdbc,
                    proxy.metrics, proxy.knowledge));
            proxy.admin = AdminServer.start(config.admin(), new AdminContext(proxy.live, proxy.registry,
                    proxy.sessions, proxy.reloader, new ConfigEditor(proxy.reloader), proxy.metrics,
                    proxy.new ProcessLifecycle(), proxy.jdbc));
        } catch (Exception e) {                         // also the BindException Netty rethrows undeclared
            proxy.stop();
            throw e;
        }
        log.info("{} listening on {} ({} databases, {} users, poolMode={}, {}); admin API on {}{}", Version.SERVER,
                proxy.server.address(), config.databases().size(), config.users().size(),
                config.server().poolMode().name().toLowerCase(Locale.ROOT), proxy.server.transport(),
                proxy.admin.address(),
                config.admin().token().isPresent() ? "" : " (no admin.token: /api is off)");
        return proxy;
    }

    /** How the wire listener serves connections, as in the start-up line: {@code epoll, dedicated session threads}. */
    public String transport() {
        return server.transport();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public int port() {
        return server.address().getPort();
    }

    /** The admin API's address. */
    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** The config running now (a reload replaces it). */
    public ServerConfig config() {
        return live.config();
    }

    public PoolRegistry registry() {
        return registry;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** What sessions have learned about queries (result sizes, column details), shared by all. */
    public QueryKnowledge knowledge() {
        return knowledge;
    }

    /** True until a shutdown begins. */
    public boolean ready() {
        return !stopping.get();
    }

    /**
     * Stops accepting, lets sessions finish for up to {@code drain} (registry.drainTimeout by default), then closes
     * what is left, the pools, the admin port and the event loops. Returns at once when a shutdown has begun already.
     */
    public void shutdown(Duration drain) {
        if (stopping.compareAndSet(false, true)) drainAndStop(drain);
    }

    private void drainAndStop(Duration drain) {
        server.stopAccepting();
        Sessions.Drain drained = sessions.drainAll("server is shutting down");
        if (drained.told() > 0) {
            log.info("draining: GOAWAY sent to {} sessions; {} between transactions closed at once", drained.told(),
                    drained.closedIdle());
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (sessions.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (sessions.size() > 0) log.info("drain timeout: closing {} sessions still open", sessions.size());
        stop();
        log.info("stopped");
    }

    /** Closes everything that was started, in order; for a failed start too. */
    private void stop() {
        catalogRefresher.ifPresent(java.util.concurrent.ScheduledExecutorService::shutdownNow);
        if (server != null) server.close();
        registry.close();
        poolFactory.close();
        if (admin != null) admin.close();
        metrics.close();
        jdbc.shutdownNow();
    }

    private Metrics.ClientCounts clientCounts() {
        int idle = 0;
        int inTransaction = 0;
        int active = 0;
        for (Session s : sessions.all()) {
            switch (s.state()) {
                case IDLE -> idle++;
                case IN_TRANSACTION -> inTransaction++;
                case ACTIVE -> active++;
            }
        }
        ProxyServer s = server;
        int open = s == null ? 0 : s.clientConnections();
        return new Metrics.ClientCounts(Math.max(0, open - idle - inTransaction - active), idle, inTransaction, active);
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    /** The admin API's view of this proxy. */
    private final class ProcessLifecycle implements Lifecycle {
        @Override
        public boolean ready() {
            return Switchboard.this.ready();
        }

        @Override
        public Duration uptime() {
            return Duration.between(startedAt, Instant.now());
        }

        @Override
        public int clientConnections() {
            return server.clientConnections();
        }

        @Override
        public Optional<Runnable> beginShutdown(Duration drain) {
            if (!stopping.compareAndSet(false, true)) return Optional.empty();
            log.info("shutdown requested through the admin API: draining for up to {}", drain);
            // Before the 202 goes out: a login that completes after it is refused, not admitted until the drain
            // thread closes the listener.
            sessions.refuseNew();
            // Its own platform thread: the drain ends by stopping the executors the admin API runs on.
            return Optional.of(() -> Thread.ofPlatform().name("sb-shutdown").start(() -> {
                drainAndStop(drain);
                options.exit().run();
            }));
        }
    }
}
