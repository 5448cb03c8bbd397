package dev.switchboard.proxy.control;

import dev.switchboard.proxy.config.ConfigException;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.pool.EvictionCause;
import dev.switchboard.proxy.pool.PoolRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Staged reload of the config file the proxy was started with (DESIGN.md "Config"): a dry run returns the
 * {@link ConfigDiff}; applying swaps the {@link LiveConfig} snapshot in one step, then retires (cause CONFIG) the
 * pools whose database changed or went away. A file that does not load is refused with its {@link ConfigException}
 * and the running config stays. Settings that need a restart are reported, not applied.
 *
 * <p>Thread-safe: reloads and {@link ConfigEditor} edits are serialised by one lock. Blocks on file I/O.
 */
public final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    /** What a reload did: {@code applied} is false for a dry run. */
    public record Outcome(boolean applied, ConfigDiff changes) {
        public Outcome {
            Objects.requireNonNull(changes, "changes");
        }
    }

    private final LiveConfig live;
    private final PoolRegistry registry;
    private final Optional<Path> file;
    private final Function<String, String> env;
    private final ReentrantLock lock = new ReentrantLock();
    private final Optional<Catalog> catalog;
    private ServerConfig fileConfig;                  // the config as the file has it, before the catalog; under lock

    /**
     * @param file the config file the proxy started from; empty when it was started from a config in memory, and
     *             then reloads and edits are refused
     * @param env  how {@code ${env:NAME}} is looked up: the same function the proxy started with
     */
    public Reloader(LiveConfig live, PoolRegistry registry, Optional<Path> file, Function<String, String> env) {
        this.live = Objects.requireNonNull(live, "live");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.file = Objects.requireNonNull(file, "file");
        this.env = Objects.requireNonNull(env, "env");
        this.fileConfig = live.config();
        this.catalog = live.config().catalog().map(c -> new Catalog(c, env));
    }

    /**
     * Reads the catalog again and applies what changed (new tenants, removed users, moved databases). An unreachable
     * catalog keeps the running config. No-op without a catalog.
     *
     * @return false when the catalog could not be read
     */
    public boolean refreshCatalog() {
        if (catalog.isEmpty()) return true;
        try {
            catalog.get().refresh();                  // I/O outside the lock
        } catch (java.sql.SQLException e) {
            log.warn("catalog unreachable, keeping the running config: sqlstate={} {}", e.getSQLState(),
                    e.getMessage());
            return false;
        }
        locked(() -> {
            ServerConfig merged = catalog.get().merge(fileConfig);
            if (!ConfigDiff.between(live.config(), merged, registry.pools()).isEmpty()) applyLocked(fileConfig);
            return null;
        });
        return true;
    }

    public Optional<Catalog> catalog() {
        return catalog;
    }

    /** The config as the file has it (before the catalog). Caller holds the lock. */
    ServerConfig fileConfigLocked() {
        return fileConfig;
    }

    /** Re-reads the catalog and applies, after an edit written to it. Caller holds the lock. */
    Outcome applyCatalogEditLocked() throws java.sql.SQLException {
        catalog.orElseThrow().refresh();
        return applyLocked(fileConfig);
    }

    /**
     * Reads the config file again and, unless {@code dryRun}, applies it.
     *
     * @throws ConfigException       the file does not load; nothing changed
     * @throws IllegalStateException the proxy has no config file
     */
    public Outcome reload(boolean dryRun) {
        Path path = file();
        return locked(() -> {
            ServerConfig read;
            try {
                read = ConfigLoader.load(path, env);
            } catch (ConfigException e) {
                log.info("reload refused: {}", e.getMessage());
                throw e;
            }
            if (catalog.isPresent()) refreshCatalogRows();
            return dryRun ? new Outcome(false, diff(read)) : applyLocked(read);
        });
    }

    /** The config file; @throws IllegalStateException when the proxy was started without one */
    Path file() {
        return file.orElseThrow(() -> new IllegalStateException(
                "the proxy was started without a config file: there is nothing to reload or edit"));
    }

    Function<String, String> env() {
        return env;
    }

    /** Runs {@code action} holding the reload lock. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void refreshCatalogRows() {
        try {
            catalog.orElseThrow().refresh();
        } catch (java.sql.SQLException e) {
            log.warn("catalog unreachable during reload, using its last rows: sqlstate={}", e.getSQLState());
        }
    }

    private ServerConfig withCatalog(ServerConfig fromFile) {
        return catalog.map(c -> c.merge(fromFile)).orElse(fromFile);
    }

    private ConfigDiff diff(ServerConfig read) {
        return ConfigDiff.between(live.config(), withCatalog(read), registry.pools());
    }

    /** Applies {@code read} (as loaded from the file). Caller holds the lock. */
    Outcome applyLocked(ServerConfig fromFile) {
        if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("reload lock not held");
        fileConfig = fromFile;
        ServerConfig read = withCatalog(fromFile);
        ServerConfig running = live.config();
        ConfigDiff changes = ConfigDiff.between(running, read, registry.pools());
        live.swap(ConfigDiff.effective(running, read));
        for (String database : changes.poolsReplaced()) registry.evict(database, EvictionCause.CONFIG);
        log.info("config reloaded: databases added={} removed={} changed={}; users added={} removed={} changed={}; "
                        + "pools replaced={}; settings changed={}; restart required for={}",
                changes.databasesAdded(), changes.databasesRemoved(), changes.databasesChanged(),
                changes.usersAdded(), changes.usersRemoved(), changes.usersChanged(), changes.poolsReplaced(),
                changes.settingsChanged(), changes.restartRequired());
        return new Outcome(true, changes);
    }
}
