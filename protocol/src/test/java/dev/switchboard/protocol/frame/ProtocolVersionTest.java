package dev.switchboard.protocol.frame;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC.md §2: the same major is compatible whatever the minors; each part is a u16. */
class ProtocolVersionTest {

    @Test
    void currentIsOnePointZero() {
        assertThat(ProtocolVersion.CURRENT).isEqualTo(new ProtocolVersion(1, 0));
        assertThat(ProtocolVersion.CURRENT).hasToString("1.0");
        assertThat(ProtocolVersion.SUPPORTED).isEqualTo("1.x");
    }

    @Test
    void sameMajorIsCompatibleWhateverTheMinor() {
        assertThat(ProtocolVersion.CURRENT.compatibleWith(new ProtocolVersion(1, 7))).isTrue();
        assertThat(new ProtocolVersion(1, 7).compatibleWith(ProtocolVersion.CURRENT)).isTrue();
        assertThat(ProtocolVersion.CURRENT.compatibleWith(new ProtocolVersion(2, 0))).isFalse();
        assertThat(ProtocolVersion.CURRENT.compatibleWith(new ProtocolVersion(0, 9))).isFalse();
    }

    @Test
    void partsMustFitInSixteenBits() {
        assertThat(new ProtocolVersion(0xffff, 0xffff).major()).isEqualTo(0xffff);
        assertThatThrownBy(() -> new ProtocolVersion(0x10000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProtocolVersion(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
