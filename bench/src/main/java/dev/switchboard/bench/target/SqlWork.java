package dev.switchboard.bench.target;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection a {@link Lease} lends for the duration of one call. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
