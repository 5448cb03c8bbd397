package dev.switchboard.proxy.pool;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.config.PoolSettings;
import dev.switchboard.proxy.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;

import static dev.switchboard.proxy.pool.TestDbs.h2;
import static dev.switchboard.proxy.pool.TestDbs.settings;
import static dev.switchboard.proxy.pool.TestDbs.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(30)
class BorrowFailureTest {
    private static final String PASSWORD = "s3cret-Pa55word";

    private final PoolFactory factory = new PoolFactory();
    private final PoolRegistry registry =
            new PoolRegistry(settings(8, Duration.ofMinutes(10), Duration.ofMinutes(10)), factory, Runnable::run);
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    BorrowFailureTest() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void closeAll() {
        registry.close();
        factory.close();
        root.detachAppender(logged);
    }

    @Test
    void exhaustedPoolFailsWith53300NamingTheDatabaseAndTheLimit() throws SQLException {
        DatabaseConfig db = h2(unique("sales"), new PoolSettings(1, 0, Duration.ofMillis(250)), false);
        DriverManager.getConnection(db.jdbcUrl(), "sa", "").close();   // a cold H2 may take longer than 250ms
        try (Lease held = registry.lease(db)) {
            var e = catchThrowableOfType(SQLTransientConnectionException.class, () -> registry.lease(db));

            assertThat(e.getSQLState()).isEqualTo("53300");
            assertThat(e.getMessage()).isEqualTo("no backend connection for database \"" + db.name()
                    + "\" within 250ms (pool.maxPoolSize=1)");
            assertThat(held.pool().activeLeases()).isEqualTo(1);
        }
    }

    @Test
    void refusedConnectionFailsWithClass08AndNoUrlOrPassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/x";
        var db = new DatabaseConfig(unique("refused"), url, "app", new Secret(PASSWORD),
                new PoolSettings(2, 0, Duration.ofSeconds(2)), Optional.empty(), false);

        var e = catchThrowableOfType(SQLException.class, () -> registry.lease(db));

        assertThat(e.getSQLState()).startsWith("08");
        assertThat(e.getMessage()).startsWith("cannot connect to database \"" + db.name() + "\": ")
                .doesNotContain(PASSWORD).doesNotContain(url).doesNotContain("jdbc:");
        assertThat(registry.pool(db.name()).activeLeases()).isZero();
        assertNothingLoggedContains(PASSWORD);
        assertNothingLoggedContains(url);
    }

    @Test
    void urlNoDriverAcceptsFailsWith08001AndCreatesNoPool() {
        String url = "jdbc:nosuchdriver://db.internal/x?password=" + PASSWORD;
        var db = new DatabaseConfig(unique("nodriver"), url, "app", new Secret(PASSWORD), PoolSettings.DEFAULTS,
                Optional.empty(), false);

        var e = catchThrowableOfType(SQLException.class, () -> registry.lease(db));

        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).isEqualTo("cannot connect to database \"" + db.name()
                + "\": no JDBC driver accepts its jdbcUrl");
        assertThat(registry.creations()).isZero();
        assertThat(registry.pools()).isEmpty();
        assertNothingLoggedContains(PASSWORD);
        assertNothingLoggedContains("nosuchdriver");
    }

    @Test
    void scrubRemovesUrlAndPasswordFromDriverMessages() {
        String url = "jdbc:example://h/x?user=app&password=" + PASSWORD;
        var db = new DatabaseConfig("x", url, "app", new Secret(PASSWORD), PoolSettings.DEFAULTS, Optional.empty(),
                false);

        String scrubbed = BorrowFailure.scrub(db, "cannot open " + url + ": bad password " + PASSWORD);

        assertThat(scrubbed).isEqualTo("cannot open <jdbcUrl>: bad password ******");
    }

    @Test
    void backendStateIsKeptForConnectionAndAuthorizationClassesOnly() {
        DatabaseConfig db = h2("x");

        assertThat(BorrowFailure.cannotConnect(db, new SQLException("auth failed", "28P01")).getSQLState())
                .isEqualTo("28P01");
        assertThat(BorrowFailure.cannotConnect(db, new SQLException("refused", "08004")).getSQLState())
                .isEqualTo("08004");
        SQLException vendor = BorrowFailure.cannotConnect(db, new SQLException("no such database", "90146"));
        assertThat(vendor.getSQLState()).isEqualTo("08001");
        assertThat(vendor.getMessage()).isEqualTo("cannot connect to database \"x\": no such database [90146]");
    }

    private void assertNothingLoggedContains(String secret) {
        for (ILoggingEvent event : logged.list) {
            if (!event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)) continue;
            assertThat(event.getFormattedMessage()).doesNotContain(secret);
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            }
        }
    }
}
