/**
 * The running configuration and how it changes without a restart: {@link dev.switchboard.proxy.control.LiveConfig}
 * (the snapshot handshakes and sessions read), {@link dev.switchboard.proxy.control.Reloader} (staged reload: diff,
 * then an atomic swap) and {@link dev.switchboard.proxy.control.ConfigEditor} (durable edits of users and databases).
 *
 * <p>Depends on {@code config}, {@code auth}, {@code routing} and {@code pool} (to retire replaced pools); never on
 * {@code net}, {@code exec}, {@code admin} or Netty. Reads and writes the config file, so its blocking calls run on
 * virtual threads, never on an event loop.
 */
package dev.switchboard.proxy.control;
