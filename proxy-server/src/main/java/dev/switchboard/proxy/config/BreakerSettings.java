package dev.switchboard.proxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The per-database circuit breaker ({@code registry.breaker}).
 *
 * @param failures    connection failures in a row that open the breaker
 * @param cooldown    how long an open breaker fails new work at once before one request probes the backend
 * @param maxCooldown the cool-down doubles after each failed probe, up to this
 */
public record BreakerSettings(int failures, Duration cooldown, Duration maxCooldown) {
    public static final BreakerSettings DEFAULTS = new BreakerSettings(5, Duration.ofSeconds(2), Duration.ofSeconds(30));

    public BreakerSettings {
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(maxCooldown, "maxCooldown");
        if (failures < 1) throw new ConfigException("registry.breaker.failures must be >= 1, was " + failures);
        if (cooldown.isNegative() || cooldown.isZero()) {
            throw new ConfigException("registry.breaker.cooldown must be > 0, was " + cooldown);
        }
        if (maxCooldown.compareTo(cooldown) < 0) {
            throw new ConfigException("registry.breaker.maxCooldown must be >= registry.breaker.cooldown ("
                    + cooldown + "), was " + maxCooldown);
        }
    }
}
