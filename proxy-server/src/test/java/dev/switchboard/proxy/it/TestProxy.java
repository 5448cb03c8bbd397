package dev.switchboard.proxy.it;

import dev.switchboard.protocol.scram.ScramVerifier;
import dev.switchboard.proxy.Switchboard;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * An in-process proxy on free ports (wire protocol and admin API), built from YAML pieces written to a config file
 * in a temporary directory, so reloads and admin edits work as in production.
 */
final class TestProxy implements AutoCloseable {
    private final Switchboard proxy;
    private final Path configFile;
    private final Map<String, String> env;
    private final Path ownedDir;                 // deleted on close; null when the test owns the directory

    private TestProxy(Switchboard proxy, Path configFile, Map<String, String> env, Path ownedDir) {
        this.proxy = proxy;
        this.configFile = configFile;
        this.env = env;
        this.ownedDir = ownedDir;
    }

    static Builder builder() {
        return new Builder();
    }

    /** A proxy started from {@code file} as it is now (a restart), with the same environment as {@code like}. */
    static TestProxy fromFile(Path file, TestProxy like, Runnable exit) throws InterruptedException {
        return start(file, like.env, exit, null);
    }

    private static TestProxy start(Path file, Map<String, String> env, Runnable exit, Path ownedDir)
            throws InterruptedException {
        ServerConfig config = ConfigLoader.load(file, env::get);
        return new TestProxy(Switchboard.start(config, new Switchboard.Options(Optional.of(file), env::get, exit)),
                file, env, ownedDir);
    }

    Switchboard server() {
        return proxy;
    }

    int port() {
        return proxy.port();
    }

    Path configFile() {
        return configFile;
    }

    /** {@code http://127.0.0.1:<admin port>} + {@code path}. */
    URI admin(String path) {
        return URI.create("http://127.0.0.1:" + proxy.adminAddress().getPort() + path);
    }

    String url(String database) {
        return "jdbc:switchboard://127.0.0.1:" + port() + "/" + database;
    }

    Connection connect(String user, String password, String database) throws SQLException {
        var props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(url(database), props);
    }

    @Override
    public void close() {
        proxy.close();
        if (ownedDir != null) deleteQuietly(ownedDir);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans up eventually
        }
    }

    static final class Builder {
        private final StringBuilder databases = new StringBuilder();
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> env = new HashMap<>();
        private String registry = "";
        private String extraSections = "";
        private String server = "";
        private String adminToken;
        private Runnable exit = () -> { };
        private Path dir;

        Builder database(Backend backend, String name) {
            return database(backend, name, "");
        }

        /** {@code extra}: more keys of the database entry, e.g. {@code , poolMode: session}. */
        Builder database(Backend backend, String name, String extra) {
            databases.append(backend.databaseYaml(name, extra));
            env.putAll(backend.env());
            return this;
        }

        Builder rawDatabase(String yamlLine) {
            databases.append("  ").append(yamlLine).append('\n');
            return this;
        }

        /** A user with a fresh verifier for {@code password}, allowed {@code databases} (first one is the default). */
        Builder user(String name, String password, List<String> databases) {
            return user(name, password, databases, "");
        }

        /** {@code extra}: more keys of the user entry, e.g. {@code , maxClientConnections: 2}. */
        Builder user(String name, String password, List<String> databases, String extra) {
            String verifier = ScramVerifier.create(password.toCharArray()).format();
            users.put(name, "{ password: \"" + verifier + "\", databases: [" + String.join(", ", databases.stream()
                    .map(d -> "\"" + d + "\"").toList()) + "]" + (databases.isEmpty() || databases.getFirst()
                    .contains("{") ? "" : ", default: \"" + databases.getFirst() + "\"") + extra + " }");
            return this;
        }

        Builder env(java.util.Map<String, String> more) {
            env.putAll(more);
            return this;
        }

        /** Whole top-level sections, e.g. {@code catalog: { … }\n}. */
        Builder section(String yaml) {
            this.extraSections += yaml;
            return this;
        }

        Builder registry(String yamlFlowMap) {
            this.registry = "registry: " + yamlFlowMap + "\n";
            return this;
        }

        Builder server(String yamlKeys) {
            this.server = yamlKeys;
            return this;
        }

        /** Turns the admin API's {@code /api} on with this token (read through {@code ${env:…}}, as in production). */
        Builder adminToken(String token) {
            this.adminToken = token;
            env.put("SB_IT_ADMIN_TOKEN", token);
            return this;
        }

        /** What runs after a shutdown through the admin API has drained (instead of exiting the JVM). */
        Builder onExit(Runnable exit) {
            this.exit = exit;
            return this;
        }

        /** Where the config file goes (default: a new temporary directory). */
        Builder directory(Path dir) {
            this.dir = dir;
            return this;
        }

        String yaml() {
            var y = new StringBuilder();
            y.append("server: { listen: \"127.0.0.1:0\"").append(server.isEmpty() ? "" : ", " + server).append(" }\n");
            // Port 0 always: a fixed admin port would clash between tests and with other proxies on the machine.
            y.append("admin: { listen: \"127.0.0.1:0\"")
                    .append(adminToken == null ? "" : ", token: \"${env:SB_IT_ADMIN_TOKEN}\"").append(" }\n");
            y.append(registry);
            y.append(extraSections);
            y.append("databases:\n").append(databases);
            y.append("users:\n");
            users.forEach((n, u) -> y.append("  ").append(n).append(": ").append(u).append('\n'));
            return y.toString();
        }

        ServerConfig config() {
            return ConfigLoader.parse(yaml(), env::get, Path.of("."));
        }

        TestProxy start() throws InterruptedException {
            try {
                Path owned = dir != null ? null : Files.createTempDirectory("switchboard-it-");
                Path file = (dir != null ? dir : owned).resolve("switchboard.yml");
                Files.writeString(file, yaml());
                return TestProxy.start(file, Map.copyOf(env), exit, owned);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
