package dev.switchboard.protocol.message;

import java.util.Objects;

/**
 * Transaction control. A transaction begins implicitly with the first statement after autocommit is switched off.
 *
 * @param savepoint the savepoint's name for the savepoint operations, "" otherwise
 */
public record Transact(Op op, String savepoint) implements ClientMessage {
    public enum Op { COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO, RELEASE }

    public Transact {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(savepoint, "savepoint");
        boolean named = op == Op.SAVEPOINT || op == Op.ROLLBACK_TO || op == Op.RELEASE;
        if (named == savepoint.isEmpty()) {
            throw new IllegalArgumentException(op + (named ? " needs" : " takes no") + " savepoint name");
        }
    }

    public static Transact of(Op op) {
        return new Transact(op, "");
    }
}
