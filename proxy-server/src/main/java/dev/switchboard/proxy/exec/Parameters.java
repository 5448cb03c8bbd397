package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.types.Value;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Binds wire values to a backend PreparedStatement. */
final class Parameters {
    private Parameters() {
    }

    static void bind(PreparedStatement ps, List<Value> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            int p = i + 1;
            switch (params.get(i)) {
                case Value.Null n -> ps.setNull(p, n.jdbcType() == 0 ? Types.NULL : n.jdbcType());
                case Value.Bool b -> ps.setBoolean(p, b.value());
                case Value.Int32 v -> ps.setInt(p, v.value());
                case Value.Int64 v -> ps.setLong(p, v.value());
                case Value.Float32 v -> ps.setFloat(p, v.value());
                case Value.Float64 v -> ps.setDouble(p, v.value());
                case Value.Decimal v -> ps.setBigDecimal(p, v.value());
                case Value.Text v -> ps.setString(p, v.value());
                case Value.Bytes v -> ps.setBytes(p, v.unsafeBytes());
                case Value.Date v -> ps.setObject(p, v.value());
                case Value.Time v -> ps.setObject(p, v.value());
                case Value.Timestamp v -> ps.setObject(p, v.value());
                case Value.TimestampTz v -> ps.setObject(p, v.value());
            }
        }
    }
}
