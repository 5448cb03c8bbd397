package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL character columns travel as pgjdbc's UTF-8 bytes, without a String in between (exec.ResultWriter):
 * every character type, multi-byte text, padding and NULL still read exactly as direct JDBC reads them.
 */
class PgTextIT {
    private static final String PASSWORD = "text-secret";
    private static final String SQL = "SELECT t, v, c, n, u, j FROM (VALUES "
            + "('héllo wörld ✓ 🎉'::text, 'ünïcode'::varchar(20), 'ab'::char(5), 'a_name'::name, "
            + "'6f1c8f5e-3a38-4a2b-9d43-1e9a1b2c3d4e'::uuid, '{\"k\": \"√\"}'::jsonb), "
            + "(''::text, NULL::varchar, NULL::char(5), NULL::name, NULL::uuid, NULL::jsonb)) AS x(t, v, c, n, u, j)";
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = TestProxy.builder().database(Backend.POSTGRES.require(), "pg").user("app", PASSWORD, List.of("pg"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    @Test
    void characterColumnsReadAsDirectJdbcReadsThem() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "pg"); Connection direct = Backend.POSTGRES.direct()) {
            for (int run = 0; run < 6; run++) {      // past pgjdbc's prepareThreshold: server-prepared runs too
                assertThat(strings(c)).isEqualTo(strings(direct));
            }
            assertThat(strings(c).getFirst()).startsWith("héllo wörld ✓ 🎉|ünïcode|ab   |a_name|6f1c8f5e");
        }
    }

    private static List<String> strings(Connection c) throws Exception {
        var rows = new ArrayList<String>();
        try (PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                var sb = new StringBuilder();
                for (int i = 1; i <= 6; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                rows.add(sb.toString());
            }
        }
        return rows;
    }
}
