package dev.switchboard.proxy.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user who may log in, and the databases it may use.
 *
 * <p>Each entry of {@code databases} is one of: a configured database ({@code sales}); a name a template makes
 * ({@code tenant_042} from {@code tenant_{name}}); an entry with {@code {user}}, the user's own name
 * ({@code tenant_{user}} is {@code tenant_acme} for user {@code acme}); or a template's own name
 * ({@code tenant_{name}}), which grants every database that template makes. Whether an entry names a configured
 * database is checked by {@link ServerConfig}, which knows the databases.
 *
 * @param verifier             SCRAM verifier in PostgreSQL's text form
 *                             {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64; 32-byte
 *                             keys). Only its shape is checked here. Never printed: {@link #toString} hides it.
 * @param databases            entries as written, {@code {user}} not yet replaced; see {@link #resolvedDatabases}
 * @param defaultDatabase      as written ({@code default}); see {@link #defaultDatabaseName} for the effective one
 * @param validUntil           the login is refused from this instant on; empty: never expires
 * @param maxClientConnections client connections this user may hold at once; 0: unlimited
 */
public record UserConfig(String name, String verifier, List<String> databases, Optional<String> defaultDatabase,
                         Optional<Instant> validUntil, int maxClientConnections) {
    /** The placeholder for the user's own name in a {@code databases} entry or the default. */
    public static final String USER_PLACEHOLDER = "{user}";

    private static final String B64 = "[A-Za-z0-9+/]+={0,2}";
    private static final Pattern VERIFIER =
            Pattern.compile("SCRAM-SHA-256\\$([1-9][0-9]{0,9}):(" + B64 + ")\\$(" + B64 + "):(" + B64 + ")");

    public UserConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(defaultDatabase, "defaultDatabase");
        Objects.requireNonNull(validUntil, "validUntil");
        databases = List.copyOf(databases);
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isISOControl(c) || c == '{' || c == '}')) {
            throw new ConfigException("users: a user name must not be blank or contain braces or control characters");
        }
        String key = "users." + name;
        checkVerifier(key + ".password", verifier);
        if (databases.isEmpty()) throw new ConfigException(key + ".databases must list at least one database");
        var seen = new HashSet<String>();
        for (int i = 0; i < databases.size(); i++) {
            String entry = databases.get(i);
            if (entry.isBlank()) throw new ConfigException(key + ".databases[" + i + "] must not be blank");
            if (!seen.add(entry.replace(USER_PLACEHOLDER, name))) {
                throw new ConfigException(key + ".databases[" + i + "]: \"" + entry + "\" is listed twice");
            }
        }
        if (defaultDatabase.isPresent()) {
            String entry = defaultDatabase.get();
            if (entry.isBlank()) throw new ConfigException(key + ".default must not be blank");
            if (entry.contains(DatabaseConfig.PLACEHOLDER)) {
                throw new ConfigException(key + ".default must name one database, not a template: \"" + entry + "\"");
            }
            if (!mayUse(name, databases, entry.replace(USER_PLACEHOLDER, name))) {
                throw new ConfigException(key + ".default \"" + entry + "\" is not one of " + key + ".databases");
            }
        }
        if (maxClientConnections < 0) {
            throw new ConfigException(key + ".maxClientConnections must be >= 0 (0: unlimited), was "
                    + maxClientConnections);
        }
    }

    /** The {@code databases} entries with {@code {user}} replaced by this user's name, in order. */
    public List<String> resolvedDatabases() {
        return databases.stream().map(entry -> entry.replace(USER_PLACEHOLDER, name)).toList();
    }

    /**
     * The database a login without one lands in: {@code default} ({@code {user}} replaced) if configured;
     * otherwise, if exactly one entry of {@link #resolvedDatabases} is concrete (not a template), that entry;
     * otherwise none, and such a login must name its database.
     */
    public Optional<String> defaultDatabaseName() {
        if (defaultDatabase.isPresent()) return defaultDatabase.map(entry -> entry.replace(USER_PLACEHOLDER, name));
        List<String> concrete = resolvedDatabases().stream()
                .filter(entry -> !entry.contains(DatabaseConfig.PLACEHOLDER))
                .toList();
        return concrete.size() == 1 ? Optional.of(concrete.getFirst()) : Optional.empty();
    }

    /**
     * True if {@code database} (a concrete name, as a client asks for it) is listed for this user, directly or by a
     * template entry. Says nothing about whether the database is configured; routing checks that.
     */
    public boolean mayUse(String database) {
        return mayUse(name, databases, database);
    }

    /** True if the login may proceed at {@code now}. */
    public boolean isValidAt(Instant now) {
        return validUntil.isEmpty() || now.isBefore(validUntil.get());
    }

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", verifier=******, databases=" + databases
                + ", defaultDatabase=" + defaultDatabase + ", validUntil=" + validUntil
                + ", maxClientConnections=" + maxClientConnections + "]";
    }

    private static boolean mayUse(String user, List<String> entries, String database) {
        for (String entry : entries) {
            String resolved = entry.replace(USER_PLACEHOLDER, user);
            if (resolved.equals(database)) return true;
            if (!database.contains(DatabaseConfig.PLACEHOLDER)
                    && DatabaseConfig.matchTemplate(resolved, database).isPresent()) {
                return true;
            }
        }
        return false;
    }

    // The message never echoes the value: it is a credential, and a mistake here is often a plaintext password.
    private static void checkVerifier(String key, String verifier) {
        String shape = "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>; make one with sbctl scram";
        if (!verifier.startsWith("SCRAM-SHA-256$")) {
            throw new ConfigException(key + " must be a SCRAM-SHA-256 verifier (" + shape
                    + "); plaintext passwords are not accepted");
        }
        var m = VERIFIER.matcher(verifier);
        if (!m.matches()) throw new ConfigException(key + " is not a well-formed verifier (" + shape + ")");
        var problems = new ArrayList<String>();
        if (Long.parseLong(m.group(1)) > Integer.MAX_VALUE) problems.add("iteration count too large");
        if (decodedLength(m.group(2)) < 1) problems.add("salt is not base64");
        if (decodedLength(m.group(3)) != 32) problems.add("StoredKey is not 32 bytes of base64");
        if (decodedLength(m.group(4)) != 32) problems.add("ServerKey is not 32 bytes of base64");
        if (!problems.isEmpty()) {
            throw new ConfigException(key + " is not a well-formed verifier: " + String.join(", ", problems));
        }
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }
}
