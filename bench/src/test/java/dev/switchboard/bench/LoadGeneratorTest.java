package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bench.target.Target;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

/**
 * How the generator sorts operations marked cold. The window is short and real, but nothing here depends on how
 * many operations fit in it: every check relates counts of the same run.
 */
class LoadGeneratorTest {
    private static final Runnable NOTHING = () -> { };

    private final LoadGenerator gen = new LoadGenerator(2, Duration.ZERO, Duration.ofMillis(200));

    @Test
    void everyMarkedOperationInTheWindowIsCold() throws InterruptedException {
        LoadGenerator.Result r = gen.run(scenario(n -> true, n -> false), null, NOTHING, NOTHING);

        assertThat(r.ops()).isPositive();
        assertThat(r.cold().count()).isEqualTo(r.ops());
    }

    @Test
    void unmarkedOperationsAreNotCold() throws InterruptedException {
        LoadGenerator.Result r = gen.run(scenario(n -> false, n -> false), null, NOTHING, NOTHING);

        assertThat(r.ops()).isPositive();
        assertThat(r.cold().count()).isZero();
    }

    @Test
    void aFailedColdOperationDoesNotMarkTheNextOne() throws InterruptedException {
        // even operations are marked cold and then fail; odd ones succeed unmarked
        LoadGenerator.Result r = gen.run(scenario(n -> n % 2 == 0, n -> n % 2 == 0), null, NOTHING, NOTHING);

        assertThat(r.ops()).isPositive();
        assertThat(r.errors()).isPositive();
        assertThat(r.cold().count()).isZero();
    }

    /** A scenario whose n-th operation (per thread) is marked cold and/or fails as the predicates say. */
    private static Scenario scenario(IntPredicate cold, IntPredicate fails) {
        return new Scenario() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Worker newWorker(Target target, int thread) {    // target: unused, the test passes null
                return new Worker() {
                    private int n;

                    @Override
                    public void op(Tally tally) throws SQLException {
                        int mine = n++;
                        if (cold.test(mine)) tally.markCold();
                        if (fails.test(mine)) throw new SQLException("fails on purpose");
                        Thread.onSpinWait();
                    }

                    @Override
                    public void reset() {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
