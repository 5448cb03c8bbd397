package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.codec.BufferWireOut;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.message.GoAway;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.Ping;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireClientTest {
    private static WireClient over(byte[] serverBytes, ByteArrayOutputStream out) {
        return new WireClient(new ByteArrayInputStream(serverBytes), out, () -> { });
    }

    @Test
    void refusesFramesOver16MiBBeforeAllocating() {
        byte[] header = ByteBuffer.allocate(4).putInt(16 * 1024 * 1024).array();   // + 4 length bytes > 16 MiB
        var client = over(header, new ByteArrayOutputStream());
        assertThatThrownBy(client::receive).isInstanceOf(SQLNonTransientConnectionException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08P01");
        assertThat(client.isBroken()).isTrue();
        assertThatThrownBy(() -> client.send(Ping.INSTANCE))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    }

    @Test
    void anUnknownFrameTypeIsAProtocolViolation() {
        var client = over(new byte[] {0, 0, 0, 1, '?'}, new ByteArrayOutputStream());
        assertThatThrownBy(client::receive).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08P01");
    }

    @Test
    void sendsOneWholeFrame() throws SQLException {
        var out = new ByteArrayOutputStream();
        var client = over(new byte[] {0, 0, 0, 1, 'k'}, out);
        client.send(Ping.INSTANCE);
        assertThat(out.toByteArray()).containsExactly(0, 0, 0, 1, 'P');
        assertThat(client.receive()).isEqualTo(new Reply.Message(Ok.INSTANCE));
    }

    @Test
    void theEndOfTheStreamAfterGoAwayIs57P01() {
        var frame = new BufferWireOut(64);
        ServerCodec.encode(new GoAway("server is shutting down"), frame);
        byte[] goAwayThenEnd = Arrays.copyOf(frame.array(), frame.position());
        var client = over(goAwayThenEnd, new ByteArrayOutputStream());
        assertThatThrownBy(client::receive).isInstanceOf(SQLNonTransientConnectionException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P01"))
                .hasMessageContaining("server is shutting down");
        assertThat(client.goAwayReason()).isEqualTo("server is shutting down");
        assertThat(client.isBroken()).isTrue();
    }

    @Test
    void theEndOfTheStreamWithoutGoAwayIsALostConnection() {
        var client = over(new byte[0], new ByteArrayOutputStream());
        assertThatThrownBy(client::receive).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
    }
}
