package dev.switchboard.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void badConfigIsRefusedWithExitStatus2AndTheKeyNamed() throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "registry: { maxPools: 0 }\n");
        var e = catchThrowableOfType(Main.StartupException.class,
                () -> Main.load(new String[] {"--config", file.toString()}, System.out));
        assertThat(e.status).isEqualTo(2);
        assertThat(e.getMessage()).contains("registry.maxPools");
    }

    @Test
    void aPortInUseIsOneLineNamingTheAddresses() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            var config = dev.switchboard.proxy.config.ConfigLoader.parse("server: { listen: \"127.0.0.1:" + port
                    + "\" }\nadmin: { listen: \"127.0.0.1:0\" }\n"
                    + "databases: { d: { jdbcUrl: 'jdbc:h2:mem:main_bind' } }\n", name -> null, dir);
            // Netty rethrows the checked IOException undeclared (NIO's BindException, epoll's NativeIoException):
            // Main must not let it out as a stack trace.
            Exception e = catchThrowableOfType(Exception.class, () -> Switchboard.start(config));
            assertThat(e).isInstanceOf(java.io.IOException.class);
            assertThat(Main.cannotStart(e, config)).startsWith("switchboard: cannot start: ")
                    .contains("Address already in use").contains("server.listen 127.0.0.1:" + port)
                    .doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void missingConfigFileIsExitStatus2() {
        var e = catchThrowableOfType(Main.StartupException.class,
                () -> Main.load(new String[] {"--config", dir.resolve("nope.yml").toString()}, System.out));
        assertThat(e.status).isEqualTo(2);
        assertThat(e.getMessage()).contains("not found");
    }

    @Test
    void unknownArgumentIsExitStatus2() {
        var e = catchThrowableOfType(Main.StartupException.class,
                () -> Main.load(new String[] {"--frobnicate"}, System.out));
        assertThat(e.status).isEqualTo(2);
    }

    @Test
    void theDemoConfigLoads() throws Exception {
        Path demo = Path.of("..", "config", "demo.yml");
        var config = Main.load(new String[] {"--config", demo.toString()}, System.out).orElseThrow();
        assertThat(config.config().databases()).containsKeys("sales", "support");
        assertThat(config.config().users()).containsKeys("alice", "bob");
    }

    @Test
    void helpPrintsUsage() throws Exception {
        var out = new ByteArrayOutputStream();
        assertThat(Main.load(new String[] {"--help"}, new PrintStream(out, true))).isEmpty();
        assertThat(out.toString()).contains("usage: switchboard");
    }
}
