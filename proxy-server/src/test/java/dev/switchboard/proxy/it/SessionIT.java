package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** Session lifecycle against PostgreSQL: clients that vanish, protocol garbage, and everyone else carrying on. */
@Timeout(60)
class SessionIT {
    private static final String PASSWORD = "session-secret";
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        var b = TestProxy.builder().database(Backend.H2, "h2db");
        if (Backend.POSTGRES.jdbcUrl != null) b.database(Backend.POSTGRES, "pgdb");
        proxy = b.user("app", PASSWORD, Backend.POSTGRES.jdbcUrl != null ? List.of("pgdb", "h2db") : List.of("h2db"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    @Test
    void clientThatDisconnectsMidTransactionHasItRolledBackAndItsLocksReleased() throws Exception {
        Backend.POSTGRES.require();
        try (Connection setup = proxy.connect("app", PASSWORD, "pgdb")) {
            TestDb.update(setup, "DROP TABLE IF EXISTS session_it_lock");
            TestDb.update(setup, "CREATE TABLE session_it_lock (id INT PRIMARY KEY, v TEXT)");
            TestDb.update(setup, "INSERT INTO session_it_lock VALUES (1, 'before')");
        }
        Connection doomed = proxy.connect("app", PASSWORD, "pgdb");
        doomed.setAutoCommit(false);
        TestDb.update(doomed, "UPDATE session_it_lock SET v = 'uncommitted' WHERE id = 1");   // holds the row lock
        abortSocket(doomed);

        try (Connection other = proxy.connect("app", PASSWORD, "pgdb"); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            // Fails fast instead of waiting if the dead client's transaction still held the lock.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try {
                    st.execute("SET LOCAL lock_timeout = '200ms'");
                    assertThat(st.executeUpdate("UPDATE session_it_lock SET v = 'after' WHERE id = 1")).isEqualTo(1);
                    other.commit();
                    break;
                } catch (SQLException e) {
                    other.rollback();
                    // the proxy notices the disconnect asynchronously; give it a moment, but not forever
                    if (System.nanoTime() > deadline) throw e;
                    Thread.sleep(100);
                }
            }
            other.setAutoCommit(true);
            assertThat(TestDb.rows(other, "SELECT v FROM session_it_lock")).containsExactly(List.of("after"));
        }
    }

    @Test
    void clientThatDisconnectsMidStatementHasTheStatementCancelled() throws Exception {
        Backend.POSTGRES.require();
        String marker = "session_it_sleep_" + System.nanoTime();
        Connection doomed = proxy.connect("app", PASSWORD, "pgdb");
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try (Statement st = doomed.createStatement()) {
                st.execute("SELECT pg_sleep(60) /* " + marker + " */");
            } catch (SQLException expected) {
                // the socket is aborted under it
            }
        });
        try (Connection monitor = Backend.POSTGRES.direct(); Statement st = monitor.createStatement()) {
            String running = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%"
                    + marker + "%' AND pid <> pg_backend_pid()";
            awaitCount(st, running, 1);
            abortSocket(doomed);
            awaitCount(st, running, 0);               // cancelled long before its 60 s
        }
        sleeper.join(10_000);
    }

    private static void awaitCount(Statement st, String sql, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                if (rs.getInt(1) == expected) return;
            }
            if (System.nanoTime() > deadline) throw new AssertionError(sql + " never counted " + expected);
            Thread.sleep(50);
        }
    }

    /** Closes the client's socket without a TERMINATE, as a crashed app would. */
    private static void abortSocket(Connection c) throws SQLException {
        c.abort(Runnable::run);
    }

    @Test
    void malformedFrameGetsAnErrorFrameAndClosesOnlyThatSession() throws Exception {
        try (Connection bystander = proxy.connect("app", PASSWORD, "h2db")) {
            try (Socket s = new Socket("127.0.0.1", proxy.port())) {
                s.setSoTimeout(5000);
                var out = new DataOutputStream(s.getOutputStream());
                out.writeInt(5);
                out.writeByte('?');              // no such frame type
                out.writeInt(0xdeadbeef);
                out.flush();
                var in = new DataInputStream(s.getInputStream());
                int len = in.readInt();
                byte[] frame = in.readNBytes(len);
                ServerMessage reply = ServerCodec.decode(ByteBuffer.wrap(frame));
                assertThat(reply).isInstanceOf(ServerError.class);
                assertThat(((ServerError) reply).sqlState()).isEqualTo("08P01");
                assertThat(in.read()).as("connection closed after the error").isEqualTo(-1);
            }
            assertThat(TestDb.rows(bystander, "SELECT 7")).containsExactly(List.of(7));
            try (Connection fresh = proxy.connect("app", PASSWORD, "h2db")) {
                assertThat(TestDb.rows(fresh, "SELECT 8")).containsExactly(List.of(8));
            }
        }
    }

    @Test
    void oversizedFrameIsAProtocolErrorToo() throws Exception {
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            s.setSoTimeout(5000);
            var out = new DataOutputStream(s.getOutputStream());
            out.writeInt(Integer.MAX_VALUE);
            out.writeByte('H');
            out.flush();
            var in = new DataInputStream(s.getInputStream());
            byte[] frame = in.readNBytes(in.readInt());
            assertThat(((ServerError) ServerCodec.decode(ByteBuffer.wrap(frame))).sqlState()).isEqualTo("08P01");
        }
        try (Connection fresh = proxy.connect("app", PASSWORD, "h2db")) {
            assertThat(TestDb.rows(fresh, "SELECT 9")).containsExactly(List.of(9));
        }
    }
}
