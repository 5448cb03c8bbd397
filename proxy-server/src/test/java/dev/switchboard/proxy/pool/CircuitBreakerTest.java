package dev.switchboard.proxy.pool;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import dev.switchboard.proxy.config.Secret;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static dev.switchboard.proxy.pool.TestDbs.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(60)
class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker("tenant_7", 3, Duration.ofSeconds(2),
            Duration.ofSeconds(5), now::get);

    @Test
    void opensAfterConsecutiveFailuresAndFailsFastWithADatabaseNamedError() throws SQLException {
        for (int i = 0; i < 3; i++) {
            breaker.beforeBorrow();
            breaker.onFailure();
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        var e = catchThrowableOfType(SQLException.class, breaker::beforeBorrow);
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("tenant_7").contains("circuit open").contains("next probe in 2s");
    }

    @Test
    void oneProbeAfterTheCooldownClosesItOnSuccess() throws SQLException {
        for (int i = 0; i < 3; i++) breaker.onFailure();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        breaker.beforeBorrow();                                     // the probe
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(catchThrowableOfType(SQLException.class, breaker::beforeBorrow).getMessage())
                .contains("probe under way");
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.beforeBorrow();
    }

    @Test
    void aFailedProbeReopensForLongerUpToTheMaximum() throws SQLException {
        for (int i = 0; i < 3; i++) breaker.onFailure();
        for (long expectedSeconds : new long[] {4, 5, 5}) {
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            breaker.beforeBorrow();
            breaker.onFailure();
            assertThat(catchThrowableOfType(SQLException.class, breaker::beforeBorrow).getMessage())
                    .contains("next probe in " + expectedSeconds + "s");
        }
    }

    @Test
    void successesBetweenFailuresKeepItClosed() throws SQLException {
        for (int i = 0; i < 10; i++) {
            breaker.onFailure();
            breaker.onFailure();
            breaker.onSuccess();
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.beforeBorrow();
    }

    /** A real backend that is down, then comes back: the registry fails fast while it is down, then recovers. */
    @Test
    void registryFailsFastWhileTheBackendIsDownAndRecoversWithoutRestart() throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        var db = new DatabaseConfig("flaky", "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:flaky;DB_CLOSE_DELAY=-1", "sa",
                new Secret(""), new PoolSettings(2, 0, Duration.ofMillis(300)), Optional.empty(), false);
        try (var factory = new PoolFactory(); var retirer = Executors.newVirtualThreadPerTaskExecutor();
             var registry = new PoolRegistry(TestDbs.settings(4, Duration.ofMinutes(10), Duration.ofSeconds(2)), factory,
                     retirer)) {
            registry.breakerSettings(2, Duration.ofMillis(300));
            for (int i = 0; i < 2; i++) {
                var e = catchThrowableOfType(SQLException.class, () -> registry.lease(db));
                assertThat(e.getSQLState()).startsWith("08");
                assertThat(e.getMessage()).doesNotContain("circuit open");
            }
            var fast = catchThrowableOfType(SQLException.class, () -> registry.lease(db));
            assertThat(fast.getSQLState()).isEqualTo("08001");
            assertThat(fast.getMessage()).contains("circuit open");

            Server h2 = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
            try {
                TestDbs.await("the breaker lets a probe through and the backend answers", () -> {
                    try (Lease l = registry.lease(db)) {
                        return selectOne(l.connection()) == 1;
                    } catch (SQLException stillDown) {
                        return false;
                    }
                });
            } finally {
                h2.stop();
            }
        }
    }
}
