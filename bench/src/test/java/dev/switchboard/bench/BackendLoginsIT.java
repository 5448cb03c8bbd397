package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BackendLogins} and {@link CellSampler} on a real PostgreSQL (14+), at {@code SWITCHBOARD_TEST_POSTGRES_URL}:
 * logins to the test database show in the count of a window, read over a monitor connection that the sampler's own
 * thread queries at the same time.
 */
class BackendLoginsIT {
    private static final String URL = System.getenv("SWITCHBOARD_TEST_POSTGRES_URL");
    private static final String USER = System.getenv("SWITCHBOARD_TEST_POSTGRES_USER");
    private static final String PASSWORD = System.getenv("SWITCHBOARD_TEST_POSTGRES_PASSWORD");
    private static final int LOGINS = 3;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream warnings = new PrintStream(err, true, StandardCharsets.UTF_8);
    private Connection monitor;

    @BeforeEach
    void connect() throws SQLException {
        boolean required = Boolean.parseBoolean(System.getenv("SWITCHBOARD_TEST_REQUIRE_BACKENDS"));
        if (!required) assumeTrue(URL != null, "SWITCHBOARD_TEST_POSTGRES_URL is not set");
        assertThat(URL).as("SWITCHBOARD_TEST_POSTGRES_URL").isNotNull();
        monitor = DriverManager.getConnection(URL, USER, PASSWORD);
    }

    @AfterEach
    void close() throws SQLException {
        if (monitor != null) monitor.close();
    }

    @Test
    void loginsDuringTheWindowAreCounted() throws Exception {
        var logins = new BackendLogins(monitor, monitor.getCatalog(), warnings);
        try (var sampler = new CellSampler(OptionalLong.empty(), monitor, USER, Optional::empty, logins::total)) {
            sampler.measureStart();
            for (int i = 0; i < LOGINS; i++) {
                try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertThat(rs.next()).isTrue();
                }
            }
            // a backend reports its login with its first statistics (when idle, or at exit): wait for them
            long deadline = System.nanoTime() + 30_000_000_000L;
            do {
                Thread.sleep(100);
                sampler.measureEnd();
            } while (sampler.backendLogins().orElse(0) < LOGINS && System.nanoTime() < deadline);

            assertThat(sampler.backendLogins()).isPresent();
            assertThat(sampler.backendLogins().getAsLong()).isGreaterThanOrEqualTo(LOGINS);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aWildcardInThePrefixMatchesOnlyItself() {
        var logins = new BackendLogins(monitor, "%", warnings);      // no database's name starts with '%'

        assertThat(logins.total()).isEqualTo(OptionalLong.of(0));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
