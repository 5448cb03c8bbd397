package dev.switchboard.protocol.message;

import dev.switchboard.protocol.frame.ProtocolVersion;

import java.util.Objects;

/**
 * Opens a session: who the client is, where it wants to go, and the first SCRAM message, so that login takes two
 * round trips.
 *
 * @param database        requested database; "" means the user's default
 * @param scramClientFirst SCRAM-SHA-256 client-first-message (RFC 5802 §5.1)
 */
public record Hello(ProtocolVersion version, String clientName, String user, String database,
                    String applicationName, String scramClientFirst) implements ClientMessage {
    public Hello {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(scramClientFirst, "scramClientFirst");
    }
}
