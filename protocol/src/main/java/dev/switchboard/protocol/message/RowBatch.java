package dev.switchboard.protocol.message;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;

import java.util.List;

/**
 * Rows of the current result. The frame repeats the wire types of the columns so it decodes on its own; each row is
 * a null bitmap and the non-null values (SPEC.md §5.3). This record is the message model; the server encodes rows
 * straight from a ResultSet and the driver reads them in place, with the same bytes.
 */
public record RowBatch(List<SqlType> types, List<List<Value>> rows) implements ServerMessage {
    public RowBatch {
        types = List.copyOf(types);
        rows = rows.stream().map(List::copyOf).toList();
        if (types.size() > FrameLimits.MAX_COLUMNS) throw new IllegalArgumentException("too many columns");
        if (types.contains(SqlType.NULL)) throw new IllegalArgumentException("a column cannot have wire type NULL");
        for (List<Value> row : rows) {
            if (row.size() != types.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values for " + types.size() + " columns");
            }
            for (int i = 0; i < row.size(); i++) {
                SqlType t = row.get(i).type();
                if (t != SqlType.NULL && t != types.get(i)) {
                    throw new IllegalArgumentException("column " + i + " is " + types.get(i) + ", value is " + t);
                }
            }
        }
    }
}
