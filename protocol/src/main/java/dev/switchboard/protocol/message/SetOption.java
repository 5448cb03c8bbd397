package dev.switchboard.protocol.message;

import java.util.Objects;

/**
 * Changes a session setting. Answered by {@link Ok}, or by {@link Switched} for {@link Option#DATABASE}.
 * Values are text: {@code true}/{@code false}, an isolation level number ({@link java.sql.Connection}), a name.
 * Autocommit, read-only and isolation survive a database switch; the schema does not (it names a schema of the old
 * database) and returns to the new database's default.
 */
public record SetOption(Option option, String value) implements ClientMessage {
    /** Wire codes are the ordinals: append only. */
    public enum Option { AUTOCOMMIT, READ_ONLY, ISOLATION, DATABASE, SCHEMA }

    public SetOption {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
    }
}
