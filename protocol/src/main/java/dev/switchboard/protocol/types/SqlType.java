package dev.switchboard.protocol.types;

import dev.switchboard.protocol.codec.ProtocolException;

import java.sql.Types;

/**
 * How a value is encoded on the wire (SPEC.md §5). Few on purpose: every backend type maps to one of these; the
 * column's own JDBC type and type name travel in {@link Column} so that metadata stays exact.
 */
public enum SqlType {
    NULL(0), BOOLEAN(1), INT32(2), INT64(3), FLOAT32(4), FLOAT64(5), DECIMAL(6), TEXT(7), BYTES(8), DATE(9),
    TIME(10), TIMESTAMP(11), TIMESTAMP_TZ(12);

    private static final SqlType[] BY_CODE = values();

    private final byte code;

    SqlType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static SqlType of(byte code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new ProtocolException("unknown value type " + (code & 0xff));
        }
        return BY_CODE[code];
    }

    /**
     * The wire type for a backend column of {@code jdbcType} ({@link Types}) named {@code typeName} by the backend.
     * Anything without a better encoding travels as text, which every driver can produce.
     */
    public static SqlType forColumn(int jdbcType, String typeName) {
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INT32;
            case Types.BIGINT -> INT64;
            case Types.REAL -> FLOAT32;
            case Types.FLOAT, Types.DOUBLE -> FLOAT64;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            case Types.DATE -> DATE;
            case Types.TIME -> TIME;
            case Types.TIMESTAMP -> isTimestampTz(typeName) ? TIMESTAMP_TZ : TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
            default -> TEXT;
        };
    }

    // pgjdbc reports timestamptz as Types.TIMESTAMP; only its type name tells the offset is there.
    private static boolean isTimestampTz(String typeName) {
        return typeName != null && (typeName.equalsIgnoreCase("timestamptz")
                || typeName.toLowerCase(java.util.Locale.ROOT).contains("with time zone"));
    }
}
