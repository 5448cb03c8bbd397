package dev.switchboard.admin;

import java.util.List;
import java.util.Map;

/**
 * What one server answered to one command, ready for {@link Output}: {@code rows} for the table, {@code json} for
 * {@code --output json} (usually the same objects), and {@code notes}, lines printed under the table.
 */
record Reply(List<Map<String, Object>> rows, List<Map<String, Object>> json, List<String> notes) {
    Reply {
        rows = List.copyOf(rows);
        json = List.copyOf(json);
        notes = List.copyOf(notes);
    }

    /** The same rows in the table and in JSON; no notes. */
    static Reply of(List<Map<String, Object>> rows) {
        return new Reply(rows, rows, List.of());
    }

    /** One object answered (evict, stats…): one row. */
    static Reply of(Map<String, Object> row) {
        return of(List.of(row));
    }

    /** A command's work against one server; returns what to print. */
    @FunctionalInterface
    interface Call {
        Reply on(AdminClient client) throws AdminException, InterruptedException;
    }
}
