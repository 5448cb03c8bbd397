package dev.switchboard.proxy.exec;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DrainGateTest {
    @Test
    void anIdleSessionIsShutAtOnceAndTakesNoFurtherRequest() {
        var gate = new DrainGate();
        assertThat(gate.closeIfIdle()).isTrue();
        assertThat(gate.begin()).isFalse();
        assertThat(gate.closeIfIdle()).as("idempotent").isTrue();
    }

    @Test
    void aRunningRequestFinishesAndTheSessionEndsAfterIt() {
        var gate = new DrainGate();
        assertThat(gate.begin()).isTrue();
        assertThat(gate.closeIfIdle()).as("a request runs").isFalse();
        assertThat(gate.end(true)).as("between transactions after it: end now").isTrue();
        assertThat(gate.begin()).isFalse();
    }

    @Test
    void aTransactionKeepsTheSessionUntilItEnds() {
        var gate = new DrainGate();
        assertThat(gate.begin()).isTrue();
        assertThat(gate.end(false)).as("no drain yet").isFalse();   // BEGIN … the transaction is open
        assertThat(gate.closeIfIdle()).as("in a transaction").isFalse();
        assertThat(gate.begin()).as("its statements still run").isTrue();
        assertThat(gate.end(false)).isFalse();
        assertThat(gate.begin()).isTrue();                            // COMMIT
        assertThat(gate.end(true)).isTrue();
    }

    @Test
    void withoutADrainNothingEnds() {
        var gate = new DrainGate();
        for (int i = 0; i < 3; i++) {
            assertThat(gate.begin()).isTrue();
            assertThat(gate.end(i % 2 == 0)).isFalse();
        }
    }

    /** The drain and the serving thread race: the drain never shuts a session while one of its requests runs. */
    @RepeatedTest(20)
    void theDrainNeverShutsASessionInTheMiddleOfARequest() throws Exception {
        var gate = new DrainGate();
        var inRequest = new AtomicBoolean();
        var violations = new AtomicInteger();
        var started = new CountDownLatch(1);
        Thread serving = Thread.ofPlatform().start(() -> {
            started.countDown();
            for (int i = 0; i < 1_000_000; i++) {
                if (!gate.begin()) return;
                inRequest.set(true);
                Thread.onSpinWait();
                inRequest.set(false);
                if (gate.end(true)) return;
            }
        });
        started.await();
        boolean shut = gate.closeIfIdle();
        if (shut && inRequest.get()) violations.incrementAndGet();
        serving.join();
        assertThat(violations).hasValue(0);
        assertThat(gate.begin()).as("after the drain the session is shut either way").isFalse();
        assertThat(inRequest).isFalse();
    }
}
