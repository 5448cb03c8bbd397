package dev.switchboard.admin;

import java.util.Objects;

/**
 * A call to one server's admin API failed. The message is one line, fit to print after {@code sbctl: <server>: };
 * it never holds the token. Each subclass maps to one exit code.
 */
abstract sealed class AdminException extends Exception permits ServerErrorException, UnreachableException {
    private final String server;

    AdminException(String server, String message, Throwable cause) {
        super(message, cause);
        this.server = Objects.requireNonNull(server, "server");
    }

    /** The server's base URL, as given to {@code --server}. */
    final String server() {
        return server;
    }

    /** The exit code sbctl ends with when this is the worst failure. */
    abstract int exitCode();

    /** {@code sbctl: <server>: <reason>}: the line printed on stderr. */
    final String line() {
        return "sbctl: " + server + ": " + getMessage();
    }
}
