package dev.switchboard.bench.target;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One system under test (direct, inapp, pgbouncer, switchboard) as a client sees it. Made for one benchmark cell and
 * closed after it; thread-safe (every client thread asks it for its own {@link Lease}).
 */
public interface Target extends AutoCloseable {
    String name();

    /** How a thread does application work on one database: its held connection, or a pool borrow per operation. */
    Lease appLease(Login login);

    /** The {@code connect} workload: a new client connection per operation (for inapp, a pool borrow). */
    Lease connectLease(Login login);

    /** The {@code tenants} workload: the database is chosen per operation. */
    Lease tenantLease(Login login);

    /** How this target bounds the backend connections of the tenants workload, or that it cannot. */
    String budgetNote();

    /** The PostgreSQL role this target's backend connections log in as, for a client logged in as {@code user}. */
    String backendUser(String user);

    /** The server process to watch for RSS and CPU, when there is one apart from PostgreSQL. */
    OptionalLong serverPid();

    /**
     * The pools this target has created and evicted so far, when it keeps a bounded set of per-database pools the
     * bench can count (inapp, switchboard); empty when it has none (direct, pgbouncer) or they cannot be read just
     * now. May block briefly (switchboard asks the proxy over HTTP).
     */
    Optional<PoolCounts> poolCounts();

    @Override
    void close();
}
