package dev.switchboard.proxy.control;

import dev.switchboard.proxy.config.DatabaseConfig;
import dev.switchboard.proxy.pool.BackendPool;
import dev.switchboard.proxy.pool.PoolRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Moves a database to a new backend URL ({@code sbctl databases move DB --to URL}): verify the new target, pause the
 * database, let its work drain, switch (a durable config edit applied like a reload, which replaces the pool), resume.
 * Any failure before the switch rolls back: the database resumes on its old backend and nothing is written. Blocks
 * (up to the drain timeout); callers run it off the event loops.
 */
public final class TenantMover {
    private static final Logger log = LoggerFactory.getLogger(TenantMover.class);
    private static final int CHECK_SECONDS = 5;

    /** The move did not happen; the message says why, and the database runs as before. */
    public static final class MoveRefused extends Exception {
        MoveRefused(String message) {
            super(message);
        }
    }

    private final LiveConfig live;
    private final PoolRegistry registry;
    private final ConfigEditor editor;
    private final Duration drainTimeout;

    public TenantMover(LiveConfig live, PoolRegistry registry, ConfigEditor editor, Duration drainTimeout) {
        this.live = live;
        this.registry = registry;
        this.editor = editor;
        this.drainTimeout = drainTimeout;
    }

    /** @return empty when there is no such database; otherwise the database as it now runs */
    public Optional<DatabaseConfig> move(String database, String jdbcUrl) throws MoveRefused, InterruptedException {
        Optional<DatabaseConfig> found = live.config().database(database);
        if (found.isEmpty() || found.get().isTemplate()) return Optional.empty();
        DatabaseConfig current = found.get();
        verify(current, jdbcUrl);
        registry.pause(database);
        try {
            awaitDrained(database);
            Optional<String> template = live.config().databases().values().stream()
                    .filter(d -> d.isTemplate() && !live.config().databases().containsKey(database)
                            && d.matchedPart(database).isPresent())
                    .map(DatabaseConfig::name).findFirst();
            String part = template.flatMap(t -> live.config().databases().get(t).matchedPart(database)).orElse("");
            editor.moveDatabase(database, template, part, jdbcUrl);
        } catch (RuntimeException e) {
            throw new MoveRefused("move of " + database + " rolled back: " + e.getMessage());
        } finally {
            registry.resume(database);
        }
        log.info("database moved db={}", database);
        return live.config().database(database);
    }

    /** The new target must accept a connection with the database's credentials and answer a validity check. */
    private static void verify(DatabaseConfig current, String jdbcUrl) throws MoveRefused {
        var props = new Properties();
        props.setProperty("user", current.username());
        props.setProperty("password", current.password().value());
        try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
            if (!c.isValid(CHECK_SECONDS)) throw new MoveRefused("the new target of " + current.name()
                    + " did not pass its validity check; nothing changed");
        } catch (SQLException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().replace(current.password().value().isEmpty() ? "\u0000" : current.password().value(),
                    "******");
            throw new MoveRefused("the new target of " + current.name() + " failed its check (" + e.getSQLState()
                    + ": " + reason + "); nothing changed");
        }
    }

    private void awaitDrained(String database) throws MoveRefused, InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (registry.find(database).map(BackendPool::activeLeases).orElse(0) > 0) {
            if (System.nanoTime() > deadline) {
                throw new MoveRefused("work on " + database + " did not drain within " + drainTimeout
                        + " (registry.drainTimeout); move rolled back");
            }
            Thread.sleep(20);
        }
    }
}
