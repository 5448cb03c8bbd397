package dev.switchboard.proxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the pool registry.
 *
 * @param maxPools              pools kept open at once (LRU beyond it; keepWarm pools do not count)
 * @param maxBackendConnections physical backend connections across all pools
 * @param idlePoolTimeout       a pool with no lease for this long is retired
 * @param drainTimeout          how long a retired pool waits for its leases before it closes them
 * @param breaker               each database's circuit breaker
 */
public record RegistrySettings(int maxPools, int maxBackendConnections, Duration idlePoolTimeout,
                               Duration drainTimeout, BreakerSettings breaker) {
    public static final RegistrySettings DEFAULTS = new RegistrySettings(64, 200, Duration.ofMinutes(10),
            Duration.ofSeconds(30), BreakerSettings.DEFAULTS);

    /** With the default breaker. */
    public RegistrySettings(int maxPools, int maxBackendConnections, Duration idlePoolTimeout, Duration drainTimeout) {
        this(maxPools, maxBackendConnections, idlePoolTimeout, drainTimeout, BreakerSettings.DEFAULTS);
    }

    public RegistrySettings {
        Objects.requireNonNull(idlePoolTimeout, "idlePoolTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(breaker, "breaker");
        if (maxPools < 1) throw new ConfigException("registry.maxPools must be >= 1, was " + maxPools);
        if (maxBackendConnections < 1) {
            throw new ConfigException("registry.maxBackendConnections must be >= 1, was " + maxBackendConnections);
        }
        if (idlePoolTimeout.isNegative() || idlePoolTimeout.isZero()) {
            throw new ConfigException("registry.idlePoolTimeout must be > 0, was " + idlePoolTimeout);
        }
        if (drainTimeout.isNegative()) {
            throw new ConfigException("registry.drainTimeout must be >= 0, was " + drainTimeout);
        }
    }
}
