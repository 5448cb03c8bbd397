package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameType;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.CloseCursor;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.ExecuteBatch;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.message.Transact;
import dev.switchboard.protocol.types.Value;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Client messages ↔ bytes (SPEC.md §6). Stateless and thread-safe. */
public final class ClientCodec {
    private static final int FLAG_PREPARED = 1;
    private static final int FLAG_GENERATED_KEYS = 2;

    private ClientCodec() {
    }

    /** Writes one whole frame, length prefix included. */
    public static void encode(ClientMessage msg, WireOut out) {
        int start = Wire.beginFrame(out, typeOf(msg));
        switch (msg) {
            case Hello h -> {
                out.writeShort(h.version().major());
                out.writeShort(h.version().minor());
                out.writeString(h.clientName());
                out.writeString(h.user());
                out.writeString(h.database());
                out.writeString(h.applicationName());
                out.writeString(h.scramClientFirst());
            }
            case Auth a -> out.writeString(a.scramClientFinal());
            case Execute e -> {
                out.writeByte((e.prepared() ? FLAG_PREPARED : 0) | (e.generatedKeys() ? FLAG_GENERATED_KEYS : 0));
                out.writeInt(e.fetchSize());
                out.writeInt(e.maxRows());
                out.writeInt(e.timeoutSeconds());
                out.writeString(e.sql());
                writeValues(out, e.params());
                writeStrings(out, e.keyColumns());
            }
            case ExecuteBatch b -> {
                out.writeInt(b.timeoutSeconds());
                writeStrings(out, b.statements());
                out.writeInt(b.paramSets().size());
                for (List<Value> set : b.paramSets()) writeValues(out, set);
            }
            case Fetch f -> {
                out.writeInt(f.cursorId());
                out.writeInt(f.maxRows());
            }
            case CloseCursor c -> out.writeInt(c.cursorId());
            case Transact t -> {
                out.writeByte(t.op().ordinal());
                out.writeString(t.savepoint());
            }
            case SetOption s -> {
                out.writeByte(s.option().ordinal());
                out.writeString(s.value());
            }
            case MetadataCall m -> {
                out.writeString(m.method());
                out.writeInt(m.fetchSize());
                writeValues(out, m.args());
            }
            case Cancel c -> {
                out.writeLong(c.sessionId());
                out.writeLong(c.cancelKey());
            }
            case Ping p -> { }
            case Terminate t -> { }
        }
        Wire.endFrame(out, start);
    }

    public static FrameType typeOf(ClientMessage msg) {
        return switch (msg) {
            case Hello h -> FrameType.HELLO;
            case Auth a -> FrameType.AUTH;
            case Execute e -> FrameType.EXECUTE;
            case ExecuteBatch b -> FrameType.EXECUTE_BATCH;
            case Fetch f -> FrameType.FETCH;
            case CloseCursor c -> FrameType.CLOSE_CURSOR;
            case Transact t -> FrameType.TRANSACT;
            case SetOption s -> FrameType.SET_OPTION;
            case MetadataCall m -> FrameType.METADATA;
            case Cancel c -> FrameType.CANCEL;
            case Ping p -> FrameType.PING;
            case Terminate t -> FrameType.TERMINATE;
        };
    }

    /**
     * Decodes one frame whose length prefix is already removed: {@code in} starts at the type byte and ends with
     * the frame. Anything malformed, truncated, or followed by extra bytes is a {@link ProtocolException}.
     */
    public static ClientMessage decode(ByteBuffer in) {
        try {
            ClientMessage msg = switch (FrameType.of(in.get())) {
                case HELLO -> new Hello(new ProtocolVersion(Wire.readU16(in), Wire.readU16(in)), Wire.readString(in),
                        Wire.readString(in), Wire.readString(in), Wire.readString(in), Wire.readString(in));
                case AUTH -> new Auth(Wire.readString(in));
                case EXECUTE -> readExecute(in);
                case EXECUTE_BATCH -> readBatch(in);
                case FETCH -> new Fetch(in.getInt(), in.getInt());
                case CLOSE_CURSOR -> new CloseCursor(in.getInt());
                case TRANSACT -> new Transact(Wire.readEnum(in, Transact.Op.values(), "transaction op"),
                        Wire.readString(in));
                case SET_OPTION -> new SetOption(Wire.readEnum(in, SetOption.Option.values(), "option"),
                        Wire.readString(in));
                case METADATA -> {
                    String method = Wire.readString(in);
                    int fetchSize = in.getInt();
                    yield new MetadataCall(method, readValues(in), fetchSize);
                }
                case CANCEL -> new Cancel(in.getLong(), in.getLong());
                case PING -> Ping.INSTANCE;
                case TERMINATE -> Terminate.INSTANCE;
                case AUTH_CHALLENGE, READY, SWITCHED, RESULT_HEADER, ROW_BATCH, RESULT_END, SUSPENDED, BATCH_RESULT, OK,
                     WARNING, ERROR, GOAWAY -> throw new ProtocolException("server-only frame sent by a client");
            };
            if (in.hasRemaining()) throw new ProtocolException(in.remaining() + " bytes left after " + msg);
            return msg;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated frame", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException("malformed frame: " + e.getMessage(), e);
        }
    }

    private static Execute readExecute(ByteBuffer in) {
        int flags = Wire.readU8(in);
        if ((flags & ~(FLAG_PREPARED | FLAG_GENERATED_KEYS)) != 0) throw new ProtocolException("unknown execute flags");
        int fetchSize = in.getInt();
        int maxRows = in.getInt();
        int timeout = in.getInt();
        String sql = Wire.readString(in);
        List<Value> params = readValues(in);
        List<String> keys = readStrings(in);
        return new Execute(sql, params, (flags & FLAG_PREPARED) != 0, fetchSize, maxRows, timeout,
                (flags & FLAG_GENERATED_KEYS) != 0, keys);
    }

    private static ExecuteBatch readBatch(ByteBuffer in) {
        int timeout = in.getInt();
        List<String> statements = readStrings(in);
        int sets = Wire.readCount(in, 2);
        var paramSets = new ArrayList<List<Value>>(sets);
        for (int i = 0; i < sets; i++) paramSets.add(readValues(in));
        return new ExecuteBatch(statements, paramSets, timeout);
    }

    /** u16 count, then tagged values. */
    static void writeValues(WireOut out, List<Value> values) {
        if (values.size() > 0xffff) throw new IllegalArgumentException("more than 65535 values");
        out.writeShort(values.size());
        for (Value v : values) ValueCodec.writeTagged(out, v);
    }

    static List<Value> readValues(ByteBuffer in) {
        int n = Wire.readU16(in);
        var values = new ArrayList<Value>(Math.min(n, in.remaining()));
        for (int i = 0; i < n; i++) values.add(ValueCodec.readTagged(in));
        return values;
    }

    /** i32 count, then strings. */
    static void writeStrings(WireOut out, List<String> strings) {
        out.writeInt(strings.size());
        for (String s : strings) out.writeString(s);
    }

    static List<String> readStrings(ByteBuffer in) {
        int n = Wire.readCount(in, 4);
        var strings = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) strings.add(Wire.readString(in));
        return strings;
    }
}
