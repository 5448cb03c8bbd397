package dev.switchboard.protocol.message;

import dev.switchboard.protocol.frame.ProtocolVersion;

import java.util.Objects;

/**
 * Login succeeded. Carries what the driver needs for the rest of the session.
 *
 * @param cancelKey        secret that a {@link Cancel} for this session must present
 * @param database         the database the session is now on
 * @param scramServerFinal SCRAM server-final-message, so the client can check it talked to the real server
 */
public record Ready(ProtocolVersion version, long sessionId, long cancelKey, String database, String productName,
                    String productVersion, String serverVersion, String scramServerFinal) implements ServerMessage {
    public Ready {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(productVersion, "productVersion");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(scramServerFinal, "scramServerFinal");
    }

    @Override
    public String toString() {
        return "Ready[sessionId=" + sessionId + ", database=" + database + ", product=" + productName + " "
                + productVersion + "]";
    }
}
