package dev.switchboard.protocol.scram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PostgreSQL's SASLprep rules; {@link PostgresInteropTest} checks them against verifiers PostgreSQL made. */
class SaslPrepTest {
    static String prepare(String password) {
        return new String(SaslPrep.prepare(password.toCharArray()));
    }

    @Test
    void asciiIsUsedAsItIsEvenWithControlCharacters() {
        assertThat(prepare("pencil")).isEqualTo("pencil");
        assertThat(prepare("a\u0007b\tc")).isEqualTo("a\u0007b\tc");
        assertThat(prepare("")).isEmpty();
    }

    @Test
    void mapsSpacesAndDropsInvisibleCharacters() {
        assertThat(prepare("a\u2003b\u3000c")).isEqualTo("a b c");
        assertThat(prepare("a\u00ADb\uFEFF\u200D")).isEqualTo("ab");
        assertThat(prepare("a\u200Bb")).isEqualTo("a b");   // in both tables; PostgreSQL maps it to a space
    }

    @Test
    void normalizesToNfkc() {
        assertThat(prepare("\u2168")).isEqualTo("IX");          // ROMAN NUMERAL NINE
        assertThat(prepare("\uFB01x")).isEqualTo("fix");
        assertThat(prepare("A\u030A")).isEqualTo("\u00C5");
    }

    @Test
    void fallsBackToTheRawPasswordWhenSaslprepFails() {
        assertThat(prepare("\uFB01\u0000")).isEqualTo("\uFB01\u0000");             // prohibited (C.2.1)
        assertThat(prepare("\uFB01\uE000")).isEqualTo("\uFB01\uE000");             // private use (C.3)
        assertThat(prepare("\u0221\uFB01")).isEqualTo("\u0221\uFB01");             // unassigned in Unicode 3.2
        assertThat(prepare("\u05D0\uFB01")).isEqualTo("\u05D0\uFB01");             // RandAL with L
        assertThat(prepare("\u05D0\uFF11")).isEqualTo("\u05D0\uFF11");             // RandAL not last
        assertThat(prepare("\u00AD\u200D")).isEqualTo("\u00AD\u200D");             // maps to nothing
        assertThat(prepare("\uFB01\uD800")).isEqualTo("\uFB01\uD800");             // unpaired surrogate
    }

    @Test
    void rightToLeftTextIsAllowedWhenItStartsAndEndsRightToLeft() {
        assertThat(prepare("\u05D0\uFF11\u05D1")).isEqualTo("\u05D01\u05D1");   // full-width digit folded
        assertThat(prepare("\uFEFB")).isEqualTo("\u0644\u0627");
    }

    @Test
    void unicode32AssignmentComesFromTheJdk() {
        assertThat(SaslPrep.unassignedInUnicode32(0x0221)).isTrue();     // assigned in Unicode 4.0
        assertThat(SaslPrep.unassignedInUnicode32(0x1F600)).isTrue();    // assigned in Unicode 6.1
        assertThat(SaslPrep.unassignedInUnicode32(0x00E9)).isFalse();
        assertThat(SaslPrep.unassignedInUnicode32(0x4E00)).isFalse();
        assertThat(SaslPrep.unassignedInUnicode32(0x3002)).isFalse();    // an IDNA label separator
    }
}
