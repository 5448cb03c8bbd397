package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameType;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.AuthChallenge;
import dev.switchboard.protocol.message.BatchResult;
import dev.switchboard.protocol.message.GoAway;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.Suspended;
import dev.switchboard.protocol.message.Switched;
import dev.switchboard.protocol.message.Warning;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Server messages ↔ bytes (SPEC.md §6). Stateless and thread-safe. */
public final class ServerCodec {
    private static final int FLAG_GENERATED_KEYS = 1;

    private ServerCodec() {
    }

    /** Writes one whole frame, length prefix included. */
    public static void encode(ServerMessage msg, WireOut out) {
        if (msg instanceof RowBatch b) {
            writeRowBatch(b, out);
            return;
        }
        int start = Wire.beginFrame(out, typeOf(msg));
        switch (msg) {
            case AuthChallenge a -> out.writeString(a.scramServerFirst());
            case Ready r -> {
                out.writeShort(r.version().major());
                out.writeShort(r.version().minor());
                out.writeLong(r.sessionId());
                out.writeLong(r.cancelKey());
                out.writeString(r.database());
                out.writeString(r.productName());
                out.writeString(r.productVersion());
                out.writeString(r.serverVersion());
                out.writeString(r.scramServerFinal());
            }
            case Switched s -> {
                out.writeString(s.database());
                out.writeString(s.productName());
                out.writeString(s.productVersion());
            }
            case ResultHeader h -> {
                out.writeShort(h.columns().size());
                for (Column c : h.columns()) writeColumn(out, c);
            }
            case RowBatch b -> throw new AssertionError("handled above");
            case ResultEnd e -> {
                out.writeLong(e.updateCount());
                out.writeByte(e.generatedKeys() ? FLAG_GENERATED_KEYS : 0);
            }
            case Suspended s -> out.writeInt(s.cursorId());
            case BatchResult b -> {
                out.writeInt(b.updateCounts().size());
                for (long n : b.updateCounts()) out.writeLong(n);
            }
            case Ok o -> { }
            case Warning w -> {
                out.writeString(w.sqlState());
                out.writeInt(w.vendorCode());
                out.writeString(w.message());
            }
            case ServerError e -> {
                out.writeString(e.sqlState());
                out.writeInt(e.vendorCode());
                out.writeString(e.message());
            }
            case GoAway g -> out.writeString(g.reason());
        }
        Wire.endFrame(out, start);
    }

    public static FrameType typeOf(ServerMessage msg) {
        return switch (msg) {
            case AuthChallenge a -> FrameType.AUTH_CHALLENGE;
            case Ready r -> FrameType.READY;
            case Switched s -> FrameType.SWITCHED;
            case ResultHeader h -> FrameType.RESULT_HEADER;
            case RowBatch b -> FrameType.ROW_BATCH;
            case ResultEnd e -> FrameType.RESULT_END;
            case Suspended s -> FrameType.SUSPENDED;
            case BatchResult b -> FrameType.BATCH_RESULT;
            case Ok o -> FrameType.OK;
            case Warning w -> FrameType.WARNING;
            case ServerError e -> FrameType.ERROR;
            case GoAway g -> FrameType.GOAWAY;
        };
    }

    private static void writeRowBatch(RowBatch b, WireOut out) {
        var w = new RowBatchWriter(out, b.types());
        for (List<Value> row : b.rows()) {
            w.beginRow();
            for (int i = 0; i < row.size(); i++) {
                Value v = row.get(i);
                if (v instanceof Value.Null) w.setNull(i);
                else ValueCodec.writePayload(out, v);
            }
            w.endRow();
        }
        w.finish();
    }

    public static void writeColumn(WireOut out, Column c) {
        out.writeString(c.label());
        out.writeString(c.name());
        out.writeString(c.table());
        out.writeString(c.schema());
        out.writeByte(c.wireType().code());
        out.writeInt(c.jdbcType());
        out.writeString(c.typeName());
        out.writeInt(c.precision());
        out.writeInt(c.scale());
        out.writeInt(c.displaySize());
        out.writeByte(c.nullable());
        out.writeByte(c.flags());
    }

    private static Column readColumn(ByteBuffer in) {
        return new Column(Wire.readString(in), Wire.readString(in), Wire.readString(in), Wire.readString(in),
                SqlType.of(in.get()), in.getInt(), Wire.readString(in), in.getInt(), in.getInt(), in.getInt(),
                Wire.readU8(in), Wire.readU8(in));
    }

    /**
     * Decodes one frame whose length prefix is already removed: {@code in} starts at the type byte. Anything
     * malformed, truncated, or followed by extra bytes is a {@link ProtocolException}.
     */
    public static ServerMessage decode(ByteBuffer in) {
        try {
            ServerMessage msg = switch (FrameType.of(in.get())) {
                case AUTH_CHALLENGE -> new AuthChallenge(Wire.readString(in));
                case READY -> new Ready(new ProtocolVersion(Wire.readU16(in), Wire.readU16(in)), in.getLong(),
                        in.getLong(), Wire.readString(in), Wire.readString(in), Wire.readString(in),
                        Wire.readString(in), Wire.readString(in));
                case SWITCHED -> new Switched(Wire.readString(in), Wire.readString(in), Wire.readString(in));
                case RESULT_HEADER -> {
                    int n = Wire.readU16(in);
                    var columns = new ArrayList<Column>(Math.min(n, in.remaining()));
                    for (int i = 0; i < n; i++) columns.add(readColumn(in));
                    yield new ResultHeader(columns);
                }
                case ROW_BATCH -> readRowBatch(in);
                case RESULT_END -> {
                    long count = in.getLong();
                    int flags = Wire.readU8(in);
                    if ((flags & ~FLAG_GENERATED_KEYS) != 0) throw new ProtocolException("unknown result flags");
                    yield new ResultEnd(count, flags == FLAG_GENERATED_KEYS);
                }
                case SUSPENDED -> new Suspended(in.getInt());
                case BATCH_RESULT -> {
                    int n = Wire.readCount(in, 8);
                    var counts = new ArrayList<Long>(n);
                    for (int i = 0; i < n; i++) counts.add(in.getLong());
                    yield new BatchResult(counts);
                }
                case OK -> Ok.INSTANCE;
                case WARNING -> new Warning(Wire.readString(in), in.getInt(), Wire.readString(in));
                case ERROR -> new ServerError(Wire.readString(in), in.getInt(), Wire.readString(in));
                case GOAWAY -> new GoAway(Wire.readString(in));
                case HELLO, AUTH, EXECUTE, EXECUTE_BATCH, FETCH, CLOSE_CURSOR, TRANSACT, SET_OPTION, METADATA, CANCEL,
                     PING, TERMINATE -> throw new ProtocolException("client-only frame sent by a server");
            };
            if (in.hasRemaining()) throw new ProtocolException(in.remaining() + " bytes left after " + msg);
            return msg;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated frame", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException("malformed frame: " + e.getMessage(), e);
        }
    }

    private static RowBatch readRowBatch(ByteBuffer in) {
        var reader = new RowBatchReader(in);
        var rows = new ArrayList<List<Value>>(Math.min(reader.rowCount(), 1024));
        while (reader.next()) rows.add(reader.row());
        if (!reader.fullyConsumed()) throw new ProtocolException("bytes left after the last row");
        in.position(in.limit());
        return new RowBatch(reader.types(), rows);
    }
}
