package dev.switchboard.protocol.message;

/** Closes an open cursor early. Answered by {@link Ok}, also when the cursor was already closed. */
public record CloseCursor(int cursorId) implements ClientMessage {
}
