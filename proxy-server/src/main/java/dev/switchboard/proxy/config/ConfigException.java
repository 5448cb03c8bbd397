package dev.switchboard.proxy.config;

/** A config value that cannot be used. The message names the key (e.g. {@code pool.maxPoolSize}) and the problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
