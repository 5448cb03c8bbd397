/**
 * The front end of the wire protocol: the Netty pipeline, framing, handshake and session handlers, and the dedicated
 * session threads a logged-in session may move to ({@code DedicatedSession}, {@code SessionThreads}). The only
 * package that sees a client's Channel or socket (the admin API runs its own HTTP pipeline in {@code admin}); it
 * never runs JDBC on an event loop. Reads the running config through {@code control.LiveConfig}, so logins follow
 * reloads.
 */
package dev.switchboard.proxy.net;
