package dev.switchboard.proxy.exec;

/** What the proxy can do to a session's client connection from any thread, without blocking. */
public interface ClientLink {
    /** Closes the connection; the session then ends as when the client leaves. */
    void close();

    /** Sends GOAWAY: the server is draining, the client should move new work to a new connection (SPEC §4.6). */
    void goAway(String reason);
}
