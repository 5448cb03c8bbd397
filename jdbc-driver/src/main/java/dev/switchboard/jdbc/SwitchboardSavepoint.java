package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint. Unnamed ones get an id and the wire name {@code sb_sp_<id>}; named ones keep the user's name.
 * As JDBC requires, asking an unnamed savepoint for its name, or a named one for its id, is an error.
 */
final class SwitchboardSavepoint implements Savepoint {
    private final int id;          // 0 for a named savepoint
    private final String name;     // null for an unnamed one
    private final SwitchboardConnection owner;

    private SwitchboardSavepoint(int id, String name, SwitchboardConnection owner) {
        this.id = id;
        this.name = name;
        this.owner = owner;
    }

    static SwitchboardSavepoint unnamed(int id, SwitchboardConnection owner) {
        return new SwitchboardSavepoint(id, null, owner);
    }

    static SwitchboardSavepoint named(String name, SwitchboardConnection owner) {
        return new SwitchboardSavepoint(0, name, owner);
    }

    /** The name sent to the server. */
    String wireName() {
        return name != null ? name : "sb_sp_" + id;
    }

    boolean belongsTo(SwitchboardConnection c) {
        return owner == c;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) throw SqlExceptions.of(SqlExceptions.GENERAL_ERROR, "a named savepoint has no id");
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) throw SqlExceptions.of(SqlExceptions.GENERAL_ERROR, "an unnamed savepoint has no name");
        return name;
    }

    @Override
    public String toString() {
        return "Savepoint[" + wireName() + "]";
    }
}
