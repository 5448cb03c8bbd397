package dev.switchboard.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code capacity} distinct tenants touched most recently by any client thread of one cell; a touch of a tenant
 * not among them is <em>cold</em>. Equivalently: a touch is cold when the tenant was never touched in the cell, or
 * when at least {@code capacity} other distinct tenants were touched since its last touch (its LRU stack distance).
 * With {@code capacity} = the pools the bench lets a pooling target keep, that is exactly a miss of an LRU registry
 * of that size, and it depends on the request stream alone, so it means the same on every target, whether or not
 * that target has pools or which eviction policy it uses.
 *
 * <p>Shared by all threads of a cell, because the registries it models are shared: a tenant one thread just used is
 * warm for the next thread too. Thread-safe by one lock: a touch is a hash lookup and a relink, far below the
 * milliseconds of a tenant operation even with every client thread contending.
 */
final class RecentTenants {
    private final Map<Integer, Boolean> recent;

    RecentTenants(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        // Access order: get() moves a tenant to the young end, so the eldest entry is the least recently touched.
        this.recent = new LinkedHashMap<>(2 * capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records a touch of {@code tenant}; true if it is cold (was not among the most recent). */
    synchronized boolean touch(int tenant) {
        return recent.put(tenant, Boolean.TRUE) == null;
    }
}
