package dev.switchboard.bench.target;

import java.sql.Connection;
import java.sql.SQLException;

/** Closing connections that may already be broken. */
final class Leases {
    private Leases() {
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // a connection being dropped after an error: its close may fail too, and nothing depends on it
        }
    }
}
