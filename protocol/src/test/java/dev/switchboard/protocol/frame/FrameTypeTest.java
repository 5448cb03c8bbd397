package dev.switchboard.protocol.frame;

import dev.switchboard.protocol.codec.ProtocolException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The frame-type table of SPEC.md §6: codes are unique, ASCII, fixed, and anything else is refused. */
class FrameTypeTest {
    static final EnumSet<FrameType> CLIENT = EnumSet.range(FrameType.HELLO, FrameType.TERMINATE);
    static final EnumSet<FrameType> SERVER = EnumSet.range(FrameType.AUTH_CHALLENGE, FrameType.GOAWAY);

    @Test
    void codesAreUniquePrintableAscii() {
        assertThat(Arrays.stream(FrameType.values()).map(FrameType::code).distinct()).hasSize(FrameType.values().length);
        for (FrameType t : FrameType.values()) assertThat((int) t.code()).as(t.name()).isBetween(0x21, 0x7e);
    }

    @Test
    void codesAreTheOnesTheSpecLists() {
        Map<FrameType, Character> codes = Arrays.stream(FrameType.values())
                .collect(Collectors.toMap(t -> t, t -> (char) t.code()));
        assertThat(codes).containsOnly(
                entry(FrameType.HELLO, 'H'), entry(FrameType.AUTH, 'p'), entry(FrameType.EXECUTE, 'E'),
                entry(FrameType.EXECUTE_BATCH, 'B'), entry(FrameType.FETCH, 'F'), entry(FrameType.CLOSE_CURSOR, 'C'),
                entry(FrameType.TRANSACT, 'x'), entry(FrameType.SET_OPTION, 'S'), entry(FrameType.METADATA, 'M'),
                entry(FrameType.CANCEL, 'c'), entry(FrameType.PING, 'P'), entry(FrameType.TERMINATE, 'X'),
                entry(FrameType.AUTH_CHALLENGE, 'R'), entry(FrameType.READY, 'Z'), entry(FrameType.SWITCHED, 'Y'),
                entry(FrameType.RESULT_HEADER, 'T'), entry(FrameType.ROW_BATCH, 'D'), entry(FrameType.RESULT_END, 'K'),
                entry(FrameType.SUSPENDED, 's'), entry(FrameType.BATCH_RESULT, 'b'), entry(FrameType.OK, 'k'),
                entry(FrameType.WARNING, 'N'), entry(FrameType.ERROR, '!'), entry(FrameType.GOAWAY, 'G'));
    }

    @Test
    void clientAndServerTypesSplitTheTable() {
        assertThat(CLIENT).hasSize(12).doesNotContainAnyElementsOf(SERVER);
        assertThat(SERVER).hasSize(12);
        assertThat(EnumSet.copyOf(CLIENT)).isNotEqualTo(SERVER);
        var all = EnumSet.copyOf(CLIENT);
        all.addAll(SERVER);
        assertThat(all).isEqualTo(EnumSet.allOf(FrameType.class));
    }

    @Test
    void ofFindsEveryTypeByItsCode() {
        for (FrameType t : FrameType.values()) assertThat(FrameType.of(t.code())).isSameAs(t);
    }

    @Test
    void ofRejectsEveryOtherByteWithAProtocolError() {
        for (int b = Byte.MIN_VALUE; b <= Byte.MAX_VALUE; b++) {
            byte code = (byte) b;
            if (Arrays.stream(FrameType.values()).anyMatch(t -> t.code() == code)) continue;
            assertThatThrownBy(() -> FrameType.of(code)).as("code 0x%02x", code & 0xff)
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown frame type");
        }
    }

    /** A TLS ClientHello starts with 0x16: as a length that is 369 MB, beyond any frame limit, so never a frame. */
    @Test
    void aTlsHandshakeCannotBeMistakenForAFrame() {
        assertThat(0x16_00_00_00L).isGreaterThan(FrameLimits.DEFAULT_MAX_FRAME_BYTES);
    }

    @Test
    void limits() {
        assertThat(FrameLimits.LENGTH_BYTES).isEqualTo(4);
        assertThat(FrameLimits.DEFAULT_MAX_FRAME_BYTES).isEqualTo(16 * 1024 * 1024);
        assertThat(FrameLimits.MAX_COLUMNS).isEqualTo(65535);
    }
}
