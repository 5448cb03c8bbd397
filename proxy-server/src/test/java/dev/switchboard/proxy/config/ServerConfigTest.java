package dev.switchboard.proxy.config;

import static dev.switchboard.proxy.config.TestConfigs.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Templates, users' database lists and the cross-checks between them. */
class ServerConfigTest {
    private static final String DBS = """
            databases:
              sales:   { jdbcUrl: "jdbc:h2:mem:sales" }
              support: { jdbcUrl: "jdbc:h2:mem:support" }
              tenant_vip: { jdbcUrl: "jdbc:h2:mem:vip" }
              "tenant_{name}": { jdbcUrl: "jdbc:postgresql://db/tenant_{name}", username: "u_{name}" }
              "{name}_archive": { jdbcUrl: "jdbc:postgresql://archive/{name}" }
            """;

    private static ServerConfig withUsers(String users) {
        return TestConfigs.parse(DBS + "users:\n" + users.replace("%V", verifier("x")));
    }

    @Test
    void templateMakesConcreteDatabases() {
        ServerConfig config = withUsers("");

        DatabaseConfig db = config.database("tenant_042").orElseThrow();
        assertThat(db.name()).isEqualTo("tenant_042");
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db/tenant_042");
        assertThat(db.username()).isEqualTo("u_042");
        assertThat(config.database("acme_archive")).map(DatabaseConfig::jdbcUrl)
                .contains("jdbc:postgresql://archive/acme");
    }

    @Test
    void aConfiguredDatabaseWinsOverATemplate() {
        assertThat(withUsers("").database("tenant_vip")).map(DatabaseConfig::jdbcUrl).contains("jdbc:h2:mem:vip");
    }

    @Test
    void templatesMatchOnlySafeNonEmptyParts() {
        ServerConfig config = withUsers("");

        assertThat(config.database("tenant_")).isEmpty();
        assertThat(config.database("tenant_{name}")).isEmpty();
        assertThat(config.database("tenant_x?socketFactory=evil")).isEmpty();
        assertThat(config.database("tenant_a/b")).isEmpty();
        assertThat(config.database("tenant_a b")).isEmpty();
        assertThat(config.database("elsewhere")).isEmpty();
        assertThat(config.database("tenant_A-z_9")).isPresent();
    }

    @Test
    void userPlaceholderIsTheUsersOwnName() {
        UserConfig acme = withUsers("  acme: { password: \"%V\", databases: [\"tenant_{user}\"] }\n")
                .users().get("acme");

        assertThat(acme.resolvedDatabases()).containsExactly("tenant_acme");
        assertThat(acme.defaultDatabaseName()).contains("tenant_acme");
        assertThat(acme.mayUse("tenant_acme")).isTrue();
        assertThat(acme.mayUse("tenant_other")).isFalse();
        assertThat(acme.mayUse("tenant_{user}")).isFalse();
    }

    @Test
    void aTemplatesOwnNameGrantsEveryDatabaseItMakes() {
        UserConfig ops = withUsers("  ops: { password: \"%V\", databases: [\"tenant_{name}\", sales] }\n")
                .users().get("ops");

        assertThat(ops.mayUse("tenant_1")).isTrue();
        assertThat(ops.mayUse("tenant_vip")).isTrue();
        assertThat(ops.mayUse("tenant_x?y")).isFalse();
        assertThat(ops.mayUse("support")).isFalse();
        assertThat(ops.defaultDatabaseName()).contains("sales");
    }

    @Test
    void namesMadeByATemplateMayBeListed() {
        UserConfig bob = withUsers("""
                  bob: { password: "%V", databases: [tenant_042, tenant_043], default: tenant_043 }
                """).users().get("bob");

        assertThat(bob.mayUse("tenant_042")).isTrue();
        assertThat(bob.mayUse("tenant_044")).isFalse();
        assertThat(bob.defaultDatabaseName()).contains("tenant_043");
    }

    @Test
    void defaultIsTheOnlyConcreteEntryOrNone() {
        ServerConfig config = withUsers("""
                  one:  { password: "%V", databases: [sales] }
                  two:  { password: "%V", databases: [sales, support] }
                  both: { password: "%V", databases: [sales, support], default: support }
                  tmpl: { password: "%V", databases: ["tenant_{name}"] }
                """);

        assertThat(config.users().get("one").defaultDatabaseName()).contains("sales");
        assertThat(config.users().get("two").defaultDatabaseName()).isEmpty();
        assertThat(config.users().get("both").defaultDatabaseName()).contains("support");
        assertThat(config.users().get("tmpl").defaultDatabaseName()).isEmpty();
    }

    @Test
    void defaultMayUseTheUserPlaceholder() {
        UserConfig acme = withUsers("  acme: { password: \"%V\", databases: [sales, \"tenant_{user}\"], "
                + "default: \"tenant_{user}\" }\n").users().get("acme");

        assertThat(acme.defaultDatabaseName()).contains("tenant_acme");
    }

    @Test
    void userToStringHidesTheVerifier() {
        String v = verifier("secret");
        var user = new UserConfig("alice", v, List.of("sales"), Optional.empty(), Optional.empty(), 0);

        assertThat(user.toString()).contains("alice", "verifier=******").doesNotContain(v.substring(14));
    }

    @Test
    void mapKeysMustMatchNames() {
        var db = new DatabaseConfig("sales", "jdbc:h2:mem:s", "", new Secret(""), PoolSettings.DEFAULTS,
                Optional.empty(), false);
        var databases = new LinkedHashMap<String, DatabaseConfig>();
        databases.put("other", db);

        assertThatThrownBy(() -> new ServerConfig(ServerSettings.DEFAULTS, AdminSettings.DEFAULTS,
                RegistrySettings.DEFAULTS, PoolSettings.DEFAULTS, databases, Map.of(), Optional.empty()))
                .hasMessage("databases.other: entry is named sales");
    }

    @Test
    void mapsAreCopied() {
        var databases = new LinkedHashMap<String, DatabaseConfig>();
        var config = new ServerConfig(ServerSettings.DEFAULTS, AdminSettings.DEFAULTS, RegistrySettings.DEFAULTS,
                PoolSettings.DEFAULTS, databases, Map.of(), Optional.empty());
        databases.put("late", new DatabaseConfig("late", "jdbc:h2:mem:l", "", new Secret(""), PoolSettings.DEFAULTS,
                Optional.empty(), false));

        assertThat(config.databases()).isEmpty();
    }
}
