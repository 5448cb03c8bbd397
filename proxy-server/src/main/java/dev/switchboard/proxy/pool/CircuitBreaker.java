package dev.switchboard.proxy.pool;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per-database circuit breaker. A backend that keeps refusing connections would otherwise make every request wait
 * out {@code pool.connectionTimeout} before failing; after {@code threshold} consecutive connection failures the
 * breaker opens and new work fails at once with 08001 naming the database and when the next probe is due. After
 * the cool-down one request goes through as a probe (half-open): success closes the breaker, failure opens it again
 * for twice as long (up to {@code maxCooldown}). Capacity errors (53300) and statement errors do not count.
 * Thread-safe; the registry keeps one per database, also while its pool is evicted.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final String database;
    private final int threshold;
    private final Duration baseCooldown;
    private final Duration maxCooldown;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int failures;
    private long openUntilNanos;
    private Duration cooldown;

    CircuitBreaker(String database, int threshold, Duration baseCooldown, Duration maxCooldown,
                   LongSupplier nanoClock) {
        this.database = database;
        this.threshold = threshold;
        this.baseCooldown = baseCooldown;
        this.maxCooldown = maxCooldown;
        this.cooldown = baseCooldown;
        this.nanoClock = nanoClock;
    }

    /**
     * Lets a request try the backend, or fails it fast.
     *
     * @throws SQLException 08001 while the breaker is open, or half-open with its probe already under way
     */
    synchronized void beforeBorrow() throws SQLException {
        switch (state) {
            case CLOSED -> { }
            case OPEN -> {
                long wait = openUntilNanos - nanoClock.getAsLong();
                if (wait > 0) throw open(Duration.ofNanos(wait));
                state = State.HALF_OPEN;                    // this caller is the probe
            }
            case HALF_OPEN -> throw open(Duration.ZERO);
        }
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        cooldown = baseCooldown;
    }

    /** A connection failure (class 08/28 from connecting), not a full pool or a failing statement. */
    synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN) {
            cooldown = min(cooldown.multipliedBy(2), maxCooldown);
            trip();
        } else if (state == State.CLOSED && failures >= threshold) {
            trip();
        }
    }

    /** A request that passed {@link #beforeBorrow} ended without telling either way (e.g. cancelled). */
    synchronized void onAbandoned() {
        if (state == State.HALF_OPEN) {
            state = State.OPEN;                             // let the next caller probe
            openUntilNanos = nanoClock.getAsLong();
        }
    }

    synchronized State state() {
        return state;
    }

    private void trip() {
        state = State.OPEN;
        openUntilNanos = nanoClock.getAsLong() + cooldown.toNanos();
    }

    private SQLException open(Duration nextProbeIn) {
        return new SQLNonTransientConnectionException("database \"" + database + "\" is unavailable: its backend "
                + "failed " + failures + " connection attempts in a row (circuit open"
                + (nextProbeIn.isZero() ? ", probe under way" : ", next probe in " + BorrowFailure.human(nextProbeIn))
                + ")", BorrowFailure.CANNOT_CONNECT);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
