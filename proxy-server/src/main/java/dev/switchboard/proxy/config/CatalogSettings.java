package dev.switchboard.proxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The optional catalog database that replicas share users and databases through: the config's {@code catalog}
 * section.
 *
 * @param username backend user; {@code ""} when the URL or driver supplies it
 * @param password backend password; {@code ""} when none
 * @param refresh  how long a read of the catalog is cached before it is read again
 */
public record CatalogSettings(String jdbcUrl, String username, Secret password, Duration refresh) {
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);
    public static final Duration MIN_REFRESH = Duration.ofSeconds(1);

    public CatalogSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(refresh, "refresh");
        if (!jdbcUrl.startsWith("jdbc:")) throw new ConfigException("catalog.jdbcUrl must start with jdbc:");
        if (refresh.compareTo(MIN_REFRESH) < 0) {
            throw new ConfigException("catalog.refresh must be >= 1s, was " + refresh);
        }
    }
}
