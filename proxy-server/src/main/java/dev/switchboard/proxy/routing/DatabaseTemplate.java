package dev.switchboard.proxy.routing;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A name pattern with one {@code {name}} placeholder, such as {@code tenant_{name}}. The part it matches ends up in
 * a JDBC URL, so it is limited to letters, digits, {@code _} and {@code -}: a client cannot smuggle URL syntax in
 * through a database name.
 */
record DatabaseTemplate(String prefix, String suffix) {
    private static final String PLACEHOLDER = "{name}";
    private static final Pattern SAFE_PART = Pattern.compile("[A-Za-z0-9_-]{1,63}");

    static Optional<DatabaseTemplate> parse(String name) {
        int at = name.indexOf(PLACEHOLDER);
        if (at < 0) return Optional.empty();
        return Optional.of(new DatabaseTemplate(name.substring(0, at), name.substring(at + PLACEHOLDER.length())));
    }

    /** The part of {@code database} that {@code {name}} stands for, if the template matches. */
    Optional<String> match(String database) {
        if (database.length() <= prefix.length() + suffix.length()) return Optional.empty();
        if (!database.startsWith(prefix) || !database.endsWith(suffix)) return Optional.empty();
        String part = database.substring(prefix.length(), database.length() - suffix.length());
        return SAFE_PART.matcher(part).matches() ? Optional.of(part) : Optional.empty();
    }
}
