/**
 * The Netty front end of the wire protocol: pipeline, framing, handshake and session handlers. The only package that
 * sees a client's Channel (the admin API runs its own HTTP pipeline in {@code admin}); it never runs JDBC on an event
 * loop. Reads the running config through {@code control.LiveConfig}, so logins follow reloads.
 */
package dev.switchboard.proxy.net;
