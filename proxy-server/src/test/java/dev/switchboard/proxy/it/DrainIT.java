package dev.switchboard.proxy.it;

import dev.switchboard.proxy.exec.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A draining proxy (SIGTERM, {@code sbctl shutdown}) tells its clients GOAWAY (SPEC §4.6), lets transactions in
 * flight finish, and closes every session as soon as it is between transactions, so a proxy whose clients keep idle
 * pooled connections stops at once instead of at the drain timeout. Both ways of serving a session: dedicated
 * threads (the default) and the event loops with workers.
 */
@Timeout(60)
class DrainIT {
    private static final String PASSWORD = "drain-secret";
    private static final Duration LONG_DRAIN = Duration.ofSeconds(45);

    @ParameterizedTest(name = "dedicatedThreads: {0}")
    @ValueSource(booleans = {true, false})
    void aTransactionInFlightFinishesThenItsSessionCloses(boolean dedicatedThreads) throws Exception {
        try (var proxy = start(dedicatedThreads, "drain_tx_" + dedicatedThreads)) {
            Connection c = proxy.connect("app", PASSWORD, "d");
            TestDb.update(c, "CREATE TABLE drain_it (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            TestDb.update(c, "INSERT INTO drain_it VALUES (1)");
            assertThat(c.isValid(2)).isTrue();

            Thread drain = Thread.ofPlatform().start(() -> proxy.server().shutdown(LONG_DRAIN));
            // GOAWAY is read with the next answer; until then the connection still looks valid.
            boolean toldToGo = false;
            for (int i = 0; i < 100 && !toldToGo; i++) {
                assertThat(TestDb.rows(c, "SELECT COUNT(*) FROM drain_it")).containsExactly(List.of(1L));
                toldToGo = !c.isValid(2);
                if (!toldToGo) Thread.sleep(50);
            }
            assertThat(toldToGo).as("GOAWAY received: isValid is false").isTrue();
            TestDb.update(c, "INSERT INTO drain_it VALUES (2)");
            c.commit();                                  // the transaction in flight finishes during the drain

            // Between transactions now: the proxy ends the session, so the drain ends long before its timeout.
            drain.join(LONG_DRAIN.dividedBy(3));
            assertThat(drain.isAlive()).as("the drain ended once the last transaction did").isFalse();
            assertThat(proxy.server().ready()).isFalse();
            assertThatThrownBy(() -> TestDb.rows(c, "SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
            c.close();
        }
    }

    @ParameterizedTest(name = "dedicatedThreads: {0}")
    @ValueSource(booleans = {true, false})
    void idleSessionsCloseAtOnceAndTheirNextStatementSays57P01(boolean dedicatedThreads) throws Exception {
        try (var proxy = start(dedicatedThreads, "drain_idle_" + dedicatedThreads)) {
            Connection idle = proxy.connect("app", PASSWORD, "d");
            Connection used = proxy.connect("app", PASSWORD, "d");
            assertThat(TestDb.rows(used, "SELECT 41 + 1")).containsExactly(List.of(42));
            assertThat(proxy.server().sessions().size()).isEqualTo(2);

            Thread drain = Thread.ofPlatform().start(() -> proxy.server().shutdown(LONG_DRAIN));
            drain.join(LONG_DRAIN.dividedBy(3));
            assertThat(drain.isAlive()).as("no session had work in flight: the drain did not wait").isFalse();
            assertThat(proxy.server().sessions().size()).isZero();

            for (Connection c : List.of(idle, used)) {
                // Nothing was lost: the statement did not run, and its error says why (a pool discards on 57P01).
                assertThatThrownBy(() -> TestDb.rows(c, "SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
                assertThat(c.isValid(1)).isFalse();
                c.close();
            }
        }
    }

    @Test
    void inSessionModeASessionIsBetweenTransactionsOnceItCommits() throws Exception {
        try (var proxy = TestProxy.builder()
                .rawDatabase("d: { jdbcUrl: \"jdbc:h2:mem:drain_session_mode;DB_CLOSE_DELAY=-1\", username: sa, "
                        + "poolMode: session }")
                .user("app", PASSWORD, List.of("d")).start()) {
            Connection c = proxy.connect("app", PASSWORD, "d");
            c.setAutoCommit(false);
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
            assertThat(onlySession(proxy).state()).isEqualTo(Session.State.IN_TRANSACTION);
            c.commit();                                 // session mode: the connection stays, the transaction ends
            assertThat(onlySession(proxy).state()).isEqualTo(Session.State.IDLE);

            Thread drain = Thread.ofPlatform().start(() -> proxy.server().shutdown(LONG_DRAIN));
            drain.join(LONG_DRAIN.dividedBy(3));
            assertThat(drain.isAlive()).as("no transaction was open: the drain did not wait").isFalse();
            assertThatThrownBy(() -> TestDb.rows(c, "SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
            c.close();
        }
    }

    private static Session onlySession(TestProxy proxy) {
        assertThat(proxy.server().sessions().all()).hasSize(1);
        return proxy.server().sessions().all().iterator().next();
    }

    private static TestProxy start(boolean dedicatedThreads, String h2Name) throws Exception {
        return TestProxy.builder()
                .server("dedicatedThreads: " + dedicatedThreads)
                .rawDatabase("d: { jdbcUrl: \"jdbc:h2:mem:" + h2Name + ";DB_CLOSE_DELAY=-1\", username: sa }")
                .user("app", PASSWORD, List.of("d")).start();
    }
}
