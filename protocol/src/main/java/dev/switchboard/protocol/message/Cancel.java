package dev.switchboard.protocol.message;

/**
 * Cancels the request now running in session {@code sessionId}. May be sent while a request is running; it gets
 * no answer of its own: the cancelled request answers with SQLSTATE 57014.
 */
public record Cancel(long sessionId, long cancelKey) implements ClientMessage {
    @Override
    public String toString() {
        return "Cancel[sessionId=" + sessionId + "]";
    }
}
