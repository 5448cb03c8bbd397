package dev.switchboard.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class TemplateMatchingTest {
    @Property
    void aSafePartMatchesAndComesBack(@ForAll @AlphaChars @NumericChars @Chars({'_', '-'}) @StringLength(min = 1,
            max = 40) String part) {
        assertThat(DatabaseConfig.matchTemplate("tenant_{name}_db", "tenant_" + part + "_db")).contains(part);
    }

    @Property
    void aPartWithAnyOtherCharacterNeverMatches(@ForAll String before, @ForAll char bad, @ForAll String after) {
        String part = before + bad + after;
        boolean safe = part.matches(DatabaseConfig.NAME_PART);

        assertThat(DatabaseConfig.matchTemplate("tenant_{name}", "tenant_" + part).isPresent()).isEqualTo(safe);
    }
}
