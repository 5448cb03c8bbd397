package dev.switchboard.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Which tenant operations are cold: a miss of an LRU of the given size, shared by all threads. */
class RecentTenantsTest {
    @Test
    void firstTouchIsColdAndARepeatWithinCapacityIsWarm() {
        var recent = new RecentTenants(3);

        assertThat(recent.touch(1)).isTrue();
        assertThat(recent.touch(2)).isTrue();
        assertThat(recent.touch(3)).isTrue();
        assertThat(recent.touch(1)).isFalse();
        assertThat(recent.touch(3)).isFalse();
        assertThat(recent.touch(2)).isFalse();
    }

    @Test
    void theLeastRecentlyTouchedTenantGoesWhenCapacityIsExceeded() {
        var recent = new RecentTenants(2);
        recent.touch(1);
        recent.touch(2);
        recent.touch(1);                                      // 1 is now the most recent: 2 goes next

        assertThat(recent.touch(3)).isTrue();                 // pushes out 2
        assertThat(recent.touch(1)).isFalse();
        assertThat(recent.touch(2)).isTrue();                 // pushes out 3
        assertThat(recent.touch(3)).isTrue();
    }

    @Test
    void aTenantIsColdOnceAsManyOtherTenantsAsTheCapacityWereTouchedSince() {
        var recent = new RecentTenants(4);
        recent.touch(0);
        for (int t = 1; t <= 3; t++) recent.touch(t);         // three others: 0 is still among the last four
        assertThat(recent.touch(0)).isFalse();

        for (int t = 1; t <= 4; t++) recent.touch(t);         // four others since: 0 is out
        assertThat(recent.touch(0)).isTrue();
    }

    @Test
    void capacityOneMakesEverySwitchCold() {
        var recent = new RecentTenants(1);

        assertThat(recent.touch(7)).isTrue();
        assertThat(recent.touch(7)).isFalse();
        assertThat(recent.touch(8)).isTrue();
        assertThat(recent.touch(7)).isTrue();
    }

    @Test
    void rejectsCapacityBelowOne() {
        assertThatThrownBy(() -> new RecentTenants(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }

    @Test
    void threadsShareTheRecency() throws Exception {
        var recent = new RecentTenants(10);
        int threads = 8;
        int tenants = 10;                                     // fits: after the first touches, nothing is cold
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            var tasks = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < threads; i++) {
                tasks.add(() -> {
                    int cold = 0;
                    for (int n = 0; n < 10_000; n++) if (recent.touch(n % tenants)) cold++;
                    return cold;
                });
            }
            int cold = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) cold += f.get();
            assertThat(cold).isEqualTo(tenants);             // each tenant cold once, for whichever thread came first
        }
    }
}
