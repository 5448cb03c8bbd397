package dev.switchboard.protocol.types;

import org.junit.jupiter.api.Test;

import java.sql.Types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTest {

    private static Column withFlags(int flags) {
        return new Column("a", "a", "", "", SqlType.INT32, Types.INTEGER, "int4", 10, 0, 11, 1, flags);
    }

    /**
     * BUG (fixed): flags travel as one byte, but Column accepted any int, so a flag above 0xff was silently dropped by
     * the encoder and the decoded column differed from the one sent.
     */
    @Test
    void flagsThatDoNotFitTheirByteAreRejectedNotTruncated() {
        assertThat(withFlags(0xff).flags()).isEqualTo(0xff);
        assertThatThrownBy(() -> withFlags(0x100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withFlags(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullableIsOneOfTheThreeJdbcValues() {
        assertThatThrownBy(() -> new Column("a", "a", "", "", SqlType.INT32, Types.INTEGER, "int4", 0, 0, 0, 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aColumnCannotHaveWireTypeNull() {
        assertThatThrownBy(() -> Column.of("a", SqlType.NULL, Types.NULL, "null"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagsAreBits() {
        var c = withFlags(Column.AUTO_INCREMENT | Column.CASE_SENSITIVE);
        assertThat(c.has(Column.AUTO_INCREMENT)).isTrue();
        assertThat(c.has(Column.SIGNED)).isFalse();
        assertThat(c.has(Column.CASE_SENSITIVE)).isTrue();
        assertThat(new int[] {Column.AUTO_INCREMENT, Column.SIGNED, Column.CASE_SENSITIVE}).containsExactly(1, 2, 4);
    }
}
