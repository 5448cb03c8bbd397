package dev.switchboard.proxy.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads {@code switchboard.yml} into a {@link ServerConfig}. It only parses: YAML (1.2 core schema) into maps,
 * {@code ${env:…}}/{@code ${file:…}} references, durations and {@code host:port}; the records validate the values.
 * Every failure is a {@link ConfigException} that names the key (or the file, or the YAML line and column) and
 * never shows a secret. Unknown keys are errors. Stateless and thread-safe; {@link #load} blocks on file I/O.
 *
 * <p>A database's {@code pool} starts from the top-level {@code pool} section, and each key it sets replaces
 * that one key. Backend passwords ({@code databases.*.password}, {@code catalog.password}) must be empty or come
 * from a reference, so the config file itself holds no backend password.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads {@code file}; environment references read the process environment, file references are relative to it. */
    public static ServerConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** Loads {@code file}, looking {@code ${env:NAME}} up with {@code env} (null: unset). Blocks on file I/O. */
    public static ServerConfig load(Path file, Function<String, String> env) {
        return parseAs(read(file), env, file);
    }

    /**
     * Parses {@code yamlText} as if it were the content of {@code file}: file references are relative to its
     * directory and file-level errors name it. Used to check new text before it replaces the file.
     */
    public static ServerConfig parseAs(String yamlText, Function<String, String> env, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return parse(yamlText, env, dir, file.toString(), file + ": ");
    }

    /** The text of {@code file}; a {@link ConfigException} naming the file when it cannot be read as UTF-8. */
    public static String read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + References.describe(e), e);
        }
        return text;
    }

    /**
     * Parses config text.
     *
     * @param env     looks up {@code ${env:NAME}}; returns null for an unset variable
     * @param baseDir what relative {@code ${file:PATH}} paths are resolved against
     */
    public static ServerConfig parse(String yamlText, Function<String, String> env, Path baseDir) {
        return parse(yamlText, env, baseDir, "config", "");
    }

    /** @param where empty, or the file and ": ", to put in front of file-level errors */
    private static ServerConfig parse(String yamlText, Function<String, String> env, Path baseDir, String label,
                                      String where) {
        Objects.requireNonNull(yamlText, "yamlText");
        Object root = readYaml(yamlText, label, where);
        if (root == null) throw new ConfigException(where + "config is empty");
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(where + "config must be a mapping of sections (server, admin, registry, pool, "
                    + "databases, users, catalog), was " + ConfigNode.describe(root));
        }
        ConfigNode top = ConfigNode.root(map, new References(env, baseDir));
        top.allowOnly("server", "admin", "registry", "pool", "databases", "users", "catalog");
        PoolSettings pool = pool(top.section("pool"), PoolSettings.DEFAULTS);
        Optional<CatalogSettings> catalog =
                top.has("catalog") ? Optional.of(catalog(top.section("catalog"))) : Optional.empty();
        return new ServerConfig(server(top.section("server")), admin(top.section("admin")),
                registry(top.section("registry")), pool, databases(top.section("databases"), pool),
                users(top.section("users")), catalog);
    }

    private static Object readYaml(String text, String label, String where) {
        var settings = LoadSettings.builder()
                .setLabel(label)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .build();
        try {
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            // Built from the parts, not getMessage(), and without the cause: its message quotes the source line,
            // which may hold a secret, and a logged stack trace would print it.
            String at = e.getProblemMark().or(e::getContextMark)
                    .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse("");
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ConfigException(where + "YAML error" + at + ": " + e.getProblem() + context);
        } catch (YamlEngineException e) {
            throw new ConfigException(where + "YAML error: " + e.getMessage(), e);
        }
    }

    private static ServerSettings server(ConfigNode node) {
        node.allowOnly("listen", "poolMode", "maxFrameBytes", "maxClientConnections", "loginTimeout", "logConnections",
                "dedicatedThreads", "tls");
        if (node.has("tls")) throw new ConfigException(node.key("tls") + " is not supported yet; remove it");
        var d = ServerSettings.DEFAULTS;
        ListenAddress listen = listen(node, new ListenAddress(d.host(), d.port()));
        PoolMode mode = node.string("poolMode").map(v -> PoolMode.parse(node.key("poolMode"), v)).orElse(d.poolMode());
        return new ServerSettings(listen.host(), listen.port(), mode,
                node.integer("maxFrameBytes", d.maxFrameBytes()),
                node.integer("maxClientConnections", d.maxClientConnections()),
                node.duration("loginTimeout", d.loginTimeout()), node.bool("logConnections", d.logConnections()),
                node.bool("dedicatedThreads", d.dedicatedThreads()));
    }

    private static AdminSettings admin(ConfigNode node) {
        node.allowOnly("listen", "token");
        var d = AdminSettings.DEFAULTS;
        ListenAddress listen = listen(node, new ListenAddress(d.host(), d.port()));
        return new AdminSettings(listen.host(), listen.port(), node.secret("token"));
    }

    private static ListenAddress listen(ConfigNode node, ListenAddress otherwise) {
        return node.string("listen").map(text -> ListenAddress.parse(node.key("listen"), text)).orElse(otherwise);
    }

    private static RegistrySettings registry(ConfigNode node) {
        node.allowOnly("maxPools", "maxBackendConnections", "idlePoolTimeout", "drainTimeout", "breaker");
        var d = RegistrySettings.DEFAULTS;
        return new RegistrySettings(node.integer("maxPools", d.maxPools()),
                node.integer("maxBackendConnections", d.maxBackendConnections()),
                node.duration("idlePoolTimeout", d.idlePoolTimeout()),
                node.duration("drainTimeout", d.drainTimeout()), breaker(node.section("breaker")));
    }

    private static BreakerSettings breaker(ConfigNode node) {
        node.allowOnly("failures", "cooldown", "maxCooldown");
        var d = BreakerSettings.DEFAULTS;
        return new BreakerSettings(node.integer("failures", d.failures()), node.duration("cooldown", d.cooldown()),
                node.duration("maxCooldown", d.maxCooldown()));
    }

    /** {@code base} with the keys {@code node} sets replaced. */
    private static PoolSettings pool(ConfigNode node, PoolSettings base) {
        node.allowOnly("maxPoolSize", "minIdle", "connectionTimeout");
        return at(node, "pool", () -> new PoolSettings(node.integer("maxPoolSize", base.maxPoolSize()),
                node.integer("minIdle", base.minIdle()),
                node.duration("connectionTimeout", base.connectionTimeout())));
    }

    private static Map<String, DatabaseConfig> databases(ConfigNode node, PoolSettings poolDefaults) {
        var out = new LinkedHashMap<String, DatabaseConfig>();
        node.children().forEach((name, db) -> {
            db.allowOnly("jdbcUrl", "username", "password", "pool", "poolMode", "keepWarm");
            String jdbcUrl = requireString(db, "jdbcUrl");
            if (db.isInlineText("jdbcUrl") && jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
                throw new ConfigException(db.key("jdbcUrl") + " must not hold a password; set " + db.key("password"));
            }
            Optional<PoolMode> mode = db.string("poolMode").map(v -> PoolMode.parse(db.key("poolMode"), v));
            out.put(name, new DatabaseConfig(name, jdbcUrl, db.string("username", ""), backendPassword(db),
                    pool(db.section("pool"), poolDefaults), mode, db.bool("keepWarm", false)));
        });
        return out;
    }

    private static Map<String, UserConfig> users(ConfigNode node) {
        var out = new LinkedHashMap<String, UserConfig>();
        node.children().forEach((name, user) -> {
            user.allowOnly("password", "databases", "default", "validUntil", "maxClientConnections");
            String verifier = user.secretText("password").orElseThrow(() -> new ConfigException(user.key("password")
                    + " is required: a SCRAM-SHA-256 verifier (make one with sbctl scram)"));
            var databases = user.strings("databases").orElseThrow(() -> new ConfigException(user.key("databases")
                    + " is required: the databases this user may use"));
            Optional<Instant> validUntil = user.string("validUntil").map(t -> instant(user.key("validUntil"), t));
            out.put(name, new UserConfig(name, verifier, databases, user.string("default"), validUntil,
                    user.integer("maxClientConnections", 0)));
        });
        return out;
    }

    private static CatalogSettings catalog(ConfigNode node) {
        node.allowOnly("jdbcUrl", "username", "password", "refresh");
        return new CatalogSettings(requireString(node, "jdbcUrl"), node.string("username", ""), backendPassword(node),
                node.duration("refresh", CatalogSettings.DEFAULT_REFRESH));
    }

    // DESIGN.md "Security": backend passwords come only from env or file references, so a config file that is
    // shared, committed or printed never carries one.
    private static Secret backendPassword(ConfigNode node) {
        if (node.isInlineText("password")) {
            throw new ConfigException(node.key("password") + " must be a reference such as ${env:NAME} or "
                    + "${file:PATH}, not the password itself");
        }
        return node.secret("password").orElse(new Secret(""));
    }

    private static String requireString(ConfigNode node, String name) {
        return node.string(name).orElseThrow(() -> new ConfigException(node.key(name) + " is required"));
    }

    /** An ISO instant, or a date meaning its first moment in UTC (as PostgreSQL's VALID UNTIL 'date' does). */
    private static Instant instant(String key, String text) {
        try {
            if (text.contains("T")) return Instant.parse(text);
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConfigException(key + " must be an ISO instant (2030-01-31T00:00:00Z) or date (2030-01-31), "
                    + "was \"" + text + "\"", e);
        }
    }

    /**
     * Records name their keys from their own section ({@code pool.minIdle}); for a section nested elsewhere
     * ({@code databases.sales.pool}) this puts the real path in front.
     */
    private static <T> T at(ConfigNode node, String section, Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigException e) {
            String message = e.getMessage();
            if (node.path().equals(section) || !message.startsWith(section + ".")) throw e;
            throw new ConfigException(node.path() + message.substring(section.length()), e);
        }
    }
}
