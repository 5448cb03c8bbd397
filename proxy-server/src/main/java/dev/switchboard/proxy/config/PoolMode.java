package dev.switchboard.proxy.config;

/** How long a client session holds a backend connection. */
public enum PoolMode {
    /** Held for one transaction, one autocommit statement, or one open cursor; many clients share few connections. */
    TRANSACTION,
    /** Held from the first statement until the client session ends. */
    SESSION;

    public static PoolMode parse(String key, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "transaction" -> TRANSACTION;
            case "session" -> SESSION;
            default -> throw new ConfigException(key + " must be transaction or session, was " + value);
        };
    }
}
