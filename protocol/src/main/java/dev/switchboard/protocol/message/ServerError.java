package dev.switchboard.protocol.message;

import java.util.Objects;

/**
 * The request failed. The backend's SQLSTATE, vendor code and message pass through; Switchboard's own failures use
 * {@link dev.switchboard.protocol.types.SqlStates}. Never carries stack traces, URLs or credentials.
 */
public record ServerError(String sqlState, int vendorCode, String message) implements ServerMessage {
    public ServerError {
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
        if (sqlState.length() != 5) throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
    }
}
