package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tagged values (parameters) byte by byte, SPEC.md §5, and the range checks on decoding. */
class ValueCodecTest {

    private static void assertTagged(Value v, String hex) {
        var out = new BufferWireOut();
        ValueCodec.writeTagged(out, v);
        assertThat(java.util.HexFormat.of().formatHex(out.toByteArray())).isEqualTo(TestFrames.compact(hex));
        ByteBuffer in = ByteBuffer.wrap(TestFrames.unhex(hex));
        assertThat(ValueCodec.readTagged(in)).isEqualTo(v);
        assertThat(in.hasRemaining()).isFalse();
    }

    private static Value readTagged(String hex) {
        return ValueCodec.readTagged(ByteBuffer.wrap(TestFrames.unhex(hex)));
    }

    @Test
    void everyTypeTagged() {
        assertTagged(new Value.Null(Types.TIMESTAMP), "00 0000005d");
        assertTagged(new Value.Bool(false), "01 00");
        assertTagged(new Value.Bool(true), "01 01");
        assertTagged(new Value.Int32(-1), "02 ffffffff");
        assertTagged(new Value.Int64(Long.MIN_VALUE), "03 8000000000000000");
        assertTagged(new Value.Float32(-0.0f), "04 80000000");
        assertTagged(new Value.Float64(Double.NaN), "05 7ff8000000000000");
        assertTagged(new Value.Decimal(new BigDecimal("0.00")), "06 00000002 00000001 00");
        assertTagged(new Value.Decimal(new BigDecimal("128")), "06 00000000 00000002 0080");
        assertTagged(new Value.Decimal(new BigDecimal("-1")), "06 00000000 00000001 ff");
        assertTagged(new Value.Text("\u20ac\uD83D\uDE00"), "07 00000007 e282ac f09f9880");   // € and 😀
        assertTagged(new Value.Bytes(new byte[] {(byte) 0xca, (byte) 0xfe}), "08 00000002 cafe");
        assertTagged(new Value.Date(LocalDate.of(1969, 12, 31)), "09 ffffffffffffffff");
        assertTagged(new Value.Date(LocalDate.MAX), "09 000000550a1b48f7");
        assertTagged(new Value.Time(LocalTime.MAX), "0a 00004e94914effff");
        assertTagged(new Value.Timestamp(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 5)), "0b 0000000000000001 00000005");
        assertTagged(new Value.TimestampTz(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5))),
                "0c 0000000000004650 00000000 ffffb9b0");
    }

    @Test
    void decimalWithoutDigitsIsAProtocolError() {
        assertThatThrownBy(() -> readTagged("06 00000000 00000000")).isInstanceOf(ProtocolException.class);
    }

    /** Unscaled digits need not be minimal; a receiver reads the value they mean. */
    @Test
    void nonMinimalDecimalDigitsStillRead() {
        assertThat(readTagged("06 00000001 00000003 00000b")).isEqualTo(new Value.Decimal(new BigDecimal("1.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "01 02",                                        // boolean must be 0 or 1
            "09 0000005600000000",                          // date beyond LocalDate.MAX
            "0a 00004e94914f0000",                          // time = 24:00
            "0a ffffffffffffffff",                          // negative time
            "0b 0000000000000000 3b9aca00",                 // nano = 10^9
            "0b 0000000000000000 ffffffff",                 // negative nano
            "0b 7fffffffffffffff 00000000",                 // beyond LocalDateTime.MAX
            "0c 0000000000000000 00000000 0000fd21",        // offset +18:00:01
            "0c 7fffffffffffffff 00000000 00000000",
            "07 00000005 616263",                           // length beyond the frame
            "08 ffffffff",                                  // negative length
            "0d",                                           // unknown type
            "00 000000",                                    // truncated NULL hint
    })
    void outOfRangeOrTruncatedValuesAreProtocolErrors(String hex) {
        assertThatThrownBy(() -> {
            try {
                readTagged(hex);
            } catch (java.nio.BufferUnderflowException e) {
                throw new ProtocolException("truncated", e);   // the frame codecs translate this one
            }
        }).isInstanceOf(ProtocolException.class);
    }

    @Test
    void nullHasNoPayload() {
        assertThatThrownBy(() -> ValueCodec.writePayload(new BufferWireOut(), new Value.Null(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueCodec.readPayload(ByteBuffer.allocate(8), SqlType.NULL))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void offsetsUpToEighteenHoursEitherWay() {
        assertTagged(new Value.TimestampTz(OffsetDateTime.of(LocalDateTime.MIN, ZoneOffset.MAX)),
                "0c " + hexLong(LocalDateTime.MIN.toEpochSecond(ZoneOffset.MAX)) + " 00000000 0000fd20");
        assertTagged(new Value.TimestampTz(OffsetDateTime.of(LocalDateTime.MAX, ZoneOffset.MIN)),
                "0c " + hexLong(LocalDateTime.MAX.toEpochSecond(ZoneOffset.MIN)) + " 3b9ac9ff ffff02e0");
    }

    private static String hexLong(long v) {
        return java.util.HexFormat.of().toHexDigits(v);
    }
}
