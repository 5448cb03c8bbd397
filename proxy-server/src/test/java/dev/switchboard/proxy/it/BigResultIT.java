package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000,000-row result (~100 MB) streams through a proxy process whose heap is 96 MB: results are pulled in
 * batches, so proxy memory per session stays bounded whatever the result size. Runs the real jar in its own JVM.
 */
@Timeout(300)
class BigResultIT {
    private static final Path JAR = Path.of("target", "switchboard-proxy-all.jar");
    private Process proxy;

    @AfterEach
    void stop() throws InterruptedException {
        if (proxy != null) {
            proxy.destroy();
            if (!proxy.waitFor(30, TimeUnit.SECONDS)) proxy.destroyForcibly();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"POSTGRES", "MARIADB"})
    void millionRowsStreamThroughA96MbProxy(Backend backend) throws Exception {
        backend.require();
        assertThat(JAR).as("the shaded jar (built in the package phase)").exists();
        int port = freePort();
        var config = TestProxy.builder().database(backend, "big").user("app", "big-secret", List.of("big"));
        Path file = Files.createTempFile("switchboard-bigresult", ".yml");
        Files.writeString(file, config.yaml().replace("server: { listen: \"127.0.0.1:0\"",
                "server: { listen: \"127.0.0.1:" + port + "\""));         // the admin port stays 0: any free one
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-jar", JAR.toString(), "--config", file.toString()).redirectErrorStream(true);
        pb.environment().putAll(backend.env());
        proxy = pb.start();
        waitUntilListening(proxy);

        String sql = switch (backend) {
            case POSTGRES -> "SELECT n, repeat('x', 90) FROM generate_series(1, 1000000) n";
            case MARIADB -> "SELECT seq, REPEAT('x', 90) FROM seq_1_to_1000000";
            case H2 -> throw new AssertionError("not used");
        };
        var props = new Properties();
        props.setProperty("user", "app");
        props.setProperty("password", "big-secret");
        String url = "jdbc:switchboard://127.0.0.1:" + port + "/big";
        long rows = 0;
        long sum = 0;
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows++;
                sum += rs.getLong(1);
                assertThat(rs.getString(2)).hasSize(90);
            }
        }
        assertThat(rows).isEqualTo(1_000_000);
        assertThat(sum).isEqualTo(500_000_500_000L);
        assertThat(proxy.isAlive()).as("proxy survived").isTrue();
        try (Connection c = DriverManager.getConnection(url, props)) {
            assertThat(TestDb.rows(c, "SELECT 1")).containsExactly(List.of(1));
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Reads the proxy's log until it says it listens (and keeps draining it so the process never blocks). */
    private static void waitUntilListening(Process p) throws Exception {
        var listening = new CompletableFuture<Void>();
        var log = new StringBuilder();
        Thread.ofPlatform().daemon().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("listening on")) listening.complete(null);
                }
            } catch (IOException ignored) {
                // process ended
            }
            listening.completeExceptionally(new AssertionError("proxy exited before listening:\n" + log));
        });
        listening.get(60, TimeUnit.SECONDS);
    }
}
