package dev.switchboard.proxy.control;

import dev.switchboard.proxy.config.CatalogEntries;
import dev.switchboard.proxy.config.CatalogEntries.DatabaseRow;
import dev.switchboard.proxy.config.CatalogEntries.UserRow;
import dev.switchboard.proxy.config.CatalogSettings;
import dev.switchboard.proxy.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The catalog database (config {@code catalog}): users and databases that several proxy replicas share, in the
 * tables of {@code docs/catalog.sql} (created by the proxy when missing). The whole catalog is read at start, on
 * every reload and every {@code catalog.refresh}; between reads the last rows stand, so an unknown name is answered
 * from memory until the next refresh (negative caching) and a returning tenant's route needs no query. Entries of
 * the config file win over catalog rows of the same name. Blocking; runs on worker threads.
 */
public final class Catalog {
    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    /** The catalog tables (also in {@code docs/catalog.sql}); PostgreSQL. */
    public static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS switchboard_databases (
                name text PRIMARY KEY, jdbc_url text NOT NULL, username text NOT NULL DEFAULT '',
                password_ref text NOT NULL DEFAULT '', pool_mode text, keep_warm boolean NOT NULL DEFAULT false,
                max_pool_size int, min_idle int, connection_timeout_ms int);
            CREATE TABLE IF NOT EXISTS switchboard_users (
                name text PRIMARY KEY, verifier text NOT NULL, databases text[] NOT NULL,
                default_database text, valid_until timestamptz, max_client_connections int NOT NULL DEFAULT 0);
            """;

    private final CatalogSettings settings;
    private final Function<String, String> env;
    private volatile List<DatabaseRow> databases = List.of();
    private volatile List<UserRow> users = List.of();
    private volatile boolean schemaReady;           // the tables exist: no DDL on every refresh and write

    public Catalog(CatalogSettings settings, Function<String, String> env) {
        this.settings = settings;
        this.env = env;
    }

    public CatalogSettings settings() {
        return settings;
    }

    /** Reads every row again (creating the tables if missing). @throws SQLException the catalog is unreachable */
    public void refresh() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            ensureSchema(st);
            var dbs = new ArrayList<DatabaseRow>();
            try (ResultSet rs = st.executeQuery("SELECT name, jdbc_url, username, password_ref, pool_mode, keep_warm, "
                    + "max_pool_size, min_idle, connection_timeout_ms FROM switchboard_databases ORDER BY name")) {
                while (rs.next()) {
                    dbs.add(new DatabaseRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Optional.ofNullable(rs.getString(5)), rs.getBoolean(6), integer(rs, 7), integer(rs, 8),
                            integer(rs, 9)));
                }
            }
            var us = new ArrayList<UserRow>();
            try (ResultSet rs = st.executeQuery("SELECT name, verifier, databases, default_database, valid_until, "
                    + "max_client_connections FROM switchboard_users ORDER BY name")) {
                while (rs.next()) {
                    Array array = rs.getArray(3);
                    List<String> allowed = array == null ? List.of() : List.of((String[]) array.getArray());
                    Timestamp until = rs.getTimestamp(5);
                    us.add(new UserRow(rs.getString(1), rs.getString(2), allowed, Optional.ofNullable(rs.getString(4)),
                            Optional.ofNullable(until).map(Timestamp::toInstant), rs.getInt(6)));
                }
            }
            databases = List.copyOf(dbs);
            users = List.copyOf(us);
        }
    }

    /**
     * Writes one user (admin API / sbctl) as an upsert, after checking it would be accepted next to the rows read last
     * ({@code file} is the config it joins).
     *
     * @throws dev.switchboard.proxy.config.ConfigException the row would be skipped; nothing written
     */
    public void putUser(ServerConfig file, UserRow row) throws SQLException {
        check(file, List.of(), List.of(row));
        write("INSERT INTO switchboard_users (name, verifier, databases, default_database, valid_until, "
                + "max_client_connections) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                + "verifier = EXCLUDED.verifier, databases = EXCLUDED.databases, default_database = "
                + "EXCLUDED.default_database, valid_until = EXCLUDED.valid_until, max_client_connections = "
                + "EXCLUDED.max_client_connections", (c, ps) -> {
                    ps.setString(1, row.name());
                    ps.setString(2, row.verifier());
                    ps.setArray(3, c.createArrayOf("text", row.databases().toArray()));
                    ps.setString(4, row.defaultDatabase().orElse(null));
                    ps.setTimestamp(5, row.validUntil().map(Timestamp::from).orElse(null));
                    ps.setInt(6, row.maxClientConnections());
                });
    }

    /** Writes one database as an upsert; checked like {@link #putUser}. */
    public void putDatabase(ServerConfig file, DatabaseRow row) throws SQLException {
        check(file, List.of(row), List.of());
        write("INSERT INTO switchboard_databases (name, jdbc_url, username, password_ref, pool_mode, keep_warm, "
                + "max_pool_size, min_idle, connection_timeout_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) "
                + "DO UPDATE SET jdbc_url = EXCLUDED.jdbc_url, username = EXCLUDED.username, password_ref = "
                + "EXCLUDED.password_ref, pool_mode = EXCLUDED.pool_mode, keep_warm = EXCLUDED.keep_warm, "
                + "max_pool_size = EXCLUDED.max_pool_size, min_idle = EXCLUDED.min_idle, connection_timeout_ms = "
                + "EXCLUDED.connection_timeout_ms", (c, ps) -> {
                    ps.setString(1, row.name());
                    ps.setString(2, row.jdbcUrl());
                    ps.setString(3, row.username());
                    ps.setString(4, row.passwordRef());
                    ps.setString(5, row.poolMode().orElse(null));
                    ps.setBoolean(6, row.keepWarm());
                    ps.setObject(7, row.maxPoolSize().orElse(null), java.sql.Types.INTEGER);
                    ps.setObject(8, row.minIdle().orElse(null), java.sql.Types.INTEGER);
                    ps.setObject(9, row.connectionTimeoutMillis().orElse(null), java.sql.Types.INTEGER);
                });
    }

    /** Deletes a row of {@code switchboard_users} or {@code switchboard_databases}; false when there was none. */
    public boolean delete(boolean user, String name) throws SQLException {
        String table = user ? "switchboard_users" : "switchboard_databases";
        var deleted = new int[1];
        write("DELETE FROM " + table + " WHERE name = ?", (c, ps) -> ps.setString(1, name), deleted);
        return deleted[0] > 0;
    }

    private void check(ServerConfig file, List<DatabaseRow> moreDatabases, List<UserRow> moreUsers) {
        var problems = new ArrayList<String>();
        var dbs = new ArrayList<>(databases);
        dbs.removeIf(d -> moreDatabases.stream().anyMatch(m -> m.name().equals(d.name())));
        dbs.addAll(moreDatabases);
        var us = new ArrayList<>(users);
        us.removeIf(u -> moreUsers.stream().anyMatch(m -> m.name().equals(u.name())));
        us.addAll(moreUsers);
        CatalogEntries.merge(file, dbs, us, env, problems::add);
        for (String p : problems) {
            boolean ours = moreDatabases.stream().anyMatch(d -> p.contains("[" + d.name() + "]"))
                    || moreUsers.stream().anyMatch(u -> p.contains("[" + u.name() + "]"));
            if (ours) throw new dev.switchboard.proxy.config.ConfigException(p.replace(" skipped: ", ": "));
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection c, java.sql.PreparedStatement ps) throws SQLException;
    }

    private void write(String sql, Binder binder) throws SQLException {
        write(sql, binder, new int[1]);
    }

    private void write(String sql, Binder binder, int[] count) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            ensureSchema(st);
            try (var ps = c.prepareStatement(sql)) {
                binder.bind(c, ps);
                count[0] = ps.executeUpdate();
            }
        }
    }

    private void ensureSchema(Statement st) throws SQLException {
        if (schemaReady) return;
        st.execute(SCHEMA);
        schemaReady = true;
    }

    private Connection connect() throws SQLException {
        var props = new Properties();
        if (!settings.username().isEmpty()) props.setProperty("user", settings.username());
        if (!settings.password().value().isEmpty()) props.setProperty("password", settings.password().value());
        return DriverManager.getConnection(settings.jdbcUrl(), props);
    }

    private static Optional<Integer> integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    /** {@code file} with the rows of the last read added (file entries win); bad rows are logged and skipped. */
    public ServerConfig merge(ServerConfig file) {
        return CatalogEntries.merge(file, databases, users, env, skipped -> log.warn("{}", skipped));
    }
}
