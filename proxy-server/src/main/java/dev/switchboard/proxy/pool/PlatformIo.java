package dev.switchboard.proxy.pool;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Platform threads for backend socket work asked for on a virtual thread. HikariCP's connection adder and closer run
 * on virtual threads ({@code PoolFactory}), and a virtual thread's channel I/O would turn a {@link BackendSocket}
 * non-blocking for good; so that I/O runs on one of these threads while the virtual thread waits.
 *
 * <p>{@link #whole} hands over a whole piece of work, such as a login or a close, in one hop. Each hop is a sleep and
 * a wake-up on either side, and a login done one socket operation at a time took seven of them: in the tenants
 * bench, where most operations open a backend connection, the virtual-thread scheduler, the hops and these threads'
 * waits took more than half of the proxy's CPU (BENCHMARKS.md, the sixth session's change 1). {@link BackendSocket}
 * still hops per operation for whatever I/O a virtual thread does outside such a piece (HikariCP's first check of a
 * new pool's connection, or every statement under {@code -Dswitchboard.jdbcThreads=virtual}).
 */
final class PlatformIo {
    /** Threads exist while there is such I/O, and a minute longer. */
    static final ExecutorService THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("sb-backend-io-", 0).factory());

    /** Work that may fail with {@code E}. */
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private PlatformIo() {
    }

    /**
     * Runs {@code work} here if this is a platform thread, else on one of {@link #THREADS} while this thread waits,
     * and returns its result or throws its failure ({@code E} or unchecked) as if it had run here.
     *
     * <p>An interrupt does not end the wait: the work is bounded by its own timeouts (pgjdbc's connect and login
     * timeouts, the close's wait for the server), and walking away from it would leave what it opens to nobody. The
     * interrupt is set again when the work is done.
     */
    static <T, E extends Exception> T whole(Work<T, E> work, Class<E> failure) throws E {
        if (!Thread.currentThread().isVirtual()) return work.run();
        Future<T> done = THREADS.submit(work::run);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (failure.isInstance(cause)) throw failure.cast(cause);
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException("work threw an undeclared exception", cause);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
