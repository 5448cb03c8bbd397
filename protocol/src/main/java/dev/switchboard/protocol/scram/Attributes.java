package dev.switchboard.protocol.scram;

import java.util.Base64;

/**
 * Reads and writes the {@code name=value} attributes of SCRAM messages (RFC 5802 section 7), for both sides.
 * Every failure is a {@link ScramException} whose message names the message and attribute, never the peer's text.
 * Stateless.
 */
final class Attributes {
    /** SCRAM messages are a few hundred bytes; a longer one is refused before any work is done on it. */
    static final int MAX_MESSAGE_LENGTH = 4096;

    private Attributes() {}

    /** The comma-separated parts of {@code message}, empty parts included. */
    static String[] split(String message, String what) throws ScramException {
        if (message == null || message.isEmpty()) throw new ScramException(what + " is empty");
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new ScramException(what + " is longer than " + MAX_MESSAGE_LENGTH + " characters");
        }
        return message.split(",", -1);
    }

    /** The value of attribute {@code name}, which must be {@code parts[index]}; may be empty, the caller checks it. */
    static String value(String[] parts, int index, char name, String what) throws ScramException {
        if (index >= parts.length) throw new ScramException(what + ": attribute '" + name + "' is missing");
        String part = parts[index];
        if (part.length() < 2 || part.charAt(0) != name || part.charAt(1) != '=') {
            throw new ScramException(what + ": expected attribute '" + name + "' at position " + (index + 1));
        }
        return part.substring(2);
    }

    /** Refuses a mandatory extension ({@code m=}), which RFC 5802 says an unknowing peer must not ignore. */
    static void refuseMandatoryExtension(String[] parts, int index, String what) throws ScramException {
        if (index < parts.length && parts[index].startsWith("m=")) {
            throw new ScramException(what + " requires an unsupported mandatory extension");
        }
    }

    static byte[] base64(String value, String attribute) throws ScramException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ScramException(attribute + " is not valid base64");   // e's message quotes the input
        }
    }

    static int iterations(String value) throws ScramException {
        if (value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ScramException("iteration count is not a number in range");
        }
        int i = Integer.parseInt(value);
        if (i < 1 || i > Scram.MAX_ITERATIONS) {
            throw new ScramException("iteration count must be in [1, " + Scram.MAX_ITERATIONS + "], was " + i);
        }
        return i;
    }

    /** A nonce is non-empty RFC 5802 "printable": ASCII 0x21 to 0x7E except ','. */
    static boolean isNonce(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
    }

    /** RFC 5802 saslname: ',' becomes "=2C" and '=' becomes "=3D". */
    static String escapeName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /** The inverse of {@link #escapeName}; any other '=' sequence is malformed. */
    static String unescapeName(String saslname) throws ScramException {
        var out = new StringBuilder(saslname.length());
        for (int i = 0; i < saslname.length(); i++) {
            char c = saslname.charAt(i);
            if (c == '\0') {
                throw new ScramException("user name contains NUL");
            } else if (c != '=') {
                out.append(c);
            } else if (saslname.startsWith("2C", i + 1)) {
                out.append(',');
                i += 2;
            } else if (saslname.startsWith("3D", i + 1)) {
                out.append('=');
                i += 2;
            } else {
                throw new ScramException("user name has a bad '=' escape");
            }
        }
        return out.toString();
    }
}
