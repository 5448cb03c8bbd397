package dev.switchboard.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process the bench started, listening on a TCP port, with its output in a log file. {@link #close()} stops
 * it (SIGTERM, then SIGKILL after a grace period) and is idempotent; a JVM shutdown hook calls it too, so a bench
 * killed with SIGTERM or Ctrl-C leaves nothing running.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread hook;
    private final Runnable afterStop;

    private ManagedProcess(String name, Process process, int port, Path log, Runnable afterStop) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.afterStop = afterStop;
        this.hook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code command} with {@code env} added, output to {@code log}, and waits until {@code port} on loopback accepts
     * connections. {@code afterStop} runs once the process is gone (to delete its generated files).
     */
    static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log,
                                int port, Duration startTimeout, Runnable afterStop) throws IOException {
        var pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        var mp = new ManagedProcess(name, p, port, log, afterStop);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            if (!p.isAlive()) {
                mp.close();
                throw new IOException(name + " exited with status " + p.exitValue() + " during start; log "
                        + log + ":\n" + mp.tail());
            }
            if (accepts(port)) return mp;
            if (System.nanoTime() > deadline) {
                mp.close();
                throw new IOException(name + " did not listen on port " + port + " within " + startTimeout
                        + "; log " + log + ":\n" + mp.tail());
            }
            sleep(100);
        }
    }

    private static boolean accepts(int port) {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Lines of the log that report an error no request answered for: an uncaught exception or an OutOfMemoryError.
     * A peer in that state may go on serving, so the bench looks for them rather than trusting its numbers.
     */
    public List<String> uncaughtErrors() {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("OutOfMemoryError") || l.startsWith("Exception in thread")).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** The last lines of the log, to explain a failure. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private synchronized void stop() {
        if (process.isAlive()) {
            process.destroy();                                // SIGTERM: both peers drain and exit on it
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (!process.isAlive()) afterStop.run();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself, or during shutdown: nothing to remove
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
