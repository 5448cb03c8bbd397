package dev.switchboard.protocol.types;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One SQL value as the protocol carries it: statement parameters, and rows in the message model. SQL NULL is
 * {@link Null}, never a Java {@code null}. The hot paths (server encoding rows, driver reading them) do not build
 * these objects; they read and write the same bytes directly.
 */
public sealed interface Value {
    SqlType type();

    /** SQL NULL; {@code jdbcType} is the type hint of {@code setNull(i, type)} ({@link java.sql.Types}). */
    record Null(int jdbcType) implements Value {
        public SqlType type() {
            return SqlType.NULL;
        }
    }

    record Bool(boolean value) implements Value {
        public SqlType type() {
            return SqlType.BOOLEAN;
        }
    }

    record Int32(int value) implements Value {
        public SqlType type() {
            return SqlType.INT32;
        }
    }

    record Int64(long value) implements Value {
        public SqlType type() {
            return SqlType.INT64;
        }
    }

    record Float32(float value) implements Value {
        public SqlType type() {
            return SqlType.FLOAT32;
        }
    }

    record Float64(double value) implements Value {
        public SqlType type() {
            return SqlType.FLOAT64;
        }
    }

    record Decimal(BigDecimal value) implements Value {
        public Decimal {
            Objects.requireNonNull(value, "value");
        }

        public SqlType type() {
            return SqlType.DECIMAL;
        }
    }

    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        public SqlType type() {
            return SqlType.TEXT;
        }
    }

    /** Binary data. Holds a private copy, and compares by content (a record of an array would compare identity). */
    record Bytes(byte[] value) implements Value {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The bytes without a copy, for encoders that only read them. */
        public byte[] unsafeBytes() {
            return value;
        }

        public SqlType type() {
            return SqlType.BYTES;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value, 0, Math.min(value.length, 32))
                    + (value.length > 32 ? "…(" + value.length + " bytes)" : "") + "]";
        }
    }

    record Date(LocalDate value) implements Value {
        public Date {
            Objects.requireNonNull(value, "value");
        }

        public SqlType type() {
            return SqlType.DATE;
        }
    }

    record Time(LocalTime value) implements Value {
        public Time {
            Objects.requireNonNull(value, "value");
        }

        public SqlType type() {
            return SqlType.TIME;
        }
    }

    record Timestamp(LocalDateTime value) implements Value {
        public Timestamp {
            Objects.requireNonNull(value, "value");
        }

        public SqlType type() {
            return SqlType.TIMESTAMP;
        }
    }

    record TimestampTz(OffsetDateTime value) implements Value {
        public TimestampTz {
            Objects.requireNonNull(value, "value");
        }

        public SqlType type() {
            return SqlType.TIMESTAMP_TZ;
        }
    }
}
