package dev.switchboard.bench;

import dev.switchboard.bench.target.Target;
import org.HdrHistogram.Histogram;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one {@link Scenario} against one {@link Target} with {@code threads} client threads (platform threads, one
 * per simulated client, closed loop): a warm-up whose operations are not counted, then the measured window. An
 * operation counts when it starts and ends inside the window; its latency goes to that thread's HdrHistogram,
 * merged at the end; an operation the scenario marks cold ({@link Tally#markCold}) also goes to a second, cold
 * histogram. A failed operation, in the warm-up too, is counted as an error (with a few distinct messages
 * kept), the worker is reset and the loop goes on. {@link #run} blocks until every thread has finished.
 */
public final class LoadGenerator {
    private static final int ERROR_SAMPLES = 3;

    private final int threads;
    private final Duration warmup;
    private final Duration duration;

    public LoadGenerator(int threads, Duration warmup, Duration duration) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        this.threads = threads;
        this.warmup = warmup;
        this.duration = duration;
    }

    /**
     * What one run measured.
     *
     * @param ops       operations that started and ended inside the measured window
     * @param completed every operation that succeeded, warm-up and overrun included: 0 means nothing worked at all
     * @param cold      the operations of {@code ops} that were marked cold (count 0 if the scenario marks none)
     */
    public record Result(long ops, long completed, long errors, List<String> errorSamples, double seconds,
                         LatencyReport latency, LatencyReport cold, long rows, long bytes) {
        public double opsPerSecond() {
            return ops / seconds;
        }
    }

    /**
     * Runs the scenario; {@code onMeasureStart} and {@code onMeasureEnd} run at the window's edges (to sample the
     * server process), on the calling thread.
     */
    public Result run(Scenario scenario, Target target, Runnable onMeasureStart, Runnable onMeasureEnd)
            throws InterruptedException {
        var workers = new ArrayList<ClientThread>(threads);
        var ready = new CyclicBarrier(threads + 1);
        var start = new AtomicReference<long[]>();
        for (int i = 0; i < threads; i++) {
            var t = new ClientThread(scenario, target, i, ready, start);
            workers.add(t);
            t.start();
        }
        try {
            ready.await();                                    // every worker built (connections may be lazy)
        } catch (java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException("a client thread failed to start", e);
        }
        long t0 = System.nanoTime();
        long measureFrom = t0 + warmup.toNanos();
        long until = measureFrom + duration.toNanos();
        synchronized (start) {
            start.set(new long[] {measureFrom, until});
            start.notifyAll();
        }
        sleepUntil(measureFrom);
        onMeasureStart.run();
        sleepUntil(until);
        onMeasureEnd.run();
        for (ClientThread t : workers) t.join();

        Histogram all = LatencyReport.newHistogram();
        Histogram cold = LatencyReport.newHistogram();
        long ops = 0, completed = 0, errors = 0, rows = 0, bytes = 0;
        SequencedSet<String> samples = new LinkedHashSet<>();
        for (ClientThread t : workers) {
            all.add(t.histogram);
            cold.add(t.coldHistogram);
            ops += t.ops;
            completed += t.completed;
            errors += t.errors;
            rows += t.tally == null ? 0 : t.tally.rows();
            bytes += t.tally == null ? 0 : t.tally.bytes();
            for (String s : t.errorSamples) if (samples.size() < ERROR_SAMPLES) samples.add(s);
        }
        return new Result(ops, completed, errors, List.copyOf(samples), duration.toNanos() / 1e9, LatencyReport.of(all),
                LatencyReport.of(cold), rows, bytes);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) Thread.sleep(Duration.ofNanos(left));
    }

    private static final class ClientThread extends Thread {
        private final Scenario scenario;
        private final Target target;
        private final int index;
        private final CyclicBarrier ready;
        private final AtomicReference<long[]> start;
        final Histogram histogram = LatencyReport.newHistogram();
        final Histogram coldHistogram = LatencyReport.newHistogram();
        final SequencedSet<String> errorSamples = new LinkedHashSet<>();
        long ops;
        long completed;
        long errors;
        Tally tally;

        ClientThread(Scenario scenario, Target target, int index, CyclicBarrier ready, AtomicReference<long[]> start) {
            super("client-" + index);
            setDaemon(true);
            this.scenario = scenario;
            this.target = target;
            this.index = index;
            this.ready = ready;
            this.start = start;
        }

        @Override
        public void run() {
            Scenario.Worker worker;
            try {
                worker = scenario.newWorker(target, index);
            } catch (SQLException | RuntimeException e) {
                errors++;
                errorSamples.add(describe(e));
                ready.reset();
                return;
            }
            try (worker) {
                ready.await();
                long[] window;
                synchronized (start) {
                    while ((window = start.get()) == null) start.wait();
                }
                loop(worker, window[0], window[1]);
            } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void loop(Scenario.Worker worker, long measureFrom, long until) {
            tally = new Tally(measureFrom, until);
            long began;
            while ((began = System.nanoTime()) < until) {
                try {
                    worker.op(tally);
                    long ended = System.nanoTime();
                    completed++;
                    boolean cold = tally.takeCold();
                    if (began >= measureFrom && ended <= until) {
                        LatencyReport.record(histogram, ended - began);
                        if (cold) LatencyReport.record(coldHistogram, ended - began);
                        ops++;
                    }
                } catch (SQLException | RuntimeException e) {
                    tally.takeCold();                         // a failed operation has no latency, cold or not
                    errors++;                                 // warm-up errors count too: a run must be clean
                    if (errorSamples.size() < ERROR_SAMPLES) errorSamples.add(describe(e));
                    worker.reset();
                    pause();                                  // a dead server must not turn into a busy loop
                }
            }
        }

        private static void pause() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String describe(Exception e) {
            String state = e instanceof SQLException s && s.getSQLState() != null ? " [" + s.getSQLState() + "]" : "";
            return e.getClass().getSimpleName() + state + ": " + e.getMessage();
        }
    }
}
