package dev.switchboard.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of one run, in microseconds, from an HdrHistogram recorded in nanoseconds (3 significant
 * digits). The load is closed-loop (each thread waits for its answer), so these are service times: they do not
 * include the queueing an open-loop client would see (coordinated omission).
 */
public record LatencyReport(long count, double meanUs, double p50Us, double p99Us, double p999Us, double maxUs) {
    /** Highest latency tracked: a single operation longer than this is clamped (bigresult streams take seconds). */
    static final long HIGHEST_NANOS = 10L * 60 * 1_000_000_000;

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    static void record(Histogram h, long nanos) {
        h.recordValue(Math.min(Math.max(nanos, 1), HIGHEST_NANOS));
    }

    public static LatencyReport of(Histogram h) {
        if (h.getTotalCount() == 0) return new LatencyReport(0, 0, 0, 0, 0, 0);
        return new LatencyReport(h.getTotalCount(), h.getMean() / 1e3, us(h, 50), us(h, 99), us(h, 99.9),
                h.getMaxValue() / 1e3);
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
