package dev.switchboard.protocol.message;

import java.util.Objects;

/** The SCRAM client-final-message (RFC 5802 §5.1), in answer to {@link AuthChallenge}. */
public record Auth(String scramClientFinal) implements ClientMessage {
    public Auth {
        Objects.requireNonNull(scramClientFinal, "scramClientFinal");
    }

    @Override
    public String toString() {
        return "Auth[…]";   // holds a proof: not for logs
    }
}
