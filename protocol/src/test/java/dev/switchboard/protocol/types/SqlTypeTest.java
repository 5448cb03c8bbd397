package dev.switchboard.protocol.types;

import dev.switchboard.protocol.codec.ProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wire type codes (SPEC.md §5) and the mapping from what a backend's JDBC driver reports to a wire type. */
class SqlTypeTest {

    @Test
    void codesAreDenseFromZeroInDeclarationOrder() {
        for (SqlType t : SqlType.values()) {
            assertThat(t.code()).as(t.name()).isEqualTo((byte) t.ordinal());
            assertThat(SqlType.of(t.code())).isSameAs(t);
        }
        assertThat(Arrays.stream(SqlType.values()).map(SqlType::code).distinct()).hasSize(13);
        assertThat(SqlType.TIMESTAMP_TZ.code()).isEqualTo((byte) 12);
    }

    @Test
    void ofRejectsUnknownCodesWithAProtocolError() {
        for (int b : new int[] {13, 14, 0x7f, 0x80, 0xff}) {
            assertThatThrownBy(() -> SqlType.of((byte) b)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("unknown value type " + b);
        }
    }

    /** jdbcType as {@link Types} names it, the backend's type name, the wire type. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "null", textBlock = """
            BIT,                      bool,                         BOOLEAN
            BOOLEAN,                  BOOLEAN,                      BOOLEAN
            TINYINT,                  TINYINT,                      INT32
            SMALLINT,                 int2,                         INT32
            INTEGER,                  int4,                         INT32
            BIGINT,                   int8,                         INT64
            REAL,                     float4,                       FLOAT32
            FLOAT,                    FLOAT,                        FLOAT64
            DOUBLE,                   float8,                       FLOAT64
            NUMERIC,                  numeric,                      DECIMAL
            DECIMAL,                  DECIMAL,                      DECIMAL
            CHAR,                     bpchar,                       TEXT
            VARCHAR,                  varchar,                      TEXT
            LONGVARCHAR,              text,                         TEXT
            NCHAR,                    NCHAR,                        TEXT
            NVARCHAR,                 NVARCHAR,                     TEXT
            CLOB,                     CLOB,                         TEXT
            BINARY,                   BINARY,                       BYTES
            VARBINARY,                bytea,                        BYTES
            LONGVARBINARY,            LONGBLOB,                     BYTES
            BLOB,                     BLOB,                         BYTES
            DATE,                     date,                         DATE
            TIME,                     time,                         TIME
            TIMESTAMP,                timestamp,                    TIMESTAMP
            TIMESTAMP,                DATETIME,                     TIMESTAMP
            TIMESTAMP,                null,                         TIMESTAMP
            TIMESTAMP,                timestamptz,                  TIMESTAMP_TZ
            TIMESTAMP,                TIMESTAMPTZ,                  TIMESTAMP_TZ
            TIMESTAMP,                timestamp with time zone,     TIMESTAMP_TZ
            TIMESTAMP_WITH_TIMEZONE,  TIMESTAMP WITH TIME ZONE,     TIMESTAMP_TZ
            TIME_WITH_TIMEZONE,       TIME WITH TIME ZONE,          TEXT
            OTHER,                    uuid,                         TEXT
            OTHER,                    jsonb,                        TEXT
            ARRAY,                    _int4,                        TEXT
            SQLXML,                   xml,                          TEXT
            NULL,                     null,                         TEXT
            """)
    void forColumn(String jdbcTypeName, String typeName, SqlType expected) throws ReflectiveOperationException {
        int jdbcType = Types.class.getField(jdbcTypeName.trim()).getInt(null);
        assertThat(SqlType.forColumn(jdbcType, typeName)).isEqualTo(expected);
    }

    /** pgjdbc reports timestamptz as Types.TIMESTAMP; only the type name tells that an offset is there. */
    @Test
    void pgjdbcTimestamptzKeepsItsOffset() {
        assertThat(SqlType.forColumn(Types.TIMESTAMP, "timestamptz")).isEqualTo(SqlType.TIMESTAMP_TZ);
        assertThat(SqlType.forColumn(Types.TIMESTAMP, "timestamp")).isEqualTo(SqlType.TIMESTAMP);
    }

    @Test
    void unknownJdbcTypesTravelAsText() {
        assertThat(SqlType.forColumn(-1_000_000, "whatever")).isEqualTo(SqlType.TEXT);
    }
}
