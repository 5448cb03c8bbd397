package dev.switchboard.bench;

/**
 * What a thread's operations report besides their latency: rows and bytes read inside the measured window (streaming
 * workloads), and whether the operation under way is cold (tenants workloads). Confined to one thread; the rows and
 * bytes are merged by {@link LoadGenerator} at the end.
 */
public final class Tally {
    private final long measureFrom;
    private final long until;
    private long rows;
    private long bytes;
    private boolean cold;

    Tally(long measureFromNanos, long untilNanos) {
        this.measureFrom = measureFromNanos;
        this.until = untilNanos;
    }

    /** Counts rows read just now; rows read before the measured window or after its end do not count. */
    public void add(long rowCount, long byteCount) {
        long now = System.nanoTime();
        if (now >= measureFrom && now < until) {
            rows += rowCount;
            bytes += byteCount;
        }
    }

    /**
     * Marks the operation under way as cold: its latency also goes to the cold histogram, if it counts at all. The
     * scenario decides what cold means (tenants: {@code scenario.RecentTenants}).
     */
    public void markCold() {
        cold = true;
    }

    /** True once the run is over: a long stream may stop early, since nothing it reads counts any more. */
    public boolean over() {
        return System.nanoTime() >= until;
    }

    /** Whether the operation that just ended was marked cold; clears the mark for the next one. */
    boolean takeCold() {
        boolean was = cold;
        cold = false;
        return was;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }
}
