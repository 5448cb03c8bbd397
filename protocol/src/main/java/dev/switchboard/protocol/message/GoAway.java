package dev.switchboard.protocol.message;

import java.util.Objects;

/** This server is draining: finish what you are doing, then reconnect (to another replica) for new work. */
public record GoAway(String reason) implements ServerMessage {
    public GoAway {
        Objects.requireNonNull(reason, "reason");
    }
}
