package dev.switchboard.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as operators write it, the way {@code switchboard.yml} does: {@code 500ms}, {@code 10s},
 * {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT10S}). Negative durations are refused.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        var m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative()) throw new TypeConversionException("'" + text + "' is negative");
            return d;
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration (examples: 500ms, 10s, 2m, 1h)");
        }
    }

    /** The shortest of {@code 1h}, {@code 2m}, {@code 10s}, {@code 500ms} that is exact. */
    static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
        long s = d.toSeconds();
        if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
        if (s != 0 && s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
