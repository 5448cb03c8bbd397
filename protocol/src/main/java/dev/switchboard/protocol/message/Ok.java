package dev.switchboard.protocol.message;

/** Done, nothing to report: the answer to Transact, SetOption, CloseCursor and Ping. */
public enum Ok implements ServerMessage {
    INSTANCE
}
