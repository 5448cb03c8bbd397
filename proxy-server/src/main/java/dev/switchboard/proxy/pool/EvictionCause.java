package dev.switchboard.proxy.pool;

/** Why a pool left the registry; a metrics tag ({@code switchboard_pool_evictions_total{cause}}). */
public enum EvictionCause {
    /** {@code registry.maxPools} reached: the least recently used pool made room for a new one. */
    SIZE,
    /** No lease for {@code registry.idlePoolTimeout}. */
    IDLE,
    /** An operator asked ({@code sbctl evict}), or the registry is closing. */
    EXPLICIT,
    /** The database's configuration changed, so its pool is replaced. */
    CONFIG
}
