package dev.switchboard.proxy;

import ch.qos.logback.classic.LoggerContext;
import dev.switchboard.proxy.config.ConfigException;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.config.UserConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code switchboard [--config FILE]}: loads the config (default {@code config/demo.yml}, the embedded demo), starts
 * the proxy and runs until SIGTERM/SIGINT, then drains and exits. A bad config or argument exits with status 2 and
 * one line naming the key; a failure to start (port taken) with status 1.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final Path DEMO_CONFIG = Path.of("config", "demo.yml");
    static final int BAD_CONFIG = 2;
    static final int CANNOT_START = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Optional<Loaded> config = Optional.empty();
        int status;
        try {
            config = load(args, System.out);
            status = 0;
        } catch (StartupException e) {
            System.err.println("switchboard: " + e.getMessage());
            status = e.status;
        }
        if (config.isEmpty()) {
            if (status != 0) System.exit(status);
            return;                                            // --help
        }
        Switchboard proxy;
        try {
            proxy = Switchboard.start(config.get().config(), new Switchboard.Options(
                    Optional.of(config.get().file()), System::getenv, () -> System.exit(0)));
        } catch (Exception e) {                         // a port in use is an IOException, checked, that Netty
            System.err.println(cannotStart(e, config.get().config()));   // rethrows undeclared
            System.exit(CANNOT_START);
            return;
        }
        logHowToConnect(proxy);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Duration drain = proxy.config().registry().drainTimeout();
            if (proxy.ready()) log.info("shutting down: draining for up to {}", drain);
            proxy.shutdown(drain);
            flushLogs();
            stopped.countDown();
        }, "sb-shutdown"));
        stopped.await();
    }

    /**
     * Stops logback, which writes out what its asynchronous appender still holds. Shutdown hooks run side by side,
     * so logback's own hook would stop logging while the drain still has lines to write; this runs after the drain.
     */
    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) context.stop();
    }

    /** One line for a start that failed: the cause, and the addresses (a bind error does not say which it was). */
    static String cannotStart(Exception e, ServerConfig config) {
        // An I/O failure's message says it (NIO's BindException, epoll's "bind(..) failed …: Address already in use")
        String why = e instanceof java.io.IOException && e.getMessage() != null ? e.getMessage() : e.toString();
        return "switchboard: cannot start: " + why + " (server.listen " + config.server().listen() + ", admin.listen "
                + config.admin().listen() + ")";
    }

    /** A loaded config and the file it came from. */
    record Loaded(ServerConfig config, Path file) {
    }

    /** Parses the arguments and loads the config; empty after {@code --help}. */
    static Optional<Loaded> load(String[] args, PrintStream out) throws StartupException {
        Path configFile = DEMO_CONFIG;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) throw new StartupException(BAD_CONFIG, "--config needs a file");
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    out.println("usage: switchboard [--config FILE]   (default: " + DEMO_CONFIG + ")");
                    return Optional.empty();
                }
                default -> throw new StartupException(BAD_CONFIG, "unknown argument " + args[i]
                        + "; usage: switchboard [--config FILE]");
            }
        }
        if (!Files.isRegularFile(configFile)) {
            throw new StartupException(BAD_CONFIG, "config file " + configFile + " not found");
        }
        try {
            return Optional.of(new Loaded(ConfigLoader.load(configFile), configFile));
        } catch (ConfigException e) {
            throw new StartupException(BAD_CONFIG, "bad config " + configFile + ": " + e.getMessage());
        }
    }

    private static void logHowToConnect(Switchboard proxy) {
        String host = proxy.address().getHostString();
        for (UserConfig u : proxy.config().users().values()) {
            log.info("connect: jdbc:switchboard://{}:{}/{}  user={}", host, proxy.port(),
                    u.defaultDatabaseName().orElse("<database>"), u.name());
        }
    }

    /** Start-up refused, with the process exit status to use. */
    static final class StartupException extends Exception {
        final int status;

        StartupException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
