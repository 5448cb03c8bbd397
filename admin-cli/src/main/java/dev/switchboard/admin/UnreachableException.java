package dev.switchboard.admin;

/** No answer from the server: connection refused, unknown host, TLS failure, timeout, connection lost. Exit code 3. */
final class UnreachableException extends AdminException {
    static final int EXIT_CODE = 3;

    UnreachableException(String server, String reason, Throwable cause) {
        super(server, reason, cause);
    }

    @Override
    int exitCode() {
        return EXIT_CODE;
    }
}
