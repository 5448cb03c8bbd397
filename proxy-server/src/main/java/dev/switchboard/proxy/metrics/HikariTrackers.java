package dev.switchboard.proxy.metrics;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;

/**
 * HikariCP's Micrometer metrics ({@code hikaricp_*{pool="<database>"}}), with one owner per database. Every pool of a
 * database has the same name, and Micrometer hands a second registration of the same series the first one's meter:
 * a fresh pool built while its evicted predecessor drains would report the old pool's gauges, and the old pool's
 * close would then remove the series under the new one. So the newest pool takes the series over (the old tracker's
 * meters are removed and registered again for the new pool), and a superseded tracker's close does nothing.
 *
 * <p>Thread-safe: HikariCP creates and closes trackers on several threads.
 */
final class HikariTrackers implements MetricsTrackerFactory {
    private final MicrometerMetricsTrackerFactory micrometer;
    private final Map<String, Tracker> owners = new HashMap<>();   // guarded by this

    HikariTrackers(MeterRegistry registry) {
        this.micrometer = new MicrometerMetricsTrackerFactory(registry);
    }

    @Override
    public synchronized IMetricsTracker create(String poolName, PoolStats stats) {
        Tracker previous = owners.get(poolName);
        if (previous != null) previous.detach();
        var tracker = new Tracker(poolName, micrometer.create(poolName, stats));
        owners.put(poolName, tracker);
        return tracker;
    }

    private synchronized void closed(Tracker tracker) {
        if (owners.get(tracker.poolName) == tracker) owners.remove(tracker.poolName);
    }

    /** Delegates to HikariCP's tracker until a newer pool of the same name takes the series over. */
    private final class Tracker implements IMetricsTracker {
        private final String poolName;
        private final IMetricsTracker delegate;
        private boolean detached;                               // guarded by HikariTrackers.this

        Tracker(String poolName, IMetricsTracker delegate) {
            this.poolName = poolName;
            this.delegate = delegate;
        }

        /** Removes this pool's series (the newer pool registers its own right after). Caller holds the lock. */
        void detach() {
            if (detached) return;
            detached = true;
            delegate.close();
        }

        // Recording into a detached tracker lands in meters no longer in the registry: harmless, and lock-free.
        @Override
        public void recordConnectionCreatedMillis(long millis) {
            delegate.recordConnectionCreatedMillis(millis);
        }

        @Override
        public void recordConnectionAcquiredNanos(long nanos) {
            delegate.recordConnectionAcquiredNanos(nanos);
        }

        @Override
        public void recordConnectionUsageMillis(long millis) {
            delegate.recordConnectionUsageMillis(millis);
        }

        @Override
        public void recordConnectionTimeout() {
            delegate.recordConnectionTimeout();
        }

        @Override
        public void close() {
            synchronized (HikariTrackers.this) {
                detach();
                closed(this);
            }
        }
    }
}
