package dev.switchboard.protocol.message;

/** The client is leaving. No answer; the server releases the session's backend resources and closes. */
public enum Terminate implements ClientMessage {
    INSTANCE
}
