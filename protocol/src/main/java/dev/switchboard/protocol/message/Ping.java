package dev.switchboard.protocol.message;

/** Liveness check of the proxy session ({@code Connection.isValid}). Answered by {@link Ok}. */
public enum Ping implements ClientMessage {
    INSTANCE
}
