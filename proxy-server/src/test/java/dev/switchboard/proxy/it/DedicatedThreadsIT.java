package dev.switchboard.proxy.it;

import dev.switchboard.jdbc.internal.Reply;
import dev.switchboard.jdbc.internal.WireClient;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.AuthChallenge;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Transact;
import dev.switchboard.protocol.scram.ScramClient;
import dev.switchboard.proxy.exec.Sessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sessions on threads of their own ({@code server.dedicatedThreads}, the default): parked when idle and served again,
 * CANCEL and GOAWAY while busy or parked, kills, pipelined and large frames, and protocol errors after login.
 */
@Timeout(60)
class DedicatedThreadsIT {
    private static final String PASSWORD = "dedicated-secret";
    private static final int MAX_FRAME = 64 * 1024;
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        var b = TestProxy.builder().server("maxFrameBytes: " + MAX_FRAME)
                .rawDatabase("h2: { jdbcUrl: \"jdbc:h2:mem:dedicated_it;DB_CLOSE_DELAY=-1\", username: sa }");
        if (Backend.POSTGRES.jdbcUrl != null) b.database(Backend.POSTGRES, "pg");
        proxy = b.user("app", PASSWORD, Backend.POSTGRES.jdbcUrl != null ? List.of("h2", "pg") : List.of("h2"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    @Test
    void anIdleSessionIsParkedWithoutAThreadAndServedAgainWhenItSpeaks() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "h2")) {
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
            awaitGauge(proxy, "parked", n -> n >= 1);          // idle past the linger: back with the watcher
            assertThat(TestDb.rows(c, "SELECT 2")).containsExactly(List.of(2));
            assertThat(gauge("serving") + gauge("parked")).isGreaterThanOrEqualTo(1);
        }
        awaitGauge(proxy, "serving", n -> n == 0);
        awaitGauge(proxy, "parked", n -> n == 0);               // the session ended: no longer counted
    }

    @Test
    void overTheLingeringLimitSessionsParkAfterEveryAnswerAndAreServedAgain() throws Exception {
        // A limit of 0: no session waits on its thread, so every request goes parked → watcher → thread.
        TestProxy busy = h2ProxyWith("switchboard.lingeringSessions", "0", "dedicated_busy_it");
        try (busy; Connection a = busy.connect("app", PASSWORD, "h2");
             Connection b = busy.connect("app", PASSWORD, "h2")) {
            for (int i = 0; i < 50; i++) {
                assertThat(TestDb.rows(a, "SELECT " + i)).containsExactly(List.of(i));
                assertThat(TestDb.rows(b, "SELECT " + (i + 100))).containsExactly(List.of(i + 100));
                Thread.sleep(2);        // a gap, so that a thread delayed on a loaded machine still finds no request
            }
            // Parked after nearly every one of the 100 answers (a request already there when the answer has left is
            // served without parking, which a loaded machine makes happen now and then); the default limit parks a
            // busy session only when it falls idle (fewer than 10 in the next test).
            awaitGauge(busy, "parked", n -> n == 2);
            assertThat(parks(busy)).isGreaterThanOrEqualTo(75);
        }
    }

    @Test
    void underTheLingeringLimitABusySessionKeepsItsThread() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "h2")) {
            double before = parks(proxy);
            for (int i = 0; i < 50; i++) assertThat(TestDb.rows(c, "SELECT " + i)).containsExactly(List.of(i));
            // Back-to-back requests come well within the 200 ms linger: at most a stray park, not one per answer.
            assertThat(parks(proxy) - before).isLessThan(10);
        }
    }

    @Test
    void aCancelReachesALongStatementWhileItRuns() throws Exception {
        Backend.POSTGRES.require();
        try (Connection c = proxy.connect("app", PASSWORD, "pg"); Statement st = c.createStatement()) {
            var failure = new AtomicReference<SQLException>();
            Thread sleeper = Thread.ofPlatform().start(() -> {
                try {
                    st.execute("SELECT pg_sleep(30)");
                } catch (SQLException e) {
                    failure.set(e);
                }
            });
            Thread.sleep(300);                          // past the watch threshold: the watcher reads the socket
            long start = System.nanoTime();
            st.cancel();
            sleeper.join(10_000);
            assertThat(sleeper.isAlive()).isFalse();
            assertThat(System.nanoTime() - start).as("cancelled long before its 30 s").isLessThan(10_000_000_000L);
            assertThat((Object) failure.get()).isNotNull();
            assertThat(failure.get().getSQLState()).isEqualTo("57014");
            assertThat(TestDb.rows(c, "SELECT 3")).containsExactly(List.of(3));   // the session carries on
        }
    }

    @Test
    void aKilledParkedSessionIsClosedAndNoLongerCounted() throws Exception {
        int before = proxy.server().sessions().size();
        Connection c = proxy.connect("app", PASSWORD, "h2");
        assertThat(TestDb.rows(c, "SELECT 4")).containsExactly(List.of(4));
        awaitGauge(proxy, "parked", n -> n >= 1);
        long id = proxy.server().sessions().all().stream().mapToLong(s -> s.id()).max().orElseThrow();
        assertThat(proxy.server().sessions().kill(id)).isTrue();
        assertThatThrownBy(() -> TestDb.rows(c, "SELECT 5")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).startsWith("08"));
        c.close();
        awaitSessions(proxy, before);
        // The connection left the event loops, so Netty never saw it close: the count must still come down.
        awaitClients("authenticating", n -> n == 0);
    }

    @Test
    void aDrainTellsAParkedTransactionGoAwayAndLetsItFinish() throws Exception {
        // A proxy of its own: the drain also stops new logins, which the other tests need.
        try (var draining = h2Proxy("dedicated_goaway_it"); var s = login(draining, "h2")) {
            s.client.send(new SetOption(SetOption.Option.AUTOCOMMIT, "false"));
            assertThat(message(s.client)).isInstanceOf(Ok.class);
            s.client.send(Execute.plain("SELECT 1", 10));            // the transaction begins
            assertThat(message(s.client)).isInstanceOf(dev.switchboard.protocol.message.ResultHeader.class);
            assertThat(message(s.client)).isInstanceOf(ResultEnd.class);
            awaitGauge(draining, "parked", n -> n >= 1);

            assertThat(draining.server().sessions().drainAll("maintenance test"))
                    .isEqualTo(new Sessions.Drain(1, 0));
            s.client.send(Ping.INSTANCE);
            assertThat(message(s.client)).isInstanceOf(Ok.class);
            assertThat(s.client.goAwayReason()).isEqualTo("maintenance test");
            s.client.send(Transact.of(Transact.Op.COMMIT));
            assertThat(message(s.client)).isInstanceOf(Ok.class);
            // Between transactions now: the session ends, and the client reads the end of the stream.
            assertThatThrownBy(() -> message(s.client)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
            awaitSessions(draining, 0);
        }
    }

    @Test
    void aDrainClosesAParkedIdleSessionAtOnce() throws Exception {
        try (var draining = h2Proxy("dedicated_idle_drain_it"); var s = login(draining, "h2")) {
            awaitGauge(draining, "parked", n -> n >= 1);
            assertThat(draining.server().sessions().drainAll("maintenance test"))
                    .isEqualTo(new Sessions.Drain(1, 1));
            // GOAWAY first (the client keeps its reason), then the end of the stream: nothing was running.
            assertThatThrownBy(() -> message(s.client)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
            assertThat(s.client.goAwayReason()).isEqualTo("maintenance test");
            awaitSessions(draining, 0);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (var s = login(proxy, "h2")) {
            for (int i = 0; i < 5; i++) s.client.send(Execute.plain("SELECT " + i, 10));
            for (int i = 0; i < 5; i++) {
                assertThat(message(s.client)).isInstanceOf(dev.switchboard.protocol.message.ResultHeader.class);
                assertThat(message(s.client)).isInstanceOf(ResultEnd.class);
            }
        }
    }

    @Test
    void aFrameNearTheLimitIsReadWholeAndTheBufferShrinksAfter() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "h2")) {
            String padding = "x".repeat(MAX_FRAME - 1024);
            assertThat(TestDb.rows(c, "SELECT LENGTH('" + padding + "')")).containsExactly(List.of(
                    (long) padding.length()));
            assertThat(TestDb.rows(c, "SELECT 6")).containsExactly(List.of(6));
        }
    }

    @Test
    void aBadFrameAfterLoginGetsAnErrorAndClosesOnlyThatSession() throws Exception {
        try (Connection bystander = proxy.connect("app", PASSWORD, "h2"); var s = login(proxy, "h2")) {
            var out = new DataOutputStream(s.socket.getOutputStream());
            out.writeInt(5);
            out.writeByte('?');                          // no such frame type
            out.writeInt(0xdeadbeef);
            out.flush();
            assertProtocolErrorThenClosed(s.socket, "protocol violation");
            assertThat(TestDb.rows(bystander, "SELECT 7")).containsExactly(List.of(7));
        }
    }

    @Test
    void aFrameOverMaxFrameBytesAfterLoginIsAProtocolError() throws Exception {
        try (var s = login(proxy, "h2")) {
            var out = new DataOutputStream(s.socket.getOutputStream());
            out.writeInt(MAX_FRAME + 1);
            out.writeByte('E');
            out.flush();
            assertProtocolErrorThenClosed(s.socket, "server.maxFrameBytes");
        }
    }

    /**
     * Logins run on Netty's epoll transport where Linux has it, and the session's thread takes over the epoll
     * channel's socket (net.EpollAdoption; the tests open sun.nio.ch as the jar's manifest does): the other tests of
     * this class run through it.
     */
    @Test
    void sessionsLogInOnEpollAndTheirThreadsTakeItsSocketOver() throws Exception {
        assertThat(proxy.server().transport()).isEqualTo("epoll, dedicated session threads");
        try (Connection c = proxy.connect("app", PASSWORD, "h2")) {
            assertThat(TestDb.rows(c, "SELECT 5")).containsExactly(List.of(5));
            assertThat(gauge("serving") + gauge("parked")).isGreaterThanOrEqualTo(1);
        }
    }

    /** {@code -Dswitchboard.transport=nio}: logins on NIO, and the session's thread takes the NIO channel's socket. */
    @Test
    void onNioSessionsAreTakenOverToo() throws Exception {
        TestProxy nio = h2ProxyWith("switchboard.transport", "nio", "dedicated_nio_it");
        try (nio; Connection c = nio.connect("app", PASSWORD, "h2")) {
            assertThat(nio.server().transport()).isEqualTo("nio, dedicated session threads");
            assertThat(TestDb.rows(c, "SELECT 6")).containsExactly(List.of(6));
            awaitGauge(nio, "parked", n -> n >= 1);
            assertThat(TestDb.rows(c, "SELECT 7")).containsExactly(List.of(7));
        }
    }

    @Test
    void withDedicatedThreadsOffTheEventLoopsServeSessions() throws Exception {
        try (var off = TestProxy.builder().server("dedicatedThreads: false")
                .rawDatabase("h2: { jdbcUrl: \"jdbc:h2:mem:dedicated_off_it;DB_CLOSE_DELAY=-1\", username: sa }")
                .user("app", PASSWORD, List.of("h2")).start();
             Connection c = off.connect("app", PASSWORD, "h2")) {
            assertThat(TestDb.rows(c, "SELECT 8")).containsExactly(List.of(8));
            assertThat(off.server().metrics().scrape()).doesNotContain("switchboard_dedicated_sessions");
            assertThat(off.server().transport()).isEqualTo("epoll");
        }
    }

    // ---- helpers ----

    /** A proxy of its own with one in-memory H2 database, "h2", for user "app". */
    private static TestProxy h2Proxy(String h2Name) throws Exception {
        return TestProxy.builder()
                .rawDatabase("h2: { jdbcUrl: \"jdbc:h2:mem:" + h2Name + ";DB_CLOSE_DELAY=-1\", username: sa }")
                .user("app", PASSWORD, List.of("h2")).start();
    }

    /** A proxy of one H2 database, started while system property {@code key} is {@code value} (read at start). */
    private static TestProxy h2ProxyWith(String key, String value, String h2Name) throws Exception {
        System.setProperty(key, value);
        try {
            return h2Proxy(h2Name);
        } finally {
            System.clearProperty(key);
        }
    }

    private record RawSession(Socket socket, WireClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    /** A session logged in by hand, so the test can also write raw bytes to its socket. */
    private static RawSession login(TestProxy into, String database) throws Exception {
        var socket = new Socket("127.0.0.1", into.port());
        socket.setSoTimeout(5000);
        var client = new WireClient(socket.getInputStream(), socket.getOutputStream(), socket);
        var scram = new ScramClient("app", PASSWORD.toCharArray());
        client.send(new Hello(ProtocolVersion.CURRENT, "DedicatedThreadsIT", "app", database, "",
                scram.clientFirstMessage()));
        var challenge = (AuthChallenge) message(client);
        client.send(new Auth(scram.clientFinalMessage(challenge.scramServerFirst())));
        var ready = (Ready) message(client);
        scram.verifyServerFinal(ready.scramServerFinal());
        return new RawSession(socket, client);
    }

    /** The next non-row frame. */
    private static ServerMessage message(WireClient client) throws SQLException {
        while (true) {
            if (client.receive() instanceof Reply.Message(ServerMessage m)) return m;
        }
    }

    private static void assertProtocolErrorThenClosed(Socket socket, String messagePart) throws Exception {
        var in = new DataInputStream(socket.getInputStream());
        byte[] frame = in.readNBytes(in.readInt());
        var error = (ServerError) ServerCodec.decode(ByteBuffer.wrap(frame));
        assertThat(error.sqlState()).isEqualTo("08P01");
        assertThat(error.message()).contains(messagePart);
        assertThat(in.read()).as("connection closed after the error").isEqualTo(-1);
    }

    private static void awaitClients(String state, DoublePredicate ok) throws InterruptedException {
        var series = Pattern.compile("(?m)^switchboard_client_connections\\{state=\"" + state + "\"} (\\S+)$");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            var m = series.matcher(proxy.server().metrics().scrape());
            assertThat(m.find()).isTrue();
            if (ok.test(Double.parseDouble(m.group(1)))) return;
            if (System.nanoTime() > deadline) throw new AssertionError("client connections " + state + " = "
                    + m.group(1));
            Thread.sleep(20);
        }
    }

    private static void awaitSessions(TestProxy of, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (of.server().sessions().size() != count && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(of.server().sessions().size()).isEqualTo(count);
    }

    private static double parks(TestProxy of) {
        var line = Pattern.compile("(?m)^switchboard_dedicated_parks_total (\\S+)$")
                .matcher(of.server().metrics().scrape());
        assertThat(line.find()).as("switchboard_dedicated_parks_total in /metrics").isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static double gauge(String state) {
        return gauge(proxy, state);
    }

    private static double gauge(TestProxy of, String state) {
        var line = Pattern.compile("(?m)^switchboard_dedicated_sessions\\{state=\"" + state + "\"} (\\S+)$")
                .matcher(of.server().metrics().scrape());
        assertThat(line.find()).as("switchboard_dedicated_sessions{state=%s} in /metrics", state).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static void awaitGauge(TestProxy of, String state, DoublePredicate ok) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!ok.test(gauge(of, state))) {
            if (System.nanoTime() > deadline) throw new AssertionError("switchboard_dedicated_sessions{state="
                    + state + "} stayed at " + gauge(of, state));
            Thread.sleep(20);
        }
    }
}
