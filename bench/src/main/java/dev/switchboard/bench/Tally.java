package dev.switchboard.bench;

/**
 * Rows and bytes a thread reads inside the measured window; confined to one thread and merged by
 * {@link LoadGenerator} at the end. Only streaming workloads use it.
 */
public final class Tally {
    private final long measureFrom;
    private final long until;
    private long rows;
    private long bytes;

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

    /** True once the run is over: a long stream may stop early, since nothing it reads counts any more. */
    public boolean over() {
        return System.nanoTime() >= until;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }
}
