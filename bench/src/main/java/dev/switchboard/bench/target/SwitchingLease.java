package dev.switchboard.bench.target;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One held Switchboard session that moves between databases with {@code Connection.setCatalog} (DESIGN.md "JDBC
 * driver"): the tenants workload through Switchboard, where one client connection serves every tenant.
 */
final class SwitchingLease implements Lease {
    private final Connector connector;
    private Connection connection;
    private String current;

    SwitchingLease(Connector connector) {
        this.connector = connector;
    }

    @Override
    public <T> T call(String database, SqlWork<T> work) throws SQLException {
        if (connection == null) {
            connection = connector.open(database);
            current = database;
        } else if (!database.equals(current)) {
            connection.setCatalog(database);
            current = database;
        }
        return work.apply(connection);
    }

    @Override
    public void reset() {
        close();
    }

    @Override
    public void close() {
        if (connection != null) Leases.closeQuietly(connection);
        connection = null;
        current = null;
    }
}
