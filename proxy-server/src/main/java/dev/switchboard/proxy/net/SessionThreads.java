package dev.switchboard.proxy.net;

import dev.switchboard.proxy.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads of {@link DedicatedSession}s ({@code server.dedicatedThreads}): a cached pool of platform threads, each
 * serving one session at a time with a selector of its own, and one watcher thread. The watcher waits for the
 * requests of parked sessions (idle past the linger, holding no thread) and hands each to a pool thread; and it
 * reads the socket of a session whose request has run longer than {@link DedicatedSession#WATCH_AFTER_NANOS}, so
 * that a CANCEL acts at once and a client that leaves cancels its statement. It looks every {@link #TICK_MILLIS}
 * while there are sessions.
 */
final class SessionThreads implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionThreads.class);
    static final long TICK_MILLIS = 10;

    private final Metrics metrics;
    private final ConnectionLimiter limiter;
    private final ThreadLocal<Selector> selectors = new ThreadLocal<>();
    private final ExecutorService pool;
    private final Selector watchSelector;
    private final Thread watcher;
    private final Queue<DedicatedSession> parking = new ConcurrentLinkedQueue<>();
    private final Set<DedicatedSession> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger servingCount = new AtomicInteger();
    private final AtomicLong parks = new AtomicLong();
    private final int maxLingering;
    private volatile boolean closed;

    /**
     * @param maxLingering while more sessions than this are being served, a session does not wait on its thread for
     *                     its next request but parks at once: threads then stay about as many as running requests,
     *                     whatever the number of busy clients ({@code -Dswitchboard.lingeringSessions}, default 256)
     */
    SessionThreads(Metrics metrics, ConnectionLimiter limiter, int maxLingering) {
        this.metrics = metrics;
        this.limiter = limiter;
        this.maxLingering = maxLingering;
        ThreadFactory named = Thread.ofPlatform().daemon().name("sb-session-", 0).factory();
        // A pool thread's selector is an epoll descriptor: it closes with the thread (the cached pool ends threads
        // idle for a minute).
        this.pool = Executors.newCachedThreadPool(r -> named.newThread(() -> {
            try {
                r.run();
            } finally {
                closeSelector();
            }
        }));
        try {
            this.watchSelector = Selector.open();
        } catch (IOException e) {
            pool.shutdown();
            throw new UncheckedIOException("cannot open the session watcher's selector", e);
        }
        this.watcher = Thread.ofPlatform().daemon().name("sb-session-watch").start(this::watch);
        metrics.bindDedicatedSessions(() -> live.size() - parked(), this::parked, parks);
    }

    Metrics metrics() {
        return metrics;
    }

    /** Starts serving {@code s} on a pool thread. */
    void start(DedicatedSession s) {
        live.add(s);
        if (live.size() == 1) watchSelector.wakeup();  // the watcher sleeps without a tick while there is none
        execute(s::serve);
    }

    /** Runs blocking work for a session (its statement's cancel, its requests) on a pool thread. */
    void execute(Runnable work) {
        try {
            pool.execute(work);
        } catch (RejectedExecutionException e) {
            // Shutting down: no pool left. A thread of its own, since the caller may be an event loop or the watcher.
            Thread.ofPlatform().daemon().name("sb-session-late").start(work);
        }
    }

    /** A session's thread starts serving it; false when it stops (parked or ended). */
    void serving(boolean starts) {
        if (starts) servingCount.incrementAndGet();
        else servingCount.decrementAndGet();
    }

    /** May a session's thread wait for its next request, or should the session park at once? */
    boolean mayLinger() {
        return servingCount.get() <= maxLingering;
    }

    /** {@code s} has nothing to do: the watcher waits for its next request. */
    void park(DedicatedSession s) {
        parks.incrementAndGet();
        parking.add(s);
        watchSelector.wakeup();
    }

    /** {@code s} has ended: its connection no longer counts. */
    void ended(DedicatedSession s) {
        if (live.remove(s)) limiter.closedElsewhere();
    }

    /** The calling pool thread's selector. */
    Selector selector() throws IOException {
        Selector s = selectors.get();
        if (s == null) {
            s = Selector.open();
            selectors.set(s);
        }
        return s;
    }

    private void closeSelector() {
        Selector s = selectors.get();
        if (s == null) return;
        selectors.remove();
        try {
            s.close();
        } catch (IOException e) {
            log.debug("closing a session thread's selector: {}", e.toString());
        }
    }

    private int parked() {
        int n = 0;
        for (DedicatedSession s : live) if (s.parked()) n++;
        return n;
    }

    private void watch() {
        while (!closed) {
            try {
                watchSelector.select(live.isEmpty() ? 0 : TICK_MILLIS);
                for (SelectionKey key : watchSelector.selectedKeys()) {
                    ((DedicatedSession) key.attachment()).watcherReadable(key);
                }
                watchSelector.selectedKeys().clear();
                for (DedicatedSession s; (s = parking.poll()) != null; ) s.watcherPark(watchSelector);
                long now = System.nanoTime();
                for (DedicatedSession s : live) s.watcherTick(watchSelector, now);
            } catch (IOException | RuntimeException | Error e) {
                // Never let the watcher die: parked sessions would never be served again.
                if (!closed) log.warn("session watcher: {}", e.toString());
            }
        }
    }

    /**
     * Ends every session still served here: their connections close, and each session is closed (rolled back) on
     * its thread, parked ones too, before the threads stop (waiting up to 2 s, so the pools are not yet closed).
     */
    @Override
    public void close() {
        closed = true;
        watchSelector.wakeup();
        try {
            watcher.join(1000);
            watchSelector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.debug("closing the session watcher's selector: {}", e.toString());
        }
        for (DedicatedSession s : live) {
            s.close();                                   // a serving thread then ends its session
            if (s.parked()) s.endParked();               // no watcher left to hand a parked one to a thread
        }
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
