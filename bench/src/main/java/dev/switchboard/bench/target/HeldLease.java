package dev.switchboard.bench.target;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One client connection per database, opened on first use and kept: an application holding its connection. For the
 * tenants workload against PgBouncer this means one client connection per tenant a thread has touched (PgBouncer's
 * client connections are cheap and cannot switch database; its server connections are what the budget bounds).
 */
final class HeldLease implements Lease {
    private final Connector connector;
    private final Map<String, Connection> open = new HashMap<>();

    HeldLease(Connector connector) {
        this.connector = connector;
    }

    @Override
    public <T> T call(String database, SqlWork<T> work) throws SQLException {
        Connection c = open.get(database);
        if (c == null) {
            c = connector.open(database);
            open.put(database, c);
        }
        return work.apply(c);
    }

    @Override
    public void reset() {
        close();
    }

    @Override
    public void close() {
        open.values().forEach(Leases::closeQuietly);
        open.clear();
    }
}
