package dev.switchboard.protocol.message;

import java.util.List;

/** Update counts of a batch, one per statement or parameter set ({@code -2}: success, count unknown). */
public record BatchResult(List<Long> updateCounts) implements ServerMessage {
    public BatchResult {
        updateCounts = List.copyOf(updateCounts);
    }
}
