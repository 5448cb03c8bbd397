package dev.switchboard.proxy.it;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The real databases integration tests run against. H2 is always there; PostgreSQL and MariaDB come from
 * {@code SWITCHBOARD_TEST_POSTGRES_URL} / {@code SWITCHBOARD_TEST_MARIADB_URL} (with {@code _USER} and
 * {@code _PASSWORD}); when unset the tests that need them are skipped, or fail when
 * {@code SWITCHBOARD_TEST_REQUIRE_BACKENDS=true} (as in CI).
 */
enum Backend {
    H2("H2", "jdbc:h2:mem:sb_it;DB_CLOSE_DELAY=-1", "sa", ""),
    POSTGRES("PostgreSQL", env("SWITCHBOARD_TEST_POSTGRES_URL", null), env("SWITCHBOARD_TEST_POSTGRES_USER", "switchboard"),
            env("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "switchboard")),
    MARIADB("MariaDB", env("SWITCHBOARD_TEST_MARIADB_URL", null), env("SWITCHBOARD_TEST_MARIADB_USER", "switchboard"),
            env("SWITCHBOARD_TEST_MARIADB_PASSWORD", "switchboard"));

    final String productName;
    final String jdbcUrl;
    final String user;
    final String password;

    Backend(String productName, String jdbcUrl, String user, String password) {
        this.productName = productName;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("SWITCHBOARD_TEST_REQUIRE_BACKENDS"));
    }

    /** Skips the calling test when this backend is not configured, or fails it when backends are required. */
    Backend require() {
        if (jdbcUrl == null) {
            String var = "SWITCHBOARD_TEST_" + name() + "_URL";
            if (required()) throw new AssertionError(var + " is not set but SWITCHBOARD_TEST_REQUIRE_BACKENDS=true");
            Assumptions.abort(var + " is not set");
        }
        return this;
    }

    /** A direct JDBC connection, bypassing Switchboard: the reference the proxy is compared with. */
    Connection direct() throws SQLException {
        return DriverManager.getConnection(require().jdbcUrl, user, password);
    }

    /** Env entries a proxy config can reference as {@code ${env:…}} for this backend's password. */
    String passwordEnvName() {
        return "SB_IT_" + name() + "_PASSWORD";
    }

    Map<String, String> env() {
        return Map.of(passwordEnvName(), password);
    }

    /** The config entry for a proxy database pointing at this backend. */
    String databaseYaml(String name, String extra) {
        return "  " + name + ": { jdbcUrl: \"" + require().jdbcUrl + "\", username: \"" + user + "\", password: \""
                + (password.isEmpty() ? "" : "${env:" + passwordEnvName() + "}") + "\"" + extra + " }\n";
    }
}
