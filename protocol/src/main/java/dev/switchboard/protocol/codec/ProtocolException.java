package dev.switchboard.protocol.codec;

/** Bytes that do not form a valid v1 frame. Maps to SQLSTATE {@code 08P01}; the receiver closes the connection. */
public final class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
