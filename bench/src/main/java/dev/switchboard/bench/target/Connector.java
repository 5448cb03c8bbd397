package dev.switchboard.bench.target;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new client connection to a database. Thread-safe. */
@FunctionalInterface
public interface Connector {
    Connection open(String database) throws SQLException;
}
