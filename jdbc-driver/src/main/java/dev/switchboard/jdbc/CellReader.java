package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.codec.RowBatchReader;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads the cells of the current row of a {@link RowBatchReader} as the Java types JDBC getters promise, converting
 * across wire types. Cells are non-null here; the ResultSet handles NULL first. A value that cannot be converted is
 * a {@link java.sql.SQLDataException}: 22003 when out of range, 22018 (22007 for dates and times) when not
 * readable as the type asked for.
 *
 * <p>Formats of {@link #string}: numbers by {@code toString} (DECIMAL as {@code toPlainString}), DATE and TIME in ISO
 * form, TIMESTAMP as {@link java.sql.Timestamp#toString()} ({@code 2024-01-31 13:45:00.5}, computed without a time
 * zone), TIMESTAMP_TZ as {@link OffsetDateTime#toString()}, BYTES as lower-case hex without a prefix.
 *
 * <p>Time zones: a TIMESTAMP_TZ read as a local type uses the JVM's zone; a TIMESTAMP (no zone) read as an instant
 * type ({@link OffsetDateTime}, {@link Instant}) is taken as UTC, as pgjdbc does. Not thread-safe.
 */
final class CellReader {
    /** {@code 2024-01-31 13:45:00.5} or ISO {@code 2024-01-31T13:45:00.5}. */
    static final DateTimeFormatter SQL_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);

    private final List<Column> columns;
    private RowBatchReader row;

    CellReader(List<Column> columns) {
        this.columns = columns;
    }

    void on(RowBatchReader batch) {
        this.row = batch;
    }

    boolean isNull(int c) {
        return row.isNull(c);
    }

    SqlType type(int c) {
        return row.type(c);
    }

    String string(int c) {
        return switch (row.type(c)) {
            case NULL -> throw new AssertionError("NULL cells are handled by the caller");
            case BOOLEAN -> Boolean.toString(row.getBoolean(c));
            case INT32 -> Integer.toString(row.getInt(c));
            case INT64 -> Long.toString(row.getLong(c));
            case FLOAT32 -> Float.toString(row.getFloat(c));
            case FLOAT64 -> Double.toString(row.getDouble(c));
            case DECIMAL -> row.getDecimal(c).toPlainString();
            case TEXT -> row.getText(c);
            case BYTES -> HexFormat.of().formatHex(row.getBytes(c));
            case DATE -> row.getDate(c).toString();
            case TIME -> row.getTime(c).toString();
            case TIMESTAMP -> timestampText(row.getTimestamp(c));
            case TIMESTAMP_TZ -> row.getTimestampTz(c).toString();
        };
    }

    /** {@link java.sql.Timestamp#toString()}'s format, without going through a zone (no DST-gap shifts). */
    static String timestampText(LocalDateTime t) {
        String fraction = String.format(Locale.ROOT, "%09d", t.getNano()).replaceFirst("0+$", "");
        return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%s", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), fraction.isEmpty() ? "0" : fraction);
    }

    boolean bool(int c) throws SQLException {
        return switch (row.type(c)) {
            case BOOLEAN -> row.getBoolean(c);
            case INT32, INT64, DECIMAL, FLOAT32, FLOAT64 -> {
                BigDecimal d = decimal(c);
                if (d.signum() == 0) yield false;
                if (d.compareTo(BigDecimal.ONE) == 0) yield true;
                throw SqlExceptions.conversion(SqlExceptions.BAD_CONVERSION, "cannot read " + d + " as a boolean"
                        + where(c) + ": only 0 and 1 are");
            }
            case TEXT -> switch (row.getText(c).trim().toLowerCase(Locale.ROOT)) {
                case "1", "true", "t", "yes", "y", "on" -> true;
                case "0", "false", "f", "no", "n", "off" -> false;
                default -> throw badText(c, "a boolean");
            };
            default -> throw noConversion(c, "boolean");
        };
    }

    /** An integral value in [min, max]; fractions are truncated toward zero, as JDBC's narrowing getters do. */
    long integral(int c, long min, long max, String target) throws SQLException {
        long v = switch (row.type(c)) {
            case BOOLEAN -> row.getBoolean(c) ? 1 : 0;
            case INT32 -> row.getInt(c);
            case INT64 -> row.getLong(c);
            case FLOAT32, FLOAT64 -> {
                double d = row.type(c) == SqlType.FLOAT32 ? row.getFloat(c) : row.getDouble(c);
                if (Double.isNaN(d) || Double.isInfinite(d)) throw outOfRange(c, Double.toString(d), target);
                yield exactLong(new BigDecimal(d), c, target);
            }
            case DECIMAL -> exactLong(row.getDecimal(c), c, target);
            case TEXT -> {
                String s = row.getText(c).trim();
                try {
                    yield Long.parseLong(s);
                } catch (NumberFormatException notPlain) {
                    try {
                        yield exactLong(new BigDecimal(s), c, target);
                    } catch (NumberFormatException e) {
                        throw badText(c, "a number");
                    }
                }
            }
            default -> throw noConversion(c, target);
        };
        if (v < min || v > max) throw outOfRange(c, Long.toString(v), target);
        return v;
    }

    private long exactLong(BigDecimal d, int c, String target) throws SQLException {
        try {
            return d.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw outOfRange(c, d.toPlainString(), target);
        }
    }

    double float64(int c) throws SQLException {
        return switch (row.type(c)) {
            case BOOLEAN -> row.getBoolean(c) ? 1 : 0;
            case INT32 -> row.getInt(c);
            case INT64 -> row.getLong(c);
            case FLOAT32 -> Double.parseDouble(Float.toString(row.getFloat(c)));  // 1.1f is 1.1, not 1.100000023…
            case FLOAT64 -> row.getDouble(c);
            case DECIMAL -> {
                BigDecimal d = row.getDecimal(c);
                double v = d.doubleValue();
                if (Double.isInfinite(v)) throw outOfRange(c, d.toPlainString(), "double");
                yield v;
            }
            case TEXT -> {
                try {
                    yield Double.parseDouble(row.getText(c).trim());
                } catch (NumberFormatException e) {
                    throw badText(c, "a number");
                }
            }
            default -> throw noConversion(c, "double");
        };
    }

    float float32(int c) throws SQLException {
        if (row.type(c) == SqlType.FLOAT32) return row.getFloat(c);
        double d = float64(c);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) throw outOfRange(c, Double.toString(d), "float");
        return f;
    }

    BigDecimal decimal(int c) throws SQLException {
        try {
            return switch (row.type(c)) {
                case BOOLEAN -> row.getBoolean(c) ? BigDecimal.ONE : BigDecimal.ZERO;
                case INT32 -> BigDecimal.valueOf(row.getInt(c));
                case INT64 -> BigDecimal.valueOf(row.getLong(c));
                case FLOAT32 -> new BigDecimal(Float.toString(row.getFloat(c)));
                case FLOAT64 -> BigDecimal.valueOf(row.getDouble(c));
                case DECIMAL -> row.getDecimal(c);
                case TEXT -> new BigDecimal(row.getText(c).trim());
                default -> throw noConversion(c, "BigDecimal");
            };
        } catch (NumberFormatException e) {
            // NaN and infinities have no BigDecimal
            throw row.type(c) == SqlType.TEXT ? badText(c, "a number") : outOfRange(c, string(c), "BigDecimal");
        }
    }

    BigInteger bigInteger(int c) throws SQLException {
        return switch (row.type(c)) {
            case INT32 -> BigInteger.valueOf(row.getInt(c));
            case INT64 -> BigInteger.valueOf(row.getLong(c));
            default -> decimal(c).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        };
    }

    byte[] bytes(int c) throws SQLException {
        return switch (row.type(c)) {
            case BYTES -> row.getBytes(c);
            case TEXT -> row.getText(c).getBytes(StandardCharsets.UTF_8);
            default -> throw noConversion(c, "byte[]");
        };
    }

    LocalDate localDate(int c) throws SQLException {
        return switch (row.type(c)) {
            case DATE -> row.getDate(c);
            case TIMESTAMP -> row.getTimestamp(c).toLocalDate();
            case TIMESTAMP_TZ -> row.getTimestampTz(c).atZoneSameInstant(ZoneId.systemDefault()).toLocalDate();
            case TEXT -> parse(c, "a date", s -> LocalDate.parse(s));
            default -> throw noConversion(c, "date");
        };
    }

    LocalTime localTime(int c) throws SQLException {
        return switch (row.type(c)) {
            case TIME -> row.getTime(c);
            case TIMESTAMP -> row.getTimestamp(c).toLocalTime();
            case TIMESTAMP_TZ -> row.getTimestampTz(c).atZoneSameInstant(ZoneId.systemDefault()).toLocalTime();
            case TEXT -> parse(c, "a time", s -> LocalTime.parse(s));
            default -> throw noConversion(c, "time");
        };
    }

    LocalDateTime localDateTime(int c) throws SQLException {
        return switch (row.type(c)) {
            case TIMESTAMP -> row.getTimestamp(c);
            case DATE -> row.getDate(c).atStartOfDay();
            case TIMESTAMP_TZ -> row.getTimestampTz(c).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
            case TEXT -> parse(c, "a timestamp", s -> LocalDateTime.parse(s, SQL_TIMESTAMP));
            default -> throw noConversion(c, "timestamp");
        };
    }

    OffsetDateTime offsetDateTime(int c) throws SQLException {
        return switch (row.type(c)) {
            case TIMESTAMP_TZ -> row.getTimestampTz(c);
            case TIMESTAMP -> row.getTimestamp(c).atOffset(ZoneOffset.UTC);
            case TEXT -> parse(c, "a timestamp with time zone", OffsetDateTime::parse);
            default -> throw noConversion(c, "timestamp with time zone");
        };
    }

    Instant instant(int c) throws SQLException {
        return offsetDateTime(c).toInstant();
    }

    /**
     * The instant a timestamp cell stands for: TIMESTAMP_TZ carries its own; a TIMESTAMP (or DATE, or text) is
     * read in {@code zone}.
     */
    Instant instantIn(int c, ZoneId zone) throws SQLException {
        return row.type(c) == SqlType.TIMESTAMP_TZ ? row.getTimestampTz(c).toInstant()
                : localDateTime(c).atZone(zone).toInstant();
    }

    UUID uuid(int c) throws SQLException {
        return switch (row.type(c)) {
            case TEXT -> {
                try {
                    yield UUID.fromString(row.getText(c).trim());
                } catch (IllegalArgumentException e) {
                    throw badText(c, "a UUID");
                }
            }
            case BYTES -> {
                byte[] b = row.getBytes(c);
                if (b.length != 16) throw noConversion(c, "UUID");
                var buf = java.nio.ByteBuffer.wrap(b);
                yield new UUID(buf.getLong(), buf.getLong());
            }
            default -> throw noConversion(c, "UUID");
        };
    }

    /** The class {@code getObject(c)} returns for this column (JDBC 4.3 table B-3, by the column's JDBC type). */
    static Class<?> objectClass(Column column) {
        return switch (column.jdbcType()) {
            case Types.BIT, Types.BOOLEAN -> Boolean.class;
            case Types.TINYINT, Types.SMALLINT -> Integer.class;
            // Unsigned columns (MariaDB/MySQL) get the next wider class, as their own drivers return.
            case Types.INTEGER -> column.has(Column.SIGNED) ? Integer.class : Long.class;
            case Types.BIGINT -> column.has(Column.SIGNED) ? Long.class : java.math.BigInteger.class;
            case Types.REAL -> Float.class;
            case Types.FLOAT, Types.DOUBLE -> Double.class;
            case Types.NUMERIC, Types.DECIMAL -> BigDecimal.class;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> String.class;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> byte[].class;
            case Types.DATE -> java.sql.Date.class;
            case Types.TIME -> java.sql.Time.class;
            case Types.TIMESTAMP -> java.sql.Timestamp.class;
            case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.class;
            case Types.TIME_WITH_TIMEZONE -> String.class;          // no wire type of its own: travels as text
            default -> naturalClass(column.wireType());
        };
    }

    /** What a value of this wire type is when nothing else says (JDBC types such as OTHER, ARRAY, JSON). */
    static Class<?> naturalClass(SqlType type) {
        return switch (type) {
            case NULL, TEXT -> String.class;
            case BOOLEAN -> Boolean.class;
            case INT32 -> Integer.class;
            case INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case DECIMAL -> BigDecimal.class;
            case BYTES -> byte[].class;
            case DATE -> java.sql.Date.class;
            case TIME -> java.sql.Time.class;
            case TIMESTAMP -> java.sql.Timestamp.class;
            case TIMESTAMP_TZ -> OffsetDateTime.class;
        };
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private <T> T parse(int c, String what, Parser<T> parser) throws SQLException {
        try {
            return parser.parse(row.getText(c).trim());
        } catch (DateTimeException e) {
            throw SqlExceptions.conversion(SqlExceptions.BAD_DATETIME, "cannot read the text" + where(c) + " as "
                    + what);
        }
    }

    private String where(int c) {
        return " in column " + (c + 1) + " (" + columns.get(c).label() + ")";
    }

    private SQLException outOfRange(int c, String value, String target) {
        return SqlExceptions.conversion(SqlExceptions.OUT_OF_RANGE, value + where(c) + " is out of range for "
                + target);
    }

    private SQLException badText(int c, String what) {
        return SqlExceptions.conversion(SqlExceptions.BAD_CONVERSION, "cannot read the text" + where(c) + " as "
                + what);
    }

    private SQLException noConversion(int c, String target) {
        return SqlExceptions.conversion(SqlExceptions.BAD_CONVERSION, "cannot convert " + row.type(c) + where(c)
                + " (" + columns.get(c).typeName() + ") to " + target);
    }
}
