package dev.switchboard.protocol.message;

import java.util.Objects;

/** A backend warning ({@link java.sql.SQLWarning}) attached to the request being answered. */
public record Warning(String sqlState, int vendorCode, String message) implements ServerMessage {
    public Warning {
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
    }
}
