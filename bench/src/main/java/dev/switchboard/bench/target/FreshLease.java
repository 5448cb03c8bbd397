package dev.switchboard.bench.target;

import java.sql.Connection;
import java.sql.SQLException;

/** A new client connection for every call, closed after it: the {@code connect} workload, and direct tenants. */
final class FreshLease implements Lease {
    private final Connector connector;

    FreshLease(Connector connector) {
        this.connector = connector;
    }

    @Override
    public <T> T call(String database, SqlWork<T> work) throws SQLException {
        try (Connection c = connector.open(database)) {
            return work.apply(c);
        }
    }

    @Override
    public void reset() {
    }

    @Override
    public void close() {
    }
}
