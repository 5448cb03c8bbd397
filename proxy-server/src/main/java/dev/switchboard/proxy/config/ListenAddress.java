package dev.switchboard.proxy.config;

import java.net.InetAddress;
import java.util.Locale;

/**
 * A {@code host:port} to listen on, as written in {@code server.listen} and {@code admin.listen}. IPv6 hosts are
 * written in brackets ({@code [::1]:7432}) and kept without them. Port 0 asks the OS for a free port (tests).
 */
record ListenAddress(String host, int port) {

    static ListenAddress parse(String key, String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !text.startsWith(":", close + 1)) throw malformed(key, text);
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) throw malformed(key, text);
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw new ConfigException(key + ": write an IPv6 address in brackets, e.g. [::1]:7432, was " + text);
            }
        }
        if (!port.matches("[0-9]{1,5}")) throw malformed(key, text);
        int number = Integer.parseInt(port);
        check(key, host, number);
        return new ListenAddress(host, number);
    }

    /** Validation shared by the records that hold a listen address as host and port. */
    static void check(String key, String host, int port) {
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(key + ": host must not be blank or contain spaces, was \"" + host + "\"");
        }
        if (port < 0 || port > 65_535) throw new ConfigException(key + ": port must be in [0, 65535], was " + port);
    }

    /** True for {@code localhost} and loopback literals (127.0.0.0/8, ::1); never asks DNS. */
    static boolean isLoopback(String host) {
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) return true;
        try {
            return InetAddress.ofLiteral(host).isLoopbackAddress();
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }

    static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static ConfigException malformed(String key, String text) {
        return new ConfigException(key + " must be host:port, e.g. 127.0.0.1:7432, was \"" + text + "\"");
    }
}
