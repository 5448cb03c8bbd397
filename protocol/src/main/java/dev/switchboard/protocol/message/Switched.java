package dev.switchboard.protocol.message;

import java.util.Objects;

/** The session moved to another database ({@code SetOption(DATABASE)}); names the backend it now talks to. */
public record Switched(String database, String productName, String productVersion) implements ServerMessage {
    public Switched {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(productVersion, "productVersion");
    }
}
