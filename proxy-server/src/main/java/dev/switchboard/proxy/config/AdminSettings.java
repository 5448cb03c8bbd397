package dev.switchboard.proxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The admin HTTP API: the config's {@code admin} section.
 *
 * <p>Every {@code /api} call needs the bearer token; with no token configured the admin package must refuse
 * them all (it never treats "no token" as "no check"). Listening beyond loopback without a token is refused here.
 *
 * @param host  {@code admin.listen} host; 127.0.0.1 unless configured
 * @param port  {@code admin.listen} port; 0 lets the OS choose (tests)
 * @param token {@code admin.token}, usually {@code ${env:SWITCHBOARD_ADMIN_TOKEN}}; never blank when present
 */
public record AdminSettings(String host, int port, Optional<Secret> token) {
    public static final AdminSettings DEFAULTS = new AdminSettings("127.0.0.1", 7433, Optional.empty());

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        ListenAddress.check("admin.listen", host, port);
        if (token.isPresent() && token.get().value().isBlank()) {
            throw new ConfigException("admin.token must not be empty");
        }
        if (token.isEmpty() && !ListenAddress.isLoopback(host)) {
            throw new ConfigException("admin.token is required when admin.listen is not a loopback address, was "
                    + ListenAddress.format(host, port));
        }
    }

    /** {@code host:port}, IPv6 hosts in brackets: for logs. */
    public String listen() {
        return ListenAddress.format(host, port);
    }
}
