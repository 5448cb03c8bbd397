package dev.switchboard.proxy.control;

import dev.switchboard.protocol.scram.ScramVerifier;
import dev.switchboard.proxy.config.ConfigException;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.pool.PoolFactory;
import dev.switchboard.proxy.pool.PoolRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durable edits of the config file: the YAML survives a load/dump round trip, and a refused edit writes nothing. */
class ConfigEditorTest {
    private static final String VERIFIER = ScramVerifier.create("pw".toCharArray()).format();
    private static final Map<String, String> ENV = Map.of("PG_PASSWORD", "secret");
    private static final String YAML = """
            server: { listen: "127.0.0.1:0", poolMode: session, loginTimeout: 5s }
            admin: { listen: "127.0.0.1:0", token: "${env:PG_PASSWORD}" }
            registry: { maxPools: 3, drainTimeout: 1s }
            pool: { maxPoolSize: 4, connectionTimeout: 750ms }
            databases:
              sales: { jdbcUrl: "jdbc:h2:mem:editor;INIT=RUNSCRIPT FROM 'classpath:x.sql'", username: "123",
                       keepWarm: true }
              "tenant_{name}": { jdbcUrl: "jdbc:postgresql://h/tenant_{name}", username: "true",
                                 password: "${env:PG_PASSWORD}", pool: { maxPoolSize: 2 }, poolMode: transaction }
            users:
              alice: { password: "%s", databases: [sales, "tenant_{user}"], default: sales,
                       validUntil: "2030-01-31", maxClientConnections: 3 }
            """.formatted(VERIFIER);

    @TempDir
    Path dir;
    private final PoolFactory factory = new PoolFactory();
    private PoolRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) registry.close();
        factory.close();
    }

    @Test
    void dumpingTheTreeGivesTheSameConfig() {
        ServerConfig original = ConfigLoader.parse(YAML, ENV::get, dir);
        Map<String, Object> tree = tree(YAML);
        String dumped = ConfigEditor.dump(tree);
        assertThat(ConfigLoader.parse(dumped, ENV::get, dir)).isEqualTo(original);
        assertThat(dumped).contains("${env:PG_PASSWORD}").doesNotContain("secret");
    }

    @Test
    void addsReplacesAndRemovesAUserAndAppliesIt() throws Exception {
        Path file = write(YAML);
        var live = live(file);
        var editor = new ConfigEditor(reloader(live, file));
        var entry = new LinkedHashMap<String, Object>();
        entry.put("password", VERIFIER);
        entry.put("databases", List.of("sales"));

        assertThat(editor.putUser("bob", entry).created()).isTrue();
        assertThat(live.config().users()).containsKey("bob");
        assertThat(ConfigLoader.load(file, ENV::get).users()).containsKeys("alice", "bob");
        assertThat(editor.putUser("bob", entry).created()).isFalse();

        var removed = editor.removeUser("bob");
        assertThat(removed).isPresent();
        assertThat(removed.get().outcome().changes().usersRemoved()).containsExactly("bob");
        assertThat(live.config().users()).doesNotContainKey("bob");
        assertThat(editor.removeUser("bob")).isEmpty();
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void aRefusedEditWritesNothingAndAppliesNothing() throws Exception {
        Path file = write(YAML);
        var live = live(file);
        var editor = new ConfigEditor(reloader(live, file));
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> editor.putUser("eve", Map.of("password", "plaintext", "databases", List.of("sales"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("users.eve.password");
        assertThatThrownBy(() -> editor.removeDatabase("sales"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("users.alice");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(live.config().users()).containsOnlyKeys("alice");
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("switchboard.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private LiveConfig live(Path file) {
        ServerConfig config = ConfigLoader.load(file, ENV::get);
        registry = new PoolRegistry(config.registry(), factory, Runnable::run);
        return new LiveConfig(config, Clock.systemUTC());
    }

    private Reloader reloader(LiveConfig live, Path file) {
        return new Reloader(live, registry, Optional.of(file), ENV::get);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
                .loadFromString(yaml);
    }
}
