package dev.switchboard.proxy.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads config durations: a whole number and a unit ({@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h},
 * {@code 2d}) or ISO-8601 ({@code PT5S}). A bare number is refused rather than guessed at: is 30 seconds or
 * milliseconds?
 */
final class Durations {
    private static final Pattern WITH_UNIT = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @param shown how the value may appear in an error: the text in quotes, or the reference it came from
     */
    static Duration parse(String key, String text, String shown) {
        String t = text.strip();
        try {
            var m = WITH_UNIT.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> throw new IllegalStateException("unit " + m.group(2));  // the pattern allows no other
                };
            }
            if (t.startsWith("P") || t.startsWith("p")) return Duration.parse(t);
        } catch (ArithmeticException | NumberFormatException _) {  // causes left out: they quote the resolved text
            throw new ConfigException(key + " is too long a duration, was " + shown);
        } catch (DateTimeParseException _) {
            throw new ConfigException(key + " is not an ISO-8601 duration such as PT5S, was " + shown);
        }
        if (t.matches("[0-9]+")) throw needsUnit(key, shown);
        throw new ConfigException(key + " must be a duration such as 250ms, 5s, 10m, 1h, 2d or PT5S, was " + shown);
    }

    static ConfigException needsUnit(String key, String shown) {
        return new ConfigException(key + " needs a unit (ms, s, m, h or d), e.g. 30s; was " + shown);
    }
}
