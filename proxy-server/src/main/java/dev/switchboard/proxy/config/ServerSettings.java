package dev.switchboard.proxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The wire-protocol front end: the config's {@code server} section.
 *
 * @param host                 {@code server.listen} host; 127.0.0.1 unless configured
 * @param port                 {@code server.listen} port; 0 lets the OS choose (tests)
 * @param poolMode             default pool mode of every database ({@code server.poolMode})
 * @param maxFrameBytes        largest frame a client may send, length field included
 * @param maxClientConnections client connections open at once, authenticated or not
 * @param loginTimeout         time from accept to a finished login; then the connection is closed
 * @param logConnections       one INFO line per session opened and closed (PgBouncer's log_connections and
 *                             log_disconnections); off for high connection churn
 * @param dedicatedThreads     a busy plaintext session gets a thread of its own that reads, runs and answers its
 *                             requests, instead of an event loop handing each request to a worker
 *                             ({@code dedicatedThreads}, BENCHMARKS.md); the event loops then use the JDK's NIO
 */
public record ServerSettings(String host, int port, PoolMode poolMode, int maxFrameBytes, int maxClientConnections,
                             Duration loginTimeout, boolean logConnections, boolean dedicatedThreads) {
    public static final int MIN_FRAME_BYTES = 1024;
    public static final int MAX_FRAME_BYTES = 1 << 30;
    public static final ServerSettings DEFAULTS =
            new ServerSettings("127.0.0.1", 7432, PoolMode.TRANSACTION, 16 << 20, 10_000, Duration.ofSeconds(10), true,
                    true);

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(poolMode, "poolMode");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        ListenAddress.check("server.listen", host, port);
        if (maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > MAX_FRAME_BYTES) {
            throw new ConfigException("server.maxFrameBytes must be in [" + MIN_FRAME_BYTES + ", " + MAX_FRAME_BYTES
                    + "] (1 KiB to 1 GiB), was " + maxFrameBytes);
        }
        if (maxClientConnections < 1) {
            throw new ConfigException("server.maxClientConnections must be >= 1, was " + maxClientConnections);
        }
        if (loginTimeout.isNegative() || loginTimeout.isZero()) {
            throw new ConfigException("server.loginTimeout must be > 0, was " + loginTimeout);
        }
    }

    /** {@code host:port}, IPv6 hosts in brackets: for logs. */
    public String listen() {
        return ListenAddress.format(host, port);
    }
}
