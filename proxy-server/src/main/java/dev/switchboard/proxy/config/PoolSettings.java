package dev.switchboard.proxy.config;

import java.time.Duration;
import java.util.Objects;

/** Backend pool settings of one database: the config's {@code pool} section, or a database's own override. */
public record PoolSettings(int maxPoolSize, int minIdle, Duration connectionTimeout) {
    public static final PoolSettings DEFAULTS = new PoolSettings(10, 0, Duration.ofSeconds(5));

    public PoolSettings {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (maxPoolSize < 1) throw new ConfigException("pool.maxPoolSize must be >= 1, was " + maxPoolSize);
        if (minIdle < 0 || minIdle > maxPoolSize) {
            throw new ConfigException("pool.minIdle must be in [0, maxPoolSize=" + maxPoolSize + "], was " + minIdle);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new ConfigException("pool.connectionTimeout must be >= 250ms, was " + connectionTimeout);
        }
    }
}
