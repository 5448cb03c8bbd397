package dev.switchboard.proxy.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal names its key: one bad snippet per row, and the fragment its message must contain. */
class ConfigErrorsTest {
    private static final String DBS = """
            databases:
              sales: { jdbcUrl: "jdbc:h2:mem:sales" }
              "tenant_{name}": { jdbcUrl: "jdbc:h2:mem:tenant_{name}" }
            """;
    private static final String V = TestConfigs.verifier("v");

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                // top level
                bad("servers: {}", "unknown key servers (did you mean server?)"),
                bad("- server", "config must be a mapping of sections"),
                bad("just text", "config must be a mapping of sections"),
                bad("registry: [1, 2]", "registry must be a mapping, was a list"),
                // server
                bad("server: { listen: \"7432\" }",
                        "server.listen must be host:port, e.g. 127.0.0.1:7432, was \"7432\""),
                bad("server: { listen: 7432 }", "server.listen must be a string, was 7432"),
                bad("server: { listen: \"localhost:99999\" }", "server.listen: port must be in [0, 65535], was 99999"),
                bad("server: { listen: \"::1:7432\" }", "server.listen: write an IPv6 address in brackets"),
                bad("server: { listen: \":7432\" }", "server.listen: host must not be blank"),
                bad("server: { maxFrameBytes: 100 }", "server.maxFrameBytes must be in [1024, 1073741824]"),
                bad("server: { maxFrameBytes: 2147483647 }", "server.maxFrameBytes must be in [1024, 1073741824]"),
                bad("server: { maxClientConnections: 0 }", "server.maxClientConnections must be >= 1, was 0"),
                bad("server: { poolMode: statement }", "server.poolMode must be transaction or session, was statement"),
                bad("server: { loginTimeout: 10 }", "server.loginTimeout needs a unit (ms, s, m, h or d), e.g. 30s"),
                bad("server: { loginTimeout: 0s }", "server.loginTimeout must be > 0"),
                bad("server: { tls: { required: true } }", "server.tls is not supported yet"),
                bad("server: { lisen: x }", "unknown key server.lisen (did you mean server.listen?)"),
                // admin
                bad("admin: { listen: \"0.0.0.0:7433\" }",
                        "admin.token is required when admin.listen is not a loopback"),
                bad("admin: { token: \"\" }", "admin.token must not be empty"),
                bad("admin: { listen: \"127.0.0.1:7432\" }", "admin.listen must differ from server.listen"),
                bad("admin: { token: \"${env:NOPE}\" }", "admin.token: environment variable NOPE is not set"),
                bad("admin: { token: \"${env:}\" }", "admin.token: ${env:…} needs a variable name"),
                bad("admin: { token: \"${file:nope.txt}\" }", "admin.token: cannot read ${file:nope.txt}"),
                bad("admin: { token: \"${vault:x}\" }", "admin.token: \"${\" starts a reference, but not one of"),
                bad("admin: { token: \"${env:X\" }", "admin.token: \"${\" is not closed by \"}\""),
                // registry
                bad("registry: { maxPools: lots }", "registry.maxPools must be an integer, was \"lots\""),
                bad("registry: { maxPools: \"64\" }",
                        "registry.maxPools must be an integer, was \"64\" (remove the quotes)"),
                bad("registry: { maxPools: 1.5 }", "registry.maxPools must be an integer, was 1.5"),
                bad("registry: { maxPools: 99999999999 }", "registry.maxPools is out of range, was 99999999999"),
                bad("registry: { maxPools: }", "registry.maxPools has no value"),
                bad("registry: { maxPools: 0 }", "registry.maxPools must be >= 1, was 0"),
                bad("registry: { maxBackendConnections: 0 }", "registry.maxBackendConnections must be >= 1"),
                bad("registry: { breaker: { failures: 0 } }", "registry.breaker.failures must be >= 1, was 0"),
                bad("registry: { breaker: { cooldown: 5s, maxCooldown: 1s } }",
                        "registry.breaker.maxCooldown must be >= registry.breaker.cooldown"),
                bad("registry: { breaker: { failure: 3 } }",
                        "unknown key registry.breaker.failure (did you mean registry.breaker.failures?)"),
                bad("registry: { idlePoolTimeout: 10 }", "registry.idlePoolTimeout needs a unit"),
                bad("registry: { idlePoolTimeout: 0s }", "registry.idlePoolTimeout must be > 0"),
                bad("registry: { drainTimeout: 5 minutes }", "registry.drainTimeout must be a duration such as 250ms"),
                bad("registry: { drainTimeout: \"30\" }", "registry.drainTimeout needs a unit"),
                bad("registry: { drainTimeout: -5s }", "registry.drainTimeout must be a duration such as"),
                bad("registry: { drainTimeout: PT-5S }", "registry.drainTimeout must be >= 0"),
                bad("registry: { drainTimeout: PTxS }", "registry.drainTimeout is not an ISO-8601 duration"),
                bad("registry: { drainTimeout: 99999999999999999999d }",
                        "registry.drainTimeout is too long a duration"),
                bad("registry: { drainTimeout: true }",
                        "registry.drainTimeout must be a duration such as 5s, was true"),
                // pool
                bad("pool: { maxPoolSize: 0 }", "pool.maxPoolSize must be >= 1, was 0"),
                bad("pool: { minIdle: 20 }", "pool.minIdle must be in [0, maxPoolSize=10], was 20"),
                bad("pool: { connectionTimeout: 100ms }", "pool.connectionTimeout must be >= 250ms"),
                bad("pool: { maxPoolsize: 3 }", "unknown key pool.maxPoolsize (did you mean pool.maxPoolSize?)"),
                // databases
                bad("databases: { sales: { jdbcUrl: \"h2:mem\" } }", "databases.sales.jdbcUrl must start with jdbc:"),
                bad("databases: { sales: { username: sa } }", "databases.sales.jdbcUrl is required"),
                bad("databases: { sales: }", "databases.sales must be a mapping, was empty"),
                bad("databases: { 42: { jdbcUrl: \"jdbc:h2:mem:x\" } }", "databases: key 42 must be a string"),
                bad("databases: [sales]", "databases must be a mapping, was a list"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", pool: { maxPoolSize: 0 } } }",
                        "databases.s.pool.maxPoolSize must be >= 1, was 0"),
                bad("pool: { minIdle: 5 }\ndatabases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", pool: { maxPoolSize: 4 } } }",
                        "databases.s.pool.minIdle must be in [0, maxPoolSize=4], was 5"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", pool: { maxPoolSze: 3 } } }",
                        "unknown key databases.s.pool.maxPoolSze (did you mean databases.s.pool.maxPoolSize?)"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", pasword: \"\" } }",
                        "unknown key databases.s.pasword (did you mean databases.s.password?)"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", password: pw } }",
                        "databases.s.password must be a reference such as ${env:NAME} or ${file:PATH}"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", password: 1234 } }",
                        "databases.s.password must be a string (quote it)"),
                bad("databases: { s: { jdbcUrl: \"jdbc:postgresql://h/db?user=a&password=pw\" } }",
                        "databases.s.jdbcUrl must not hold a password; set databases.s.password"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", username: 42 } }",
                        "databases.s.username must be a string, was 42 (quote it)"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", keepWarm: yes } }",
                        "databases.s.keepWarm must be true or false, was \"yes\""),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:s\", poolMode: stmt } }",
                        "databases.s.poolMode must be transaction or session, was stmt"),
                bad("databases: { \"t_{name}\": { jdbcUrl: \"jdbc:h2:mem:x\", keepWarm: true } }",
                        "databases.t_{name}.keepWarm is not allowed on a template"),
                bad("databases: { \"t_{id}\": { jdbcUrl: \"jdbc:h2:mem:x\" } }",
                        "databases.t_{id}: a database name may contain {name} once and no other braces"),
                bad("databases: { \"{name}_{name}\": { jdbcUrl: \"jdbc:h2:mem:x\" } }",
                        "databases.{name}_{name}: a database name may contain {name} once"),
                bad("databases: { s: { jdbcUrl: \"jdbc:h2:mem:{name}\" } }",
                        "databases.s: {name} in jdbcUrl or username needs a template name"),
                // users
                bad(DBS + "users: { alice: { databases: [sales] } }", "users.alice.password is required"),
                bad(DBS + "users: { alice: { password: hunter2, databases: [sales] } }",
                        "users.alice.password must be a SCRAM-SHA-256 verifier"),
                bad(DBS + "users: { alice: { password: \"SCRAM-SHA-256$4096:abc\", databases: [sales] } }",
                        "users.alice.password is not a well-formed verifier"),
                bad(DBS + "users: { alice: { password: \"SCRAM-SHA-256$4096:c2FsdA==$AAAA:AAAA\", "
                                + "databases: [sales] } }",
                        "users.alice.password is not a well-formed verifier: StoredKey is not 32 bytes of base64"),
                bad(DBS + "users: { alice: { password: \"%V\" } }", "users.alice.databases is required"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [] } }",
                        "users.alice.databases must list at least one database"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: sales } }",
                        "users.alice.databases must be a list such as [a, b], was \"sales\""),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales, 42] } }",
                        "users.alice.databases[1] must be a string, was 42"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales, salez] } }",
                        "users.alice.databases[1]: no database or template matches \"salez\" "
                                + "(did you mean \"sales\"?)"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales, sales] } }",
                        "users.alice.databases[1]: \"sales\" is listed twice"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales, \"tenant_{id}\"] } }",
                        "users.alice.databases[1]: no database or template matches \"tenant_{id}\""),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [\"tenant_\"] } }",
                        "users.alice.databases[0]: no database or template matches \"tenant_\""),
                bad(DBS + "users: { \"a.b\": { password: \"%V\", databases: [\"tenant_{user}\"] } }",
                        "users.a.b.databases[0]: no database or template matches \"tenant_a.b\""),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales], default: support } }",
                        "users.alice.default \"support\" is not one of users.alice.databases"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [\"tenant_{name}\"], "
                                + "default: \"tenant_{name}\" } }",
                        "users.alice.default must name one database, not a template"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales], validUntil: tomorrow } }",
                        "users.alice.validUntil must be an ISO instant (2030-01-31T00:00:00Z) or date (2030-01-31)"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales], "
                                + "maxClientConnections: -1 } }",
                        "users.alice.maxClientConnections must be >= 0 (0: unlimited), was -1"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales], pasword: x } }",
                        "unknown key users.alice.pasword (did you mean users.alice.password?)"),
                bad(DBS + "users: { alice: { password: \"%V\", databases: [sales], defualt: sales } }",
                        "unknown key users.alice.defualt (did you mean users.alice.default?)"),
                bad(DBS + "users: { alice: [sales] }", "users.alice must be a mapping, was a list"),
                // catalog
                bad("catalog: { refresh: 30s }", "catalog.jdbcUrl is required"),
                bad("catalog:", "catalog.jdbcUrl is required"),
                bad("catalog: { jdbcUrl: \"postgresql://x\" }", "catalog.jdbcUrl must start with jdbc:"),
                bad("catalog: { jdbcUrl: \"jdbc:h2:mem:c\", refresh: 100ms }", "catalog.refresh must be >= 1s"),
                bad("catalog: { jdbcUrl: \"jdbc:h2:mem:c\", password: pw }", "catalog.password must be a reference"),
                bad("catalog: { jdbcUrl: \"jdbc:h2:mem:c\", refesh: 1s }",
                        "unknown key catalog.refesh (did you mean catalog.refresh?)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badConfigs")
    void refusedWithTheKeyNamed(String yaml, String fragment) {
        assertThatThrownBy(() -> TestConfigs.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(fragment);
    }

    private static Arguments bad(String yaml, String fragment) {
        return Arguments.of(yaml.replace("%V", V), fragment);
    }
}
