package dev.switchboard.protocol.message;

import java.util.Objects;

/**
 * Changes a session setting. Answered by {@link Ok}, or by {@link Switched} for {@link Option#DATABASE}.
 * Values are text: {@code true}/{@code false}, an isolation level number ({@link java.sql.Connection}), a name.
 */
public record SetOption(Option option, String value) implements ClientMessage {
    public enum Option { AUTOCOMMIT, READ_ONLY, ISOLATION, DATABASE, SCHEMA, NETWORK_TIMEOUT_MILLIS }

    public SetOption {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
    }
}
