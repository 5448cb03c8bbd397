package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Encodes single values (SPEC.md §5). Parameters travel tagged (type byte, then payload); row values travel as bare
 * payloads whose type the row batch states once per column.
 */
public final class ValueCodec {
    private static final int MAX_NANO = 999_999_999;

    private ValueCodec() {
    }

    public static void writeTagged(WireOut out, Value v) {
        out.writeByte(v.type().code());
        if (v instanceof Value.Null n) {
            out.writeInt(n.jdbcType());
        } else {
            writePayload(out, v);
        }
    }

    public static Value readTagged(ByteBuffer in) {
        SqlType type = SqlType.of(in.get());
        return type == SqlType.NULL ? new Value.Null(in.getInt()) : readPayload(in, type);
    }

    /** The payload of a non-null value. */
    public static void writePayload(WireOut out, Value v) {
        switch (v) {
            case Value.Null n -> throw new IllegalArgumentException("NULL has no payload");
            case Value.Bool b -> out.writeByte(b.value() ? 1 : 0);
            case Value.Int32 i -> out.writeInt(i.value());
            case Value.Int64 l -> out.writeLong(l.value());
            case Value.Float32 f -> out.writeFloat(f.value());
            case Value.Float64 d -> out.writeDouble(d.value());
            case Value.Decimal d -> writeDecimal(out, d.value());
            case Value.Text t -> out.writeString(t.value());
            case Value.Bytes b -> {
                byte[] bytes = b.unsafeBytes();
                out.writeInt(bytes.length);
                out.writeBytes(bytes);
            }
            case Value.Date d -> writeDate(out, d.value());
            case Value.Time t -> writeTime(out, t.value());
            case Value.Timestamp t -> writeTimestamp(out, t.value());
            case Value.TimestampTz t -> writeTimestampTz(out, t.value());
        }
    }

    public static void writeDecimal(WireOut out, BigDecimal d) {
        out.writeInt(d.scale());
        byte[] unscaled = d.unscaledValue().toByteArray();
        out.writeInt(unscaled.length);
        out.writeBytes(unscaled);
    }

    public static void writeDate(WireOut out, LocalDate d) {
        out.writeLong(d.toEpochDay());
    }

    public static void writeTime(WireOut out, LocalTime t) {
        out.writeLong(t.toNanoOfDay());
    }

    public static void writeTimestamp(WireOut out, LocalDateTime t) {
        out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
        out.writeInt(t.getNano());
    }

    public static void writeTimestampTz(WireOut out, OffsetDateTime t) {
        out.writeLong(t.toEpochSecond());
        out.writeInt(t.getNano());
        out.writeInt(t.getOffset().getTotalSeconds());
    }

    public static Value readPayload(ByteBuffer in, SqlType type) {
        return switch (type) {
            case NULL -> throw new ProtocolException("NULL has no payload");
            case BOOLEAN -> new Value.Bool(Wire.readBoolean(in));
            case INT32 -> new Value.Int32(in.getInt());
            case INT64 -> new Value.Int64(in.getLong());
            case FLOAT32 -> new Value.Float32(in.getFloat());
            case FLOAT64 -> new Value.Float64(in.getDouble());
            case DECIMAL -> new Value.Decimal(readDecimal(in));
            case TEXT -> new Value.Text(Wire.readString(in));
            case BYTES -> new Value.Bytes(Wire.readBytes(in));
            case DATE -> new Value.Date(readDate(in));
            case TIME -> new Value.Time(readTime(in));
            case TIMESTAMP -> new Value.Timestamp(readTimestamp(in));
            case TIMESTAMP_TZ -> new Value.TimestampTz(readTimestampTz(in));
        };
    }

    public static BigDecimal readDecimal(ByteBuffer in) {
        int scale = in.getInt();
        int len = Wire.readLength(in);
        if (len == 0) throw new ProtocolException("decimal with no digits");
        byte[] b = new byte[len];
        in.get(b);
        return new BigDecimal(new BigInteger(b), scale);
    }

    public static LocalDate readDate(ByteBuffer in) {
        long day = in.getLong();
        try {
            return LocalDate.ofEpochDay(day);
        } catch (java.time.DateTimeException e) {
            throw new ProtocolException("date out of range: epoch day " + day);
        }
    }

    public static LocalTime readTime(ByteBuffer in) {
        long nanos = in.getLong();
        try {
            return LocalTime.ofNanoOfDay(nanos);
        } catch (java.time.DateTimeException e) {
            throw new ProtocolException("time out of range: nano of day " + nanos);
        }
    }

    public static LocalDateTime readTimestamp(ByteBuffer in) {
        long seconds = in.getLong();
        int nano = readNano(in);
        try {
            return LocalDateTime.ofEpochSecond(seconds, nano, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new ProtocolException("timestamp out of range: " + seconds + "s");
        }
    }

    public static OffsetDateTime readTimestampTz(ByteBuffer in) {
        long seconds = in.getLong();
        int nano = readNano(in);
        int offset = in.getInt();
        try {
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(offset);
            return OffsetDateTime.of(LocalDateTime.ofEpochSecond(seconds, nano, zone), zone);
        } catch (java.time.DateTimeException e) {
            throw new ProtocolException("timestamp with time zone out of range: " + seconds + "s offset " + offset);
        }
    }

    private static int readNano(ByteBuffer in) {
        int nano = in.getInt();
        if (nano < 0 || nano > MAX_NANO) throw new ProtocolException("nanoseconds out of range: " + nano);
        return nano;
    }

    /** Moves past one payload of {@code type} without building it (row readers compute offsets this way). */
    public static void skipPayload(ByteBuffer in, SqlType type) {
        switch (type) {
            case NULL -> throw new ProtocolException("NULL has no payload");
            case BOOLEAN -> Wire.readBoolean(in);
            case INT32, FLOAT32 -> in.position(checked(in, 4));
            case INT64, FLOAT64, DATE, TIME -> in.position(checked(in, 8));
            case TIMESTAMP -> in.position(checked(in, 12));
            case TIMESTAMP_TZ -> in.position(checked(in, 16));
            case DECIMAL -> {
                in.position(checked(in, 4));
                int len = Wire.readLength(in);
                if (len == 0) throw new ProtocolException("decimal with no digits");
                in.position(in.position() + len);
            }
            case TEXT, BYTES -> {
                int len = Wire.readLength(in);
                in.position(in.position() + len);
            }
        }
    }

    private static int checked(ByteBuffer in, int n) {
        if (in.remaining() < n) throw new java.nio.BufferUnderflowException();
        return in.position() + n;
    }
}
