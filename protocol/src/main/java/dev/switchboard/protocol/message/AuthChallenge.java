package dev.switchboard.protocol.message;

import java.util.Objects;

/** The SCRAM server-first-message (RFC 5802 §5.1): nonce, salt, iterations. */
public record AuthChallenge(String scramServerFirst) implements ServerMessage {
    public AuthChallenge {
        Objects.requireNonNull(scramServerFirst, "scramServerFirst");
    }
}
