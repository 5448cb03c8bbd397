package dev.switchboard.proxy.exec;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live sessions of this proxy: ids and cancel keys, lookup for CANCEL, and the list the admin API shows.
 * Thread-safe.
 */
public final class Sessions {
    private final AtomicLong nextId = new AtomicLong(1);
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Session> live = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final Map<Long, ClientLink> clients = new ConcurrentHashMap<>();
    private volatile boolean refusingNew;              // the proxy drains: no session may start any more

    /** What {@link #tryAdd} made of a new session. */
    public enum Admission { ADMITTED, USER_LIMIT, DRAINING }

    public long nextId() {
        return nextId.getAndIncrement();
    }

    public long newCancelKey() {
        return random.nextLong();
    }

    /**
     * Registers {@code s} unless its user already has {@code maxForUser} sessions ({@code users.NAME.
     * maxClientConnections}; 0 = no limit) or the proxy drains ({@link #refuseNew}). Atomic per user: concurrent
     * logins cannot overshoot; and a login racing with the drain either is refused or gets its GOAWAY.
     *
     * @param client the session's client connection, for {@link #kill} and {@link #drainAll}
     */
    public Admission tryAdd(Session s, int maxForUser, ClientLink client) {
        if (refusingNew) return Admission.DRAINING;
        var count = perUser.computeIfAbsent(s.principal().name(), u -> new AtomicInteger());
        if (count.incrementAndGet() > maxForUser && maxForUser > 0) {
            count.decrementAndGet();
            return Admission.USER_LIMIT;
        }
        clients.put(s.id(), client);
        live.put(s.id(), s);
        // The drain sets its flag, then lists the clients; we listed ours, then read the flag: whichever runs second
        // sees the other, so either this login backs out or its client is told GOAWAY.
        if (refusingNew) {
            remove(s);
            return Admission.DRAINING;
        }
        return Admission.ADMITTED;
    }

    public void remove(Session s) {
        if (live.remove(s.id(), s)) {
            clients.remove(s.id());
            perUser.computeIfPresent(s.principal().name(), (u, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /** Sessions of {@code user} now open. */
    public int countFor(String user) {
        AtomicInteger n = perUser.get(user);
        return n == null ? 0 : n.get();
    }

    public Optional<Session> find(long sessionId) {
        return Optional.ofNullable(live.get(sessionId));
    }

    /**
     * Closes the client connection of session {@code sessionId} ({@code sbctl kill}): its statement is cancelled, its
     * transaction rolled back, and the client's next call fails with a connection error (class 08). Does not block.
     * False when there is no such session.
     */
    public boolean kill(long sessionId) {
        ClientLink client = clients.get(sessionId);
        if (client == null) return false;
        client.close();
        return true;
    }

    /** From now on, {@link #tryAdd} refuses every session: the proxy drains. Does not block. */
    public void refuseNew() {
        refusingNew = true;
    }

    /**
     * The proxy drains (SPEC §4.6): refuses new sessions ({@link #refuseNew}), tells every client GOAWAY, and closes
     * at once the sessions that are between transactions; the others end after the request that leaves them so
     * ({@link DrainGate}). Does not block.
     */
    public Drain drainAll(String reason) {
        refuseNew();
        int told = 0;
        int closed = 0;
        for (Session s : live.values()) {
            ClientLink c = clients.get(s.id());
            if (c == null) continue;                    // ended meanwhile
            c.goAway(reason);
            told++;
            if (s.drainGate().closeIfIdle()) {
                c.close();
                closed++;
            }
        }
        return new Drain(told, closed);
    }

    /** What {@link #drainAll} did: clients told GOAWAY, and how many of them were closed at once (idle). */
    public record Drain(int told, int closedIdle) {
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
