package dev.switchboard.bench.target;

/**
 * How many connection pools a target has created and evicted since it started: monotonic counters, read at the edges
 * of the measured window and subtracted. Evicted means pushed out to make room or for idleness, not closed at
 * shutdown.
 */
public record PoolCounts(long created, long evicted) {
    public PoolCounts {
        if (created < 0 || evicted < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were " + created + " and " + evicted);
        }
    }

    /** What happened between {@code earlier} and this reading. */
    public PoolCounts since(PoolCounts earlier) {
        return new PoolCounts(created - earlier.created, evicted - earlier.evicted);
    }

    public PoolCounts plus(PoolCounts other) {
        return new PoolCounts(created + other.created, evicted + other.evicted);
    }
}
