package dev.switchboard.proxy.exec;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live sessions of this proxy: ids and cancel keys, lookup for CANCEL, and the list the admin API shows.
 * Thread-safe.
 */
public final class Sessions {
    private final AtomicLong nextId = new AtomicLong(1);
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Session> live = new ConcurrentHashMap<>();

    public long nextId() {
        return nextId.getAndIncrement();
    }

    public long newCancelKey() {
        return random.nextLong();
    }

    public void add(Session s) {
        live.put(s.id(), s);
    }

    public void remove(Session s) {
        live.remove(s.id(), s);
    }

    /** The session with this id, only if {@code cancelKey} is its key. */
    public Optional<Session> forCancel(long sessionId, long cancelKey) {
        Session s = live.get(sessionId);
        return s != null && s.cancelKey() == cancelKey ? Optional.of(s) : Optional.empty();
    }

    public Collection<Session> all() {
        return List.copyOf(live.values());
    }

    public int size() {
        return live.size();
    }
}
