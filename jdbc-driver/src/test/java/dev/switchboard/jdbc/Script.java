package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.Session;
import dev.switchboard.jdbc.internal.WireClient;
import dev.switchboard.protocol.codec.BufferWireOut;
import dev.switchboard.protocol.codec.ClientCodec;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ServerMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level conversation without a socket: the server's frames are encoded up front with {@link ServerCodec}
 * (row batches through the same {@code RowBatchWriter} the server uses), the driver reads them through its real
 * {@link WireClient}, and what the driver wrote is decoded afterwards with {@link ClientCodec}. Requests are
 * answered strictly in order, so a scripted answer stream is a faithful server. When the script runs out the
 * driver sees end-of-stream, as if the server had closed.
 */
final class Script {
    static final Ready READY = new Ready(ProtocolVersion.CURRENT, 42, 4242, "sales", "PostgreSQL", "16.2", "0.1.0",
            "v=unused");

    private final BufferWireOut server = new BufferWireOut();
    private final ByteArrayOutputStream client = new ByteArrayOutputStream();

    Script reply(ServerMessage... messages) {
        for (ServerMessage m : messages) ServerCodec.encode(m, server);
        return this;
    }

    /** A logged-in connection (fetchSize 2, no fetch-ahead) that will read the scripted answers. */
    SwitchboardConnection connect() {
        return connect(false);
    }

    /** As {@link #connect()}, with result sets fetching their next batch ahead ({@code prefetch=true}). */
    SwitchboardConnection connect(boolean prefetch) {
        var wire = new WireClient(new ByteArrayInputStream(server.toByteArray()), client, () -> { });
        return new SwitchboardConnection(new Session(wire, READY), "jdbc:switchboard://test/sales", "alice", 2,
                prefetch);
    }

    /** Every frame the driver sent, decoded. */
    List<ClientMessage> sent() {
        ByteBuffer in = ByteBuffer.wrap(client.toByteArray());
        var messages = new ArrayList<ClientMessage>();
        while (in.hasRemaining()) {
            int length = in.getInt();
            messages.add(ClientCodec.decode(in.slice(in.position(), length)));
            in.position(in.position() + length);
        }
        return messages;
    }
}
