package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Every connection property the driver understands (STYLE idiom 15): URL parsing, {@code getPropertyInfo} and the
 * README table come from here. A value may come from the URL query or from the {@link Properties} given to
 * {@code connect}; the URL wins (see {@link ConnectionUrl}). Durations are {@code 10s}, {@code 500ms} or plain
 * seconds.
 */
public enum DriverProperty {
    USER("user", null, "Database user name; required."),
    PASSWORD("password", null, "Password, used only for the SCRAM-SHA-256 exchange; never sent or logged."),
    SSL("ssl", "disable", "TLS mode: `disable`, `require` or `verify-full`. This version has no TLS: `require` and "
            + "`verify-full` fail at connect (never silently plaintext).", "disable", "require", "verify-full"),
    SSL_ROOT_CERT("sslRootCert", null, "PEM file of the CA that signed the server certificate (for `verify-full`)."),
    FETCH_SIZE("fetchSize", "1000", "Rows per batch; further rows are pulled on demand, in batches that double up to "
            + "8× this while a result goes on (the server cuts each at ~1 MiB). "
            + "`Statement.setFetchSize` overrides it per statement."),
    PREFETCH("prefetch", "true", "Ask for a cursor's next batch while the application reads the current one, so the "
            + "proxy and the database work meanwhile (one batch ahead; `false`: only when needed).", "true", "false"),
    CONNECT_TIMEOUT("connectTimeout", "10s", "Time to open the socket and finish login; 0 = no limit."),
    SOCKET_TIMEOUT("socketTimeout", "0", "Longest wait for a server reply before the connection is declared "
            + "broken (SQLState 08006); 0 = none. `Connection.setNetworkTimeout` overrides it."),
    APPLICATION_NAME("applicationName", "", "Name of the application, sent to the server at login.");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final String[] choices;

    DriverProperty(String key, String defaultValue, String description, String... choices) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.choices = choices;
    }

    public String key() {
        return key;
    }

    /** The default, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The property with this exact key, or null. */
    public static DriverProperty byKey(String key) {
        for (DriverProperty p : values()) {
            if (p.key.equals(key)) return p;
        }
        return null;
    }

    /** The value in {@code props}, else the default (may be null). */
    public String get(Properties props) {
        String v = props.getProperty(key);
        return v != null ? v : defaultValue;
    }

    int positiveInt(Properties props) throws SQLException {
        String v = get(props);
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(v, "a whole number >= 1");
    }

    /** A duration: {@code 10s}, {@code 500ms} or plain seconds; never negative. */
    Duration duration(Properties props) throws SQLException {
        String v = get(props).trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            else if (v.endsWith("s")) d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            else d = Duration.ofSeconds(Long.parseLong(v));
            if (!d.isNegative()) return d;
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw invalid(get(props), "a duration such as 10s, 500ms or 10 (seconds)");
    }

    /** One of {@link #choices}, lower case. */
    String choice(Properties props) throws SQLException {
        String v = get(props).trim().toLowerCase(Locale.ROOT);
        for (String c : choices) {
            if (c.equals(v)) return c;
        }
        throw invalid(get(props), "one of " + String.join(", ", choices));
    }

    private SQLException invalid(String value, String expected) {
        return SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE,
                "driver property " + key + " must be " + expected + ", was \"" + value + "\"");
    }

    DriverPropertyInfo info(Properties props) {
        var info = new DriverPropertyInfo(key, this == PASSWORD ? null : get(props));
        info.description = description;
        info.required = this == USER;
        info.choices = choices.length == 0 ? null : choices.clone();
        return info;
    }

    /** The README table: key, default, description, in Markdown. */
    public static String markdownTable() {
        var sb = new StringBuilder("| key | default | description |\n|---|---|---|\n");
        for (DriverProperty p : values()) {
            String dflt = p.defaultValue == null ? "—"
                    : p.defaultValue.isEmpty() ? "(empty)" : "`" + p.defaultValue + "`";
            sb.append("| `").append(p.key).append("` | ").append(dflt).append(" | ").append(p.description)
                    .append(" |\n");
        }
        return sb.toString();
    }
}
