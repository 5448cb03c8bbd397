package dev.switchboard.proxy.pool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformIoTest {
    @Test
    void aPlatformThreadRunsTheWorkItself() throws IOException {
        Thread caller = Thread.currentThread();
        Thread ran = PlatformIo.whole(Thread::currentThread, IOException.class);
        assertThat(ran).isSameAs(caller);
    }

    @Test
    void aVirtualThreadHandsTheWorkToAPlatformThreadAndGetsItsResult() throws Exception {
        var ran = new AtomicReference<Thread>();
        String result = onVirtualThread(() -> PlatformIo.whole(() -> {
            ran.set(Thread.currentThread());
            return "done";
        }, IOException.class));
        assertThat(result).isEqualTo("done");
        assertThat(ran.get().isVirtual()).isFalse();
        assertThat(ran.get().getName()).startsWith("sb-backend-io-");
    }

    @Test
    void theWorksFailureReachesTheCallerAsItWasThrown() {
        var failure = new IOException("refused");
        assertThatThrownBy(() -> onVirtualThread(() -> PlatformIo.whole(() -> {
            throw failure;
        }, IOException.class))).isSameAs(failure);
        var bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> onVirtualThread(() -> PlatformIo.whole(() -> {
            throw bug;
        }, IOException.class))).isSameAs(bug);
    }

    @Test
    void anInterruptWaitsForTheWorkAndIsKept() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var result = new AtomicReference<String>();
        var interruptedAfter = new AtomicReference<Boolean>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                result.set(PlatformIo.whole(() -> {
                    started.countDown();
                    if (!release.await(10, TimeUnit.SECONDS)) throw new IOException("never released");
                    return "opened";                   // e.g. a connection: it must reach the caller, not be lost
                }, Exception.class));
            } catch (Exception e) {
                result.set("failed: " + e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        Thread.sleep(50);
        assertThat(caller.isAlive()).as("still waiting for the work").isTrue();
        release.countDown();
        caller.join(10_000);
        assertThat(result.get()).isEqualTo("opened");
        assertThat(interruptedAfter.get()).isTrue();
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /** Runs {@code call} on a virtual thread and returns its result or throws its failure here. */
    private static <T> T onVirtualThread(Call<T> call) throws Exception {
        var result = new AtomicReference<T>();
        var failure = new AtomicReference<Exception>();
        Thread.ofVirtual().start(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }).join(10_000);
        if (failure.get() != null) throw failure.get();
        return result.get();
    }
}
