package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A database whose URL names PostgreSQL's Unix socket ({@code socketFactoryArg}, pool.BackendSocketFactory): the
 * proxy's backend connections go through it, not TCP, and so does pgjdbc's cancel request; a socket that is not
 * there is a connection error (class 08), as a backend that is down is.
 */
class UnixSocketIT {
    private static final String PASSWORD = "unix-secret";
    /** The host and port of a PostgreSQL JDBC URL. */
    private static final Pattern URL_ADDRESS = Pattern.compile("//[^/:?]+(?::(\\d+))?/");
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws InterruptedException {
        String dir = socketDirectory();
        // pgunix: the socket file itself, and a TCP port where nothing listens, so that nothing (a cancel request
        // included) can reach PostgreSQL but through the socket; pgunixdir: the directory, and the port names the file
        String deadTcp = URL_ADDRESS.matcher(Backend.POSTGRES.jdbcUrl).replaceFirst("//localhost:1/");
        proxy = TestProxy.builder()
                .rawDatabase(entry("pgunix", deadTcp, Path.of(dir, ".s.PGSQL." + port()).toString()))
                .rawDatabase(entry("pgunixdir", Backend.POSTGRES.jdbcUrl, dir))
                .rawDatabase(entry("pgnowhere", Backend.POSTGRES.jdbcUrl, "/nonexistent/switchboard-it"))
                .env(Backend.POSTGRES.env())
                .user("app", PASSWORD, List.of("pgunix", "pgunixdir", "pgnowhere"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    /**
     * PostgreSQL's socket directory: {@code SWITCHBOARD_TEST_POSTGRES_SOCKET} (CI sets it from PostgreSQL's
     * {@code unix_socket_directories}, which only a superuser may read), else the first of Debian's and the
     * default's directories that holds the socket for the test URL's port.
     */
    private static String socketDirectory() {
        Backend.POSTGRES.require();
        String configured = System.getenv("SWITCHBOARD_TEST_POSTGRES_SOCKET");
        if (configured != null && !configured.isBlank()) return configured.strip();
        String file = ".s.PGSQL." + port();
        for (String dir : List.of("/var/run/postgresql", "/tmp")) {
            if (Files.exists(Path.of(dir, file))) return dir;
        }
        String why = "no PostgreSQL socket " + file + " in /var/run/postgresql or /tmp; "
                + "set SWITCHBOARD_TEST_POSTGRES_SOCKET";
        if (Backend.required()) throw new AssertionError(why);
        Assumptions.abort(why);
        return null;
    }

    /** The port of the test URL: PostgreSQL's socket file is named after it. */
    private static String port() {
        var m = URL_ADDRESS.matcher(Backend.POSTGRES.jdbcUrl);
        return m.find() && m.group(1) != null ? m.group(1) : "5432";
    }

    private static String entry(String name, String jdbcUrl, String socket) {
        Backend pg = Backend.POSTGRES;
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "socketFactoryArg=" + socket;
        return name + ": { jdbcUrl: \"" + url + "\", username: \"" + pg.user + "\", password: \"${env:"
                + pg.passwordEnvName() + "}\", pool: { connectionTimeout: 3s } }";
    }

    @Test
    void queriesReachPostgresThroughItsUnixSocket() throws SQLException {
        try (Connection c = proxy.connect("app", PASSWORD, "pgunix")) {
            // inet_server_addr() is NULL exactly when the backend's client came through a Unix socket
            assertThat(TestDb.rows(c, "SELECT inet_server_addr() IS NULL, current_user"))
                    .containsExactly(List.of(true, Backend.POSTGRES.user));
            TestDb.update(c, "CREATE TEMP TABLE IF NOT EXISTS unix_it (n int)");
            c.setAutoCommit(false);
            TestDb.update(c, "INSERT INTO unix_it VALUES (1)");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(TestDb.rows(c, "SELECT count(*) FROM pg_stat_activity WHERE client_addr IS NULL "
                    + "AND pid = pg_backend_pid()")).containsExactly(List.of(1L));
        }
    }

    @Test
    void aDirectoryLeadsToTheSocketForTheUrlsPort() throws SQLException {
        try (Connection c = proxy.connect("app", PASSWORD, "pgunixdir")) {
            assertThat(TestDb.rows(c, "SELECT inet_server_addr() IS NULL")).containsExactly(List.of(true));
        }
    }

    /** pgjdbc sends a cancel on a new connection made by the same socket factory: through the Unix socket too. */
    @Test
    void aCancelReachesPostgresThroughTheUnixSocket() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "pgunix"); Statement st = c.createStatement()) {
            var running = CompletableFuture.supplyAsync(() -> catchThrowableOfType(SQLException.class,
                    () -> st.executeQuery("SELECT pg_sleep(20)")));
            Thread.sleep(500);
            st.cancel();
            SQLException e = running.get(10, TimeUnit.SECONDS);
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(TestDb.rows(c, "SELECT 2")).containsExactly(List.of(2));
        }
    }

    /** At login (when the proxy has not yet reached this server) or at the first statement: class 08 either way. */
    @Test
    void aSocketThatIsNotThereIsAConnectionError() {
        var e = catchThrowableOfType(SQLException.class, () -> {
            try (Connection c = proxy.connect("app", PASSWORD, "pgnowhere")) {
                TestDb.rows(c, "SELECT 1");
            }
        });
        assertThat(e.getSQLState()).startsWith("08");
        assertThat(e.getMessage()).doesNotContain("/nonexistent/switchboard-it");
    }
}
