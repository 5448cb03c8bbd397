package dev.switchboard.proxy.control;

import dev.switchboard.proxy.config.CatalogEntries.DatabaseRow;
import dev.switchboard.proxy.config.CatalogEntries.UserRow;
import dev.switchboard.proxy.config.ConfigException;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admin edits of users and databases written to the catalog instead of the config file ({@link ConfigEditor}): the
 * entry's keys (as in the config file) become a catalog row, checked first, then upserted or deleted, and the
 * catalog is read again and applied. Caller holds the reload lock.
 */
final class CatalogWriter {
    private CatalogWriter() {
    }

    static ConfigEditor.Edit put(Reloader reloader, String section, String name, Map<String, Object> entry) {
        Catalog catalog = reloader.catalog().orElseThrow();
        try {
            if (section.equals("users")) catalog.putUser(reloader.fileConfigLocked(), userRow(name, entry));
            else catalog.putDatabase(reloader.fileConfigLocked(), databaseRow(name, entry));
            return new ConfigEditor.Edit(false, reloader.applyCatalogEditLocked());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the catalog: " + e.getMessage(), e);
        }
    }

    static Optional<ConfigEditor.Edit> remove(Reloader reloader, String section, String name) {
        Catalog catalog = reloader.catalog().orElseThrow();
        try {
            if (!catalog.delete(section.equals("users"), name)) return Optional.empty();
            return Optional.of(new ConfigEditor.Edit(false, reloader.applyCatalogEditLocked()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the catalog: " + e.getMessage(), e);
        }
    }

    private static UserRow userRow(String name, Map<String, Object> e) {
        Object dbs = e.get("databases");
        List<String> databases = dbs instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        Optional<Instant> validUntil = Optional.ofNullable((String) e.get("validUntil")).map(CatalogWriter::instant);
        int max = e.get("maxClientConnections") instanceof Number n ? n.intValue() : 0;
        return new UserRow(name, String.valueOf(e.get("password")), databases,
                Optional.ofNullable((String) e.get("default")), validUntil, max);
    }

    private static DatabaseRow databaseRow(String name, Map<String, Object> e) {
        Map<?, ?> pool = e.get("pool") instanceof Map<?, ?> m ? m : Map.of();
        return new DatabaseRow(name, String.valueOf(e.get("jdbcUrl")), (String) e.getOrDefault("username", ""),
                (String) e.getOrDefault("password", ""), Optional.ofNullable((String) e.get("poolMode")),
                Boolean.TRUE.equals(e.get("keepWarm")), integer(pool.get("maxPoolSize")), integer(pool.get("minIdle")),
                Optional.ofNullable(pool.get("connectionTimeout")).map(t -> millis(String.valueOf(t))));
    }

    private static Optional<Integer> integer(Object o) {
        return o instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }

    private static Instant instant(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException ex) {
            throw new ConfigException("users.validUntil must be an ISO instant or date, was " + text);
        }
    }

    /** "250ms" / "5s" / "2m" as the admin API passes them. */
    private static int millis(String d) {
        try {
            if (d.endsWith("ms")) return Integer.parseInt(d.substring(0, d.length() - 2));
            if (d.endsWith("s")) return Math.toIntExact(Duration.ofSeconds(Long.parseLong(d.substring(0, d.length() - 1)))
                    .toMillis());
            if (d.endsWith("m")) return Math.toIntExact(Duration.ofMinutes(Long.parseLong(d.substring(0, d.length() - 1)))
                    .toMillis());
        } catch (NumberFormatException | ArithmeticException ex) {
            // fall through
        }
        throw new ConfigException("databases.pool.connectionTimeout must be like 250ms, 5s or 2m, was " + d);
    }
}
