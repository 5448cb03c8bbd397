package dev.switchboard.proxy.routing;

import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.PoolMode;
import dev.switchboard.proxy.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    private static final String V = "SCRAM-SHA-256$4096:LzPyB4DKTPF9VaB56I9Jrg==$yCWzBdUI7bZzhNmeoQX3bExwqZXlKfcu304rPsRbZ5g="
            + ":cyRPD0vHCzqsEGKUI09h/V/XCeXgJtBxh3pWdsoP6Hg=";
    private final ServerConfig config = ConfigLoader.parse("""
            server: { poolMode: transaction }
            databases:
              sales: { jdbcUrl: "jdbc:h2:mem:sales" }
              support: { jdbcUrl: "jdbc:h2:mem:support", poolMode: session }
              "tenant_{name}": { jdbcUrl: "jdbc:h2:mem:t_{name}" }
            users:
              alice: { password: "%1$s", databases: [sales] }
              bob: { password: "%1$s", databases: [support, sales], default: support }
              acme: { password: "%1$s", databases: ["tenant_{user}"] }
              ops: { password: "%1$s", databases: ["tenant_{name}"] }
            """.formatted(V), name -> null, Path.of("."));
    private final Router router = new Router(config);

    @Test
    void defaultDatabaseWhenNoneRequested() {
        assertThat(router.route(config.users().get("alice"), "")).map(Route::database).contains("sales");
        assertThat(router.route(config.users().get("bob"), "")).map(Route::database).contains("support");
    }

    @Test
    void onlyListedDatabases() {
        assertThat(router.route(config.users().get("alice"), "support")).isEmpty();
        assertThat(router.route(config.users().get("alice"), "nowhere")).isEmpty();
        assertThat(router.route(config.users().get("bob"), "sales")).isPresent();
    }

    @Test
    void userTemplateResolvesToTheUsersOwnTenant() {
        var route = router.route(config.users().get("acme"), "").orElseThrow();
        assertThat(route.database()).isEqualTo("tenant_acme");
        assertThat(route.config().jdbcUrl()).isEqualTo("jdbc:h2:mem:t_acme");
        assertThat(router.route(config.users().get("acme"), "tenant_other")).isEmpty();
    }

    @Test
    void templateGrantReachesAnyTenantButNoUrlTricks() {
        var ops = config.users().get("ops");
        assertThat(router.route(ops, "tenant_42")).map(r -> r.config().jdbcUrl()).contains("jdbc:h2:mem:t_42");
        assertThat(router.route(ops, "tenant_x;INIT=RUNSCRIPT FROM 'evil'")).isEmpty();
        assertThat(router.route(ops, "")).as("a template is no default").isEmpty();
    }

    @Test
    void poolModeComesFromTheDatabaseOrTheServer() {
        assertThat(router.route(config.users().get("bob"), "support")).map(Route::poolMode).contains(PoolMode.SESSION);
        assertThat(router.route(config.users().get("bob"), "sales")).map(Route::poolMode).contains(PoolMode.TRANSACTION);
    }
}
