package dev.switchboard.protocol.message;

import dev.switchboard.protocol.types.Value;

import java.util.List;
import java.util.Objects;

/**
 * A JDBC batch. Either one prepared statement run once per parameter set ({@code statements} has one entry,
 * {@code paramSets} at least one), or plain statements run in order ({@code paramSets} empty). Answered by
 * {@link BatchResult} or {@link ServerError}.
 */
public record ExecuteBatch(List<String> statements, List<List<Value>> paramSets, int timeoutSeconds)
        implements ClientMessage {
    public ExecuteBatch {
        statements = List.copyOf(statements);
        paramSets = paramSets.stream().map(List::copyOf).toList();
        if (statements.isEmpty()) throw new IllegalArgumentException("a batch needs at least one statement");
        if (!paramSets.isEmpty() && statements.size() != 1) {
            throw new IllegalArgumentException("a prepared batch has exactly one statement, had " + statements.size());
        }
        if (timeoutSeconds < 0) throw new IllegalArgumentException("timeoutSeconds must be >= 0");
        statements.forEach(s -> Objects.requireNonNull(s, "statement"));
    }

    public boolean isPrepared() {
        return !paramSets.isEmpty();
    }
}
