package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.config.ConfigException;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** A request the API refuses: the HTTP status and a one-line reason, answered as {@code {"error": reason}}. */
final class AdminException extends RuntimeException {
    private final int status;

    AdminException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }

    static AdminException badRequest(String reason) {
        return new AdminException(400, reason);
    }

    static AdminException notFound(String reason) {
        return new AdminException(404, reason);
    }

    static AdminException conflict(String reason) {
        return new AdminException(409, reason);
    }

    /**
     * Runs a config change: a refused config is 400 with the loader's message (it names the key), a proxy without a
     * config file 409, a file that cannot be written 500.
     */
    static <T> T translating(Supplier<T> change) {
        try {
            return change.get();
        } catch (ConfigException e) {
            throw badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw conflict(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new AdminException(500, e.getMessage());
        }
    }
}
