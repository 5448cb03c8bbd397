package dev.switchboard.proxy.exec;

/**
 * Lets a draining proxy end a session between transactions without racing its requests (DESIGN: "finish
 * transactions in flight up to the drain timeout, then close"). The thread serving the session brackets each request
 * with {@link #begin} and {@link #end}; the drain calls {@link #closeIfIdle} from its own thread. Whichever comes
 * second sees the other: a session the drain finds idle takes no further request (a request already on its way is
 * answered 57P01, not run), and one that is busy ends after the request that leaves it between transactions.
 *
 * <p>Thread-safe; two uncontended monitor entries per request.
 */
public final class DrainGate {
    private boolean running;                // a request is between begin and end
    private boolean idle = true;            // no transaction, cursor or deferred work as of the last end
    private boolean draining;
    private boolean shut;                   // takes no more requests

    /** Before a request: false once the drain has shut the session (answer 57P01 instead, then end it). */
    public synchronized boolean begin() {
        if (shut) return false;
        running = true;
        return true;
    }

    /**
     * After a request, once its reply has left and its deferred work has run.
     *
     * @param idleNow the session holds no transaction, no cursor and no deferred work
     * @return true when the proxy drains and the session should end now
     */
    public synchronized boolean end(boolean idleNow) {
        running = false;
        idle = idleNow;
        if (draining && idleNow) shut = true;
        return shut;
    }

    /**
     * The proxy drains. True when the session is idle now: it takes no more requests, and the caller closes its
     * connection. Otherwise the session ends by itself after the request that leaves it idle ({@link #end}).
     */
    public synchronized boolean closeIfIdle() {
        draining = true;
        if (!running && idle) shut = true;
        return shut;
    }
}
