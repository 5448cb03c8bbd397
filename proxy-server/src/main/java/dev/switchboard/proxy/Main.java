package dev.switchboard.proxy;

import dev.switchboard.proxy.config.ConfigException;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.config.UserConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code switchboard [--config FILE]}: loads the config (default {@code config/demo.yml}, the embedded demo), starts
 * the proxy and runs until SIGTERM/SIGINT, then drains and exits. A bad config exits with status 2 and one line
 * naming the key.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final Path DEMO_CONFIG = Path.of("config", "demo.yml");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path configFile = DEMO_CONFIG;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) usage("--config needs a file");
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println("usage: switchboard [--config FILE]   (default: " + DEMO_CONFIG + ")");
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (!Files.isRegularFile(configFile)) {
            System.err.println("switchboard: config file " + configFile + " not found");
            System.exit(2);
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println("switchboard: bad config " + configFile + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Switchboard proxy;
        try {
            proxy = Switchboard.start(config);
        } catch (RuntimeException e) {
            System.err.println("switchboard: cannot start: " + e);
            System.exit(1);
            return;
        }
        logHowToConnect(configFile, proxy);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down: draining for up to {}", config.registry().drainTimeout());
            proxy.shutdown(config.registry().drainTimeout());
            stopped.countDown();
        }, "sb-shutdown"));
        stopped.await();
    }

    private static void logHowToConnect(Path configFile, Switchboard proxy) {
        String host = proxy.address().getHostString();
        for (UserConfig u : proxy.config().users().values()) {
            log.info("connect: jdbc:switchboard://{}:{}/{}  user={}  (config {})", host, proxy.port(),
                    u.defaultDatabaseName().orElse("<database>"), u.name(), configFile);
        }
    }

    private static void usage(String problem) {
        System.err.println("switchboard: " + problem + "\nusage: switchboard [--config FILE]");
        System.exit(2);
    }
}
