package dev.switchboard.proxy.it;

import dev.switchboard.protocol.scram.ScramVerifier;
import dev.switchboard.proxy.Switchboard;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** An in-process proxy on a free port, built from YAML pieces, for integration tests. */
final class TestProxy implements AutoCloseable {
    private final Switchboard proxy;

    private TestProxy(Switchboard proxy) {
        this.proxy = proxy;
    }

    static Builder builder() {
        return new Builder();
    }

    Switchboard server() {
        return proxy;
    }

    int port() {
        return proxy.port();
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
    }

    static final class Builder {
        private final StringBuilder databases = new StringBuilder();
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> env = new HashMap<>();
        private String registry = "";
        private String server = "";

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

        Builder registry(String yamlFlowMap) {
            this.registry = "registry: " + yamlFlowMap + "\n";
            return this;
        }

        Builder server(String yamlKeys) {
            this.server = yamlKeys;
            return this;
        }

        String yaml() {
            var y = new StringBuilder();
            y.append("server: { listen: \"127.0.0.1:0\"").append(server.isEmpty() ? "" : ", " + server).append(" }\n");
            y.append(registry);
            y.append("databases:\n").append(databases);
            y.append("users:\n");
            users.forEach((n, u) -> y.append("  ").append(n).append(": ").append(u).append('\n'));
            return y.toString();
        }

        ServerConfig config() {
            return ConfigLoader.parse(yaml(), env::get, Path.of("."));
        }

        TestProxy start() throws InterruptedException {
            return new TestProxy(Switchboard.start(config()));
        }
    }
}
