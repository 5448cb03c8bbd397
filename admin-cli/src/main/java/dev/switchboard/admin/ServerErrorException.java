package dev.switchboard.admin;

/** The server answered, with a 4xx/5xx status (or with a body that is not what the API promises). Exit code 1. */
final class ServerErrorException extends AdminException {
    static final int EXIT_CODE = 1;

    private final int status;

    /**
     * @param status the HTTP status
     * @param error  the server's one-line {@code error} text
     */
    ServerErrorException(String server, int status, String error) {
        super(server, error, null);
        this.status = status;
    }

    /** The HTTP status the server answered with (a 2xx when its body was malformed). */
    int status() {
        return status;
    }

    @Override
    int exitCode() {
        return EXIT_CODE;
    }
}
