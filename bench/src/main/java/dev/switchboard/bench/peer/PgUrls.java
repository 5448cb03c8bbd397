package dev.switchboard.bench.peer;

/** What every PostgreSQL JDBC URL of the bench carries, whoever makes the connection. */
public final class PgUrls {
    /**
     * pgjdbc's {@code sslmode} for every connection the bench makes to PostgreSQL or PgBouncer, and for the proxy's
     * backend URLs ({@link SwitchboardProcess}). pgjdbc's default, {@code prefer}, asks for TLS at every login, and
     * the bench's loopback PostgreSQL offers none (Debian's default cluster may; then this keeps it off), so asking
     * costs a round trip for nothing. PgBouncer 1.18 does not ask ({@code server_tls_sslmode = disable}, its
     * default). So no target pays for TLS, and none pays for asking.
     */
    public static final String NO_TLS = "?sslmode=disable";

    private PgUrls() {
    }
}
