package dev.switchboard.proxy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A draining proxy tells its clients (GOAWAY, SPEC §4.6): work in flight finishes, and the driver's
 * {@code isValid} turns false so that a client-side pool replaces the connection.
 */
@Timeout(60)
class DrainIT {
    private static final String PASSWORD = "drain-secret";

    @Test
    void clientsHearGoAwayAndFinishTheirTransaction() throws Exception {
        try (var proxy = TestProxy.builder()
                .rawDatabase("d: { jdbcUrl: \"jdbc:h2:mem:drain_it;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("app", PASSWORD, List.of("d")).start()) {
            Connection c = proxy.connect("app", PASSWORD, "d");
            TestDb.update(c, "CREATE TABLE drain_it (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            TestDb.update(c, "INSERT INTO drain_it VALUES (1)");
            assertThat(c.isValid(2)).isTrue();

            Thread drain = Thread.ofPlatform().start(() -> proxy.server().shutdown(Duration.ofSeconds(30)));
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
            c.close();

            drain.join(Duration.ofSeconds(30));
            assertThat(drain.isAlive()).as("the drain ended once the last session left").isFalse();
            assertThat(proxy.server().ready()).isFalse();
        }
    }
}
