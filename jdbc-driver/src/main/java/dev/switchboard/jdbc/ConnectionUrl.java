package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.protocol.types.SqlStates;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A parsed {@code jdbc:switchboard://host[:port][/database][?key=value&…]}. Percent-escapes are decoded in the
 * database name and in query keys and values ({@code +} stays a plus: this is a URL, not a form). IPv6 hosts go in
 * brackets. Query keys must be {@link DriverProperty} keys.
 *
 * <p><b>Precedence:</b> a property set in the URL query wins over the same key in the {@link Properties} passed to
 * {@code connect} (as in pgjdbc): the URL is the more specific, per-database setting, and the Properties are often
 * defaults from a pool's configuration.
 *
 * @param database the requested database, "" for the user's default
 * @param props    the merged properties (Properties first, then the URL's); unknown Properties keys are kept and
 *                 ignored, since pools pass their own
 */
record ConnectionUrl(String host, int port, String database, Properties props) {
    static final String PREFIX = "jdbc:switchboard:";
    static final int DEFAULT_PORT = 7432;

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    static ConnectionUrl parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) throw bad(url, "it does not start with " + PREFIX);
        String rest = url.substring(PREFIX.length());
        if (!rest.startsWith("//")) throw bad(url, "expected // after " + PREFIX);
        rest = rest.substring(2);

        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String authority = rest;
        String database = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            authority = rest.substring(0, slash);
            String path = rest.substring(slash + 1);
            if (path.contains("/")) throw bad(url, "the database name \"" + path + "\" contains '/'");
            database = decode(url, path, "the database name");
        }

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) throw bad(url, "an IPv6 host lacks its closing ']'");
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw bad(url, "unexpected \"" + after + "\" after the host");
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            if (colon >= 0) portText = authority.substring(colon + 1);
        }
        if (host.isEmpty()) throw bad(url, "the host is missing");
        if (host.indexOf('@') >= 0) throw bad(url, "put the user in the user property, not before the host");
        int port = portText == null ? DEFAULT_PORT : port(url, portText);

        var props = new Properties();
        if (info != null) {
            for (String name : info.stringPropertyNames()) props.setProperty(name, info.getProperty(name));
        }
        if (query != null) parseQuery(url, query, props);
        return new ConnectionUrl(host, port, database, props);
    }

    private static int port(String url, String text) throws SQLException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535 && text.chars().allMatch(Character::isDigit)) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(url, "the port \"" + text + "\" is not a number in 1..65535");
    }

    private static void parseQuery(String url, String query, Properties props) throws SQLException {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            if (eq < 0) throw bad(url, "parameter \"" + pair + "\" has no '=value'");
            String key = decode(url, pair.substring(0, eq), "a parameter name");
            if (DriverProperty.byKey(key) == null) throw bad(url, "unknown parameter \"" + key + "\"");
            props.setProperty(key, decode(url, pair.substring(eq + 1), "the value of " + key));
        }
    }

    /** Strict RFC 3986 percent-decoding as UTF-8; errors name {@code what}, never the text (it may be a password). */
    static String decode(String url, String s, String what) throws SQLException {
        if (s.indexOf('%') < 0) return s;
        var bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                    || Character.digit(s.charAt(i + 2), 16) < 0) {
                throw bad(url, "bad percent-escape in " + what);
            }
            bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw bad(url, "percent-escapes in " + what + " are not UTF-8");
        }
    }

    private static SQLException bad(String url, String problem) {
        return SqlExceptions.of(SqlStates.UNABLE_TO_CONNECT, "invalid Switchboard URL \"" + redact(url) + "\": "
                + problem + " (expected jdbc:switchboard://host[:port][/database][?key=value&...])");
    }

    /** The URL without its query, which may hold a password. */
    static String redact(String url) {
        if (url == null) return "null";
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

}
