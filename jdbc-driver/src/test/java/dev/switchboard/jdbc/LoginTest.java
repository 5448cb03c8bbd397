package dev.switchboard.jdbc;

import dev.switchboard.protocol.codec.BufferWireOut;
import dev.switchboard.protocol.codec.ClientCodec;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.AuthChallenge;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.scram.ScramServer;
import dev.switchboard.protocol.scram.ScramVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Login over a real socket against a one-connection server that speaks the protocol with the real codecs and the
 * real {@link ScramServer}: the whole stack from {@link DriverManager} down.
 */
@Timeout(20)
class LoginTest {
    private static final ScramVerifier ALICE = ScramVerifier.create("s3cret".toCharArray());

    private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final List<ClientMessage> received = new CopyOnWriteArrayList<>();

    LoginTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    private String url(String rest) {
        return "jdbc:switchboard://127.0.0.1:" + listener.getLocalPort() + rest;
    }

    /** Accepts one connection and runs login, then answers requests with {@code afterLogin}. */
    private void serve(Conversation afterLogin) {
        Thread.ofVirtual().start(() -> {
            try (Socket s = listener.accept()) {
                var in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                Hello hello = (Hello) read(in);
                var scram = new ScramServer(ALICE);
                send(out, new AuthChallenge(scram.serverFirstMessage(hello.scramClientFirst())));
                Auth auth = (Auth) read(in);
                if (!scram.verifyClientFinal(auth.scramClientFinal()) || !hello.database().equals("sales")) {
                    send(out, new ServerError("28000", 0, "login failed"));
                    return;
                }
                send(out, new Ready(ProtocolVersion.CURRENT, 1, 99, "sales", "PostgreSQL", "16.2", "0.1.0",
                        scram.serverFinalMessage()));
                afterLogin.run(in, out);
            } catch (Exception e) {
                // the test's assertions report what went wrong
            }
        });
    }

    interface Conversation {
        void run(DataInputStream in, OutputStream out) throws Exception;
    }

    private ClientMessage read(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ClientMessage m = ClientCodec.decode(ByteBuffer.wrap(frame));
        received.add(m);
        return m;
    }

    private static void send(OutputStream out, ServerMessage... messages) throws IOException {
        var buf = new BufferWireOut();
        for (ServerMessage m : messages) ServerCodec.encode(m, buf);
        out.write(buf.toByteArray());
        out.flush();
    }

    @Test
    void logsInWithScramAndTerminatesOnClose() throws Exception {
        var done = new CountDownLatch(1);
        serve((in, out) -> {
            read(in);                                    // PING
            send(out, Ok.INSTANCE);
            read(in);                                    // TERMINATE
            done.countDown();
        });
        try (Connection c = DriverManager.getConnection(url("/sales?applicationName=test"), "alice", "s3cret")) {
            assertThat(c.isValid(5)).isTrue();
            assertThat(c.getCatalog()).isEqualTo("sales");
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("16.2");
            assertThat(c.getMetaData().getUserName()).isEqualTo("alice");
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        Hello hello = (Hello) received.getFirst();
        assertThat(hello.user()).isEqualTo("alice");
        assertThat(hello.database()).isEqualTo("sales");
        assertThat(hello.applicationName()).isEqualTo("test");
        assertThat(hello.clientName()).startsWith("switchboard-jdbc ");
        assertThat(received.subList(2, received.size())).containsExactly(Ping.INSTANCE, Terminate.INSTANCE);
    }

    @Test
    void aWrongPasswordIs28000() {
        serve((in, out) -> { });
        assertThatThrownBy(() -> DriverManager.getConnection(url("/sales"), "alice", "wrong"))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
    }

    @Test
    void cancelFromAnotherThreadReachesTheServerWhileTheStatementRuns() throws Exception {
        serve((in, out) -> {
            read(in);                                    // EXECUTE
            Cancel cancel = (Cancel) read(in);           // arrives while the statement "runs"
            if (cancel.sessionId() == 1 && cancel.cancelKey() == 99) {
                send(out, new ServerError("57014", 0, "canceling statement due to user request"));
            }
            read(in);
        });
        try (Connection c = DriverManager.getConnection(url("/sales"), "alice", "s3cret")) {
            Statement s = c.createStatement();
            var canceller = Thread.ofVirtual().start(() -> {
                try {
                    while (received.stream().noneMatch(m -> m instanceof Execute)) Thread.sleep(10);
                    Thread.sleep(50);
                    s.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThatThrownBy(() -> s.execute("select pg_sleep(60)")).isInstanceOf(SQLTimeoutException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            canceller.join();
        }
    }
}
