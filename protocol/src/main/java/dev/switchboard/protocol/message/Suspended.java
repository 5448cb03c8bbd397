package dev.switchboard.protocol.message;

/** The result has more rows; they wait in cursor {@code cursorId} for a {@link Fetch} or a {@link CloseCursor}. */
public record Suspended(int cursorId) implements ServerMessage {
}
