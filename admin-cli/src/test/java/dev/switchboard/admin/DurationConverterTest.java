package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    @Test
    void readsTheUsualForms() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesTheRest() {
        for (String bad : new String[] {"", "soon", "-5s", "PT-1S", "5 s", "1d"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void formatsShortestExact() {
        assertThat(DurationConverter.format(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(DurationConverter.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(DurationConverter.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }
}
