package dev.switchboard.protocol.codec;

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
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact bytes of one frame of each server message (SPEC.md §6.2). {@code #} starts a note. */
class ServerFrameBytesTest {

    private static void assertFrame(ServerMessage msg, String expected) {
        assertThat(TestFrames.hex(msg)).isEqualTo(TestFrames.compact(expected));
        assertThat(TestFrames.decodeServer(TestFrames.unhex(expected))).isEqualTo(msg);
    }

    @Test
    void authChallenge() {
        assertFrame(new AuthChallenge("r=abcdef,s=c2FsdA==,i=4096"), """
                0000001f 52                   # 'R'
                0000001a 723d6162636465662c733d6332467364413d3d2c693d34303936
                """);
    }

    @Test
    void ready() {
        assertFrame(new Ready(new ProtocolVersion(1, 0), 42, 0x0123456789abcdefL, "sales", "PostgreSQL", "17.2",
                "0.1.0", "v=c2ln"), """
                00000047 5a                   # 'Z'
                0001 0000                     # version 1.0
                000000000000002a              # sessionId 42
                0123456789abcdef              # cancelKey
                00000005 73616c6573           # database "sales"
                0000000a 506f737467726553514c # productName "PostgreSQL"
                00000004 31372e32             # productVersion "17.2"
                00000005 302e312e30           # serverVersion "0.1.0"
                00000006 763d63326c6e         # server-final "v=c2ln"
                """);
    }

    @Test
    void switched() {
        assertFrame(new Switched("support", "H2", "2.3.232"), """
                0000001d 59                   # 'Y'
                00000007 737570706f7274 00000002 4832 00000007 322e332e323332
                """);
    }

    @Test
    void resultHeader() {
        var id = new Column("id", "id", "t", "public", SqlType.INT64, Types.BIGINT, "int8", 19, 0, 20,
                ResultSetMetaData.columnNoNulls, Column.AUTO_INCREMENT | Column.SIGNED);
        var name = Column.of("name", SqlType.TEXT, Types.VARCHAR, "varchar");
        assertFrame(new ResultHeader(List.of(id, name)), """
                0000006f 54                   # 'T'
                0002                          # 2 columns
                00000002 6964                 # label "id"
                00000002 6964                 # name "id"
                00000001 74                   # table "t"
                00000006 7075626c6963         # schema "public"
                03                            # wire type INT64
                fffffffb                      # jdbcType BIGINT (-5)
                00000004 696e7438             # typeName "int8"
                00000013 00000000 00000014    # precision 19, scale 0, displaySize 20
                00                            # nullable: columnNoNulls
                03                            # flags AUTO_INCREMENT | SIGNED
                00000004 6e616d65 00000004 6e616d65 00000000 00000000   # "name", "name", "", ""
                07 0000000c 00000007 76617263686172                       # TEXT, VARCHAR, "varchar"
                00000000 00000000 00000000 02 00                          # 0, 0, 0, columnNullableUnknown, no flags
                """);
    }

    /** Twelve columns, one of each value type, so the null bitmap takes two bytes; nulls in both of them. */
    @Test
    void rowBatchWithEveryTypeAndTwoBitmapBytes() {
        List<SqlType> types = Arrays.stream(SqlType.values()).filter(t -> t != SqlType.NULL).toList();
        var full = List.<Value>of(new Value.Bool(true), new Value.Int32(-2), new Value.Int64(1L << 40),
                new Value.Float32(1.5f), new Value.Float64(-0.25), new Value.Decimal(new BigDecimal("-12.345")),
                new Value.Text("h\u00e9llo"), new Value.Bytes(new byte[] {0, (byte) 0xff}),
                new Value.Date(LocalDate.of(2024, 2, 29)), new Value.Time(LocalTime.of(13, 45, 30, 500_000_000)),
                new Value.Timestamp(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_789)),
                new Value.TimestampTz(OffsetDateTime.of(2024, 2, 29, 13, 45, 30, 0, ZoneOffset.ofHours(2))));
        var gappy = List.<Value>of(new Value.Null(0), new Value.Int32(Integer.MIN_VALUE), new Value.Null(0),
                new Value.Float32(Float.NaN), new Value.Float64(Double.NEGATIVE_INFINITY),
                new Value.Decimal(new BigDecimal("1E+3")), new Value.Text(""), new Value.Bytes(new byte[0]),
                new Value.Date(LocalDate.MIN), new Value.Null(0),
                new Value.Timestamp(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999)), new Value.Null(0));
        assertFrame(new RowBatch(types, List.of(full, gappy)), """
                000000ab 44                   # length 171, 'D'
                000c 01 02 03 04 05 06 07 08 09 0a 0b 0c   # 12 columns and their wire types
                00000002                      # 2 rows
                # row 0: no NULLs
                0000                          # null bitmap
                01                            # BOOLEAN true
                fffffffe                      # INT32 -2
                0000010000000000              # INT64 2^40
                3fc00000                      # FLOAT32 1.5
                bfd0000000000000              # FLOAT64 -0.25
                00000003 00000002 cfc7        # DECIMAL -12.345: scale 3, unscaled -12345
                00000006 68c3a96c6c6f         # TEXT "héllo"
                00000002 00ff                 # BYTES
                0000000000004d46              # DATE 2024-02-29 (epoch day 19782)
                00002d0c37dba900              # TIME 13:45:30.5 (nano of day)
                0000000065e08a7a 075bcd15     # TIMESTAMP 2024-02-29T13:45:30.123456789
                0000000065e06e5a 00000000 00001c20   # TIMESTAMP_TZ 2024-02-29T13:45:30+02:00
                # row 1: NULL in columns 0, 2, 9, 11
                05 0a                         # bits 0, 2 of byte 0; bits 1, 3 of byte 1
                80000000                      # INT32 MIN_VALUE
                7fc00000                      # FLOAT32 NaN
                fff0000000000000              # FLOAT64 -Infinity
                fffffffd 00000001 01          # DECIMAL 1E+3: scale -3, unscaled 1
                00000000                      # TEXT ""
                00000000                      # BYTES, empty
                ffffffaaf5cec326              # DATE LocalDate.MIN (-999999999-01-01)
                ffffffffffffffff 3b9ac9ff     # TIMESTAMP 1969-12-31T23:59:59.999999999
                """);
    }

    @Test
    void emptyRowBatch() {
        assertFrame(new RowBatch(List.of(SqlType.INT32), List.of()), "00000008 44 0001 02 00000000");
    }

    @Test
    void resultEnd() {
        assertFrame(new ResultEnd(5, false), "0000000a 4b 0000000000000005 00");
        assertFrame(ResultEnd.ROWS, "0000000a 4b ffffffffffffffff 00");
        assertFrame(new ResultEnd(1, true), "0000000a 4b 0000000000000001 01");
    }

    @Test
    void suspended() {
        assertFrame(new Suspended(3), "00000005 73 00000003");
    }

    @Test
    void batchResult() {
        assertFrame(new BatchResult(List.of(1L, -2L, 0L)), """
                0000001d 62 00000003
                0000000000000001 fffffffffffffffe 0000000000000000
                """);
    }

    @Test
    void ok() {
        assertFrame(Ok.INSTANCE, "00000001 6b");
    }

    @Test
    void warning() {
        assertFrame(new Warning("01000", 0, "note"), "00000016 4e 00000005 3031303030 00000000 00000004 6e6f7465");
    }

    @Test
    void error() {
        assertFrame(new ServerError("22012", 0, "division by zero"), """
                00000022 21                   # '!'
                00000005 3232303132           # SQLSTATE "22012"
                00000000                      # vendor code
                00000010 6469766973696f6e206279207a65726f
                """);
    }

    @Test
    void goAway() {
        assertFrame(new GoAway("draining"), "0000000d 47 00000008 647261696e696e67");
    }
}
