package dev.switchboard.protocol.frame;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC.md §2: the same major is compatible whatever the minors; each part is a u16. */
class ProtocolVersionTest {

    @Test
    void currentIsOnePointOne() {
        assertThat(ProtocolVersion.CURRENT).isEqualTo(new ProtocolVersion(1, 1));
        assertThat(ProtocolVersion.CURRENT).hasToString("1.1");
        assertThat(ProtocolVersion.SUPPORTED).isEqualTo("1.x");
    }

    @Test
    void aVersionDefinesWhatItsMinorAndEarlierOnesAdded() {
        assertThat(new ProtocolVersion(1, 0).defines(1)).isFalse();
        assertThat(new ProtocolVersion(1, 1).defines(1)).isTrue();
        assertThat(new ProtocolVersion(1, 3).defines(1)).isTrue();
        assertThat(new ProtocolVersion(1, 0).defines(0)).isTrue();
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
