package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.types.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The parameters of a prepared statement as wire {@link Value}s, and the conversions from the Java objects that
 * {@code setObject} accepts. Unset parameters are Java {@code null}s until {@link #values()} checks them. Not
 * thread-safe.
 */
final class Parameters {
    private final List<Value> values = new ArrayList<>();

    void set(int index, Value v) throws SQLException {
        if (index < 1 || index > FrameLimits.MAX_COLUMNS) {
            throw SqlExceptions.of("07009", "parameter index " + index + " is not in 1.." + FrameLimits.MAX_COLUMNS);
        }
        while (values.size() < index) values.add(null);
        values.set(index - 1, v);
    }

    void clear() {
        values.clear();
    }

    /**
     * The values to send. Every index up to the highest one set must be set (07001 otherwise); that the count
     * matches the {@code ?}s is the backend's check.
     */
    List<Value> values() throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw SqlExceptions.of(SqlExceptions.PARAMETER_NOT_SET, "parameter " + (i + 1) + " is not set");
            }
        }
        return List.copyOf(values);
    }

    /** The wire value for a Java object, by its class; null is NULL of unknown type. */
    static Value of(Object x) throws SQLException {
        return switch (x) {
            case null -> new Value.Null(Types.NULL);
            case Value v -> v;
            case String s -> new Value.Text(s);
            case Boolean b -> new Value.Bool(b);
            case Byte b -> new Value.Int32(b);
            case Short s -> new Value.Int32(s);
            case Integer i -> new Value.Int32(i);
            case Long l -> new Value.Int64(l);
            case Float f -> new Value.Float32(f);
            case Double d -> new Value.Float64(d);
            case BigDecimal d -> new Value.Decimal(d);
            case BigInteger i -> new Value.Decimal(new BigDecimal(i));
            case Character c -> new Value.Text(c.toString());
            case byte[] b -> new Value.Bytes(b);
            case java.sql.Date d -> new Value.Date(d.toLocalDate());
            case java.sql.Time t -> new Value.Time(t.toLocalTime());
            case java.sql.Timestamp t -> new Value.Timestamp(t.toLocalDateTime());
            case java.util.Date d -> new Value.TimestampTz(d.toInstant().atOffset(ZoneOffset.UTC));
            case LocalDate d -> new Value.Date(d);
            case LocalTime t -> new Value.Time(t);
            case LocalDateTime t -> new Value.Timestamp(t);
            case OffsetDateTime t -> new Value.TimestampTz(t);
            case ZonedDateTime t -> new Value.TimestampTz(t.toOffsetDateTime());
            case Instant i -> new Value.TimestampTz(i.atOffset(ZoneOffset.UTC));
            case UUID u -> new Value.Text(u.toString());
            case OffsetTime t -> new Value.Text(t.toString());
            default -> throw SqlExceptions.unsupported("setObject with a " + x.getClass().getName());
        };
    }

    /** {@code setObject(i, x, targetSqlType)}: the object converted to the wire type of that JDBC type. */
    static Value of(Object x, int targetSqlType) throws SQLException {
        if (x == null) return new Value.Null(targetSqlType);
        Value v = of(x);
        try {
            return switch (targetSqlType) {
                case Types.BIT, Types.BOOLEAN -> new Value.Bool(bool(v));
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> new Value.Int32(decimal(v).intValueExact());
                case Types.BIGINT -> new Value.Int64(decimal(v).longValueExact());
                case Types.REAL -> new Value.Float32((float) dbl(v));
                case Types.FLOAT, Types.DOUBLE -> new Value.Float64(dbl(v));
                case Types.NUMERIC, Types.DECIMAL -> new Value.Decimal(decimal(v));
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                     Types.CLOB, Types.NCLOB -> new Value.Text(text(v));
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                    if (v instanceof Value.Bytes) yield v;
                    throw mismatch(x, targetSqlType);
                }
                case Types.DATE -> switch (v) {
                    case Value.Date d -> d;
                    case Value.Timestamp t -> new Value.Date(t.value().toLocalDate());
                    case Value.TimestampTz t -> new Value.Date(t.value().toLocalDate());
                    case Value.Text t -> new Value.Date(LocalDate.parse(t.value().trim()));
                    default -> throw mismatch(x, targetSqlType);
                };
                case Types.TIME -> switch (v) {
                    case Value.Time t -> t;
                    case Value.Timestamp t -> new Value.Time(t.value().toLocalTime());
                    case Value.Text t -> new Value.Time(LocalTime.parse(t.value().trim()));
                    default -> throw mismatch(x, targetSqlType);
                };
                case Types.TIMESTAMP -> switch (v) {
                    case Value.Timestamp t -> t;
                    case Value.Date d -> new Value.Timestamp(d.value().atStartOfDay());
                    case Value.TimestampTz t -> t;              // keep the instant; the backend converts
                    case Value.Text t -> new Value.Timestamp(LocalDateTime.parse(t.value().trim(),
                            CellReader.SQL_TIMESTAMP));
                    default -> throw mismatch(x, targetSqlType);
                };
                case Types.TIMESTAMP_WITH_TIMEZONE -> switch (v) {
                    case Value.TimestampTz t -> t;
                    case Value.Text t -> new Value.TimestampTz(OffsetDateTime.parse(t.value().trim()));
                    default -> throw mismatch(x, targetSqlType);
                };
                case Types.NULL -> new Value.Null(Types.NULL);
                case Types.OTHER, Types.JAVA_OBJECT -> v;
                default -> throw SqlExceptions.unsupported("setObject to SQL type " + targetSqlType);
            };
        } catch (ArithmeticException | IllegalArgumentException | java.time.DateTimeException e) {
            throw SqlExceptions.conversion(SqlExceptions.BAD_CONVERSION, "cannot convert a "
                    + x.getClass().getSimpleName() + " to SQL type " + targetSqlType + ": " + e.getMessage());
        }
    }

    private static SQLException mismatch(Object x, int targetSqlType) {
        return SqlExceptions.conversion(SqlExceptions.BAD_CONVERSION, "cannot convert a " + x.getClass().getSimpleName()
                + " to SQL type " + targetSqlType);
    }

    private static boolean bool(Value v) throws SQLException {
        return switch (v) {
            case Value.Bool b -> b.value();
            case Value.Text t -> switch (t.value().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "1", "true", "t", "yes", "y", "on" -> true;
                case "0", "false", "f", "no", "n", "off" -> false;
                default -> throw new IllegalArgumentException("not a boolean: " + t.value());
            };
            default -> decimal(v).signum() != 0;
        };
    }

    private static BigDecimal decimal(Value v) throws SQLException {
        return switch (v) {
            case Value.Bool b -> b.value() ? BigDecimal.ONE : BigDecimal.ZERO;
            case Value.Int32 i -> BigDecimal.valueOf(i.value());
            case Value.Int64 l -> BigDecimal.valueOf(l.value());
            case Value.Float32 f -> new BigDecimal(Float.toString(f.value()));
            case Value.Float64 d -> BigDecimal.valueOf(d.value());
            case Value.Decimal d -> d.value();
            case Value.Text t -> new BigDecimal(t.value().trim());
            default -> throw new IllegalArgumentException("not a number: " + v.type());
        };
    }

    private static double dbl(Value v) throws SQLException {
        return switch (v) {
            case Value.Float32 f -> Double.parseDouble(Float.toString(f.value()));
            case Value.Float64 d -> d.value();
            case Value.Text t -> Double.parseDouble(t.value().trim());
            default -> decimal(v).doubleValue();
        };
    }

    private static String text(Value v) {
        return switch (v) {
            case Value.Null n -> throw new AssertionError("null is handled first");
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Int32 i -> Integer.toString(i.value());
            case Value.Int64 l -> Long.toString(l.value());
            case Value.Float32 f -> Float.toString(f.value());
            case Value.Float64 d -> Double.toString(d.value());
            case Value.Decimal d -> d.value().toPlainString();
            case Value.Text t -> t.value();
            case Value.Bytes b -> java.util.HexFormat.of().formatHex(b.unsafeBytes());
            case Value.Date d -> d.value().toString();
            case Value.Time t -> t.value().toString();
            case Value.Timestamp t -> CellReader.timestampText(t.value());
            case Value.TimestampTz t -> t.value().toString();
        };
    }

    @Override
    public String toString() {
        return "Parameters" + Arrays.toString(values.toArray());
    }
}
