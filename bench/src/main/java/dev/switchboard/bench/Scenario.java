package dev.switchboard.bench;

import dev.switchboard.bench.target.Target;

import java.sql.SQLException;

/**
 * One workload: what a client thread does, over and over. {@link LoadGenerator} makes one {@link Worker} per thread
 * and times each {@link Worker#op} call. Implementations are thread-safe, and one instance serves one cell (its
 * threads may share state through it, as the tenants workloads share which tenants are warm); their workers are
 * confined to one thread.
 */
public interface Scenario {
    /** The workload's name as written in the results ({@code select1}, {@code tenants-zipf}, …). */
    String name();

    /** A worker for client thread {@code thread} (0-based) against {@code target}; it may connect lazily. */
    Worker newWorker(Target target, int thread) throws SQLException;

    /** One client thread's state. Not thread-safe; closed by the thread that used it. */
    interface Worker extends AutoCloseable {
        /** One operation. Rows and bytes a streaming operation reads go to {@code tally}. */
        void op(Tally tally) throws SQLException;

        /** After a failed operation: drop connections that may be broken, so that the next op starts clean. */
        void reset();

        @Override
        void close();
    }
}
