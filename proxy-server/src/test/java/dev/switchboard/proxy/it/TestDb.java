package dev.switchboard.proxy.it;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads whole results in a form that compares across drivers (java.sql time types → java.time, byte[] → list). */
final class TestDb {
    private TestDb() {
    }

    static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rows(rs);
        }
    }

    static List<List<Object>> rows(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        var rows = new ArrayList<List<Object>>();
        while (rs.next()) {
            var row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) row.add(normalize(rs.getObject(i)));
            rows.add(row);
        }
        return rows;
    }

    static Object normalize(Object o) {
        return switch (o) {
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Time t -> t.toLocalTime();
            case byte[] b -> Arrays.toString(b);
            case BigDecimal d -> d.stripTrailingZeros();
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case null, default -> o;
        };
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }
}
