package dev.switchboard.proxy.control;

import dev.switchboard.protocol.scram.ScramVerifier;
import dev.switchboard.proxy.config.ConfigException;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a reload would change, and which running settings it keeps. */
class ConfigDiffTest {
    private static final String VERIFIER = ScramVerifier.create("pw".toCharArray()).format();

    private static ServerConfig parse(String databases, String users, String extra) {
        return ConfigLoader.parse("server: { listen: \"127.0.0.1:7000\" }\n" + extra + "databases:\n" + databases
                + "users:\n" + users, name -> null, Path.of("."));
    }

    private static String user(String name, String dbs) {
        return "  " + name + ": { password: \"" + VERIFIER + "\", databases: [" + dbs + "] }\n";
    }

    @Test
    void listsDatabasesAndUsersAddedRemovedAndChanged() {
        var running = parse("  a: { jdbcUrl: \"jdbc:h2:mem:a\" }\n  b: { jdbcUrl: \"jdbc:h2:mem:b\" }\n",
                user("u", "a") + user("v", "b"), "");
        var file = parse("  a: { jdbcUrl: \"jdbc:h2:mem:a2\" }\n  c: { jdbcUrl: \"jdbc:h2:mem:c\" }\n",
                user("u", "a, c") + user("w", "c"), "");
        var diff = ConfigDiff.between(running, file, List.of());
        assertThat(diff.databasesAdded()).containsExactly("c");
        assertThat(diff.databasesRemoved()).containsExactly("b");
        assertThat(diff.databasesChanged()).containsExactly("a");
        assertThat(diff.usersAdded()).containsExactly("w");
        assertThat(diff.usersRemoved()).containsExactly("v");
        assertThat(diff.usersChanged()).containsExactly("u");
        assertThat(diff.poolsReplaced()).as("no pool is resident").isEmpty();
        assertThat(diff.isEmpty()).isFalse();
        assertThat(ConfigDiff.between(running, running, List.of()).isEmpty()).isTrue();
    }

    @Test
    void restartOnlySettingsKeepTheirRunningValues() {
        var running = parse("  a: { jdbcUrl: \"jdbc:h2:mem:a\" }\n", user("u", "a"), "");
        var file = ConfigLoader.parse("server: { listen: \"127.0.0.1:7100\", maxClientConnections: 5, "
                + "loginTimeout: 3s, dedicatedThreads: false }\nregistry: { maxPools: 2 }\n"
                + "databases:\n  a: { jdbcUrl: \"jdbc:h2:mem:a\" }\n"
                + "users:\n" + user("u", "a"), name -> null, Path.of("."));
        var diff = ConfigDiff.between(running, file, List.of());
        assertThat(diff.restartRequired())
                .containsExactly("server.listen", "server.maxClientConnections", "server.dedicatedThreads",
                        "registry.maxPools");
        assertThat(diff.settingsChanged()).containsExactly("server.loginTimeout");
        var effective = ConfigDiff.effective(running, file);
        assertThat(effective.server().port()).isEqualTo(7000);
        assertThat(effective.server().maxClientConnections()).isEqualTo(running.server().maxClientConnections());
        assertThat(effective.server().dedicatedThreads()).isTrue();
        assertThat(effective.server().loginTimeout().toSeconds()).isEqualTo(3);
        assertThat(effective.registry()).isEqualTo(running.registry());
    }

    @Test
    void removingTheTokenOfANonLoopbackAdminPortIsRefused() {
        var running = parse("  a: { jdbcUrl: \"jdbc:h2:mem:a\" }\n", user("u", "a"),
                "admin: { listen: \"0.0.0.0:7433\", token: \"t0ken\" }\n");
        var file = parse("  a: { jdbcUrl: \"jdbc:h2:mem:a\" }\n", user("u", "a"), "");
        assertThatThrownBy(() -> ConfigDiff.between(running, file, List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.token");
    }
}
