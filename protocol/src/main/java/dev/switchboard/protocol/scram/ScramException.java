package dev.switchboard.protocol.scram;

/**
 * A SCRAM exchange cannot go on: a peer's message is malformed, breaks RFC 5802 (channel binding, nonce, iteration
 * count), or the server's signature or error shows that the server does not know the password. A wrong client proof
 * is not an exception: {@link ScramServer#verifyClientFinal} returns {@code false}.
 *
 * <p>Checked on purpose: it is caused by network input, not by a bug, and both sides must answer it, the server with
 * SQLSTATE {@code 28000} (the same answer as a wrong password), the driver by failing the connect. The message is
 * meant for logs; it never contains a password, key, proof or the peer's message text.
 */
public final class ScramException extends Exception {
    public ScramException(String message) {
        super(message);
    }
}
