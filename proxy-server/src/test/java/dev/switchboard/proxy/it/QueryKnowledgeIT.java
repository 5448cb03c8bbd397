package dev.switchboard.proxy.it;

import dev.switchboard.jdbc.internal.Reply;
import dev.switchboard.jdbc.internal.WireClient;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.AuthChallenge;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.scram.ScramClient;
import dev.switchboard.protocol.types.Column;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the proxy learns about PostgreSQL queries (exec.QueryKnowledge). Autocommit queries known to answer in one
 * batch run without the implicit transaction, and pgjdbc reads their result whole: when such a result grows, no row
 * is lost; past pgjdbc's {@code maxResultBuffer} the query fails once with 54000, then streams. Column details kept
 * across connections still follow a change of the column's type at once.
 */
class QueryKnowledgeIT {
    private static final String PASSWORD = "small-secret";
    private static final int FETCH = 10;
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        Backend pg = Backend.POSTGRES.require();
        String sep = pg.jdbcUrl.contains("?") ? "&" : "?";
        // pgtight: a 4,000-byte buffer, far below what a 200-row result of 100-character rows needs, but enough for
        // a streamed batch of 10 such rows. Its socketTimeout times every backend read (BackendSocket's selector path).
        proxy = TestProxy.builder().database(pg, "pg")
                .rawDatabase("pgtight: { jdbcUrl: \"" + pg.jdbcUrl + sep + "maxResultBuffer=4000&socketTimeout=30\","
                        + " username: \""
                        + pg.user + "\", password: \"${env:" + pg.passwordEnvName() + "}\" }")
                .user("app", PASSWORD, List.of("pg", "pgtight")).start();
        try (Connection c = pg.direct(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS small_results_it");
            st.execute("CREATE TABLE small_results_it (id int PRIMARY KEY, pad text)");
            st.execute("DROP TABLE IF EXISTS tight_results_it");
            st.execute("CREATE TABLE tight_results_it (id int PRIMARY KEY, pad text)");
            st.execute("INSERT INTO small_results_it VALUES (1, 'a')");
            st.execute("DROP TABLE IF EXISTS known_columns_it");
            st.execute("CREATE TABLE known_columns_it (id serial PRIMARY KEY, v int NOT NULL, note text)");
            st.execute("INSERT INTO known_columns_it (v, note) VALUES (7, 'n')");
            st.execute("INSERT INTO tight_results_it VALUES (1, repeat('x', 100))");
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    private static List<List<Object>> query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH);
            return TestDb.rows(st.executeQuery(sql));
        }
    }

    @Test
    void aSmallQueryThatGrowsStillAnswersEveryRowInOrder() throws Exception {
        String sql = "SELECT id FROM small_results_it ORDER BY id";
        try (Connection c = proxy.connect("app", PASSWORD, "pg")) {
            for (int i = 0; i < 3; i++) assertThat(query(c, sql)).containsExactly(List.of(1));
            try (Connection direct = Backend.POSTGRES.direct(); Statement st = direct.createStatement()) {
                st.execute("INSERT INTO small_results_it SELECT n, 'b' FROM generate_series(2, 95) n");
            }
            List<List<Object>> expected = java.util.stream.IntStream.rangeClosed(1, 95)
                    .mapToObj(n -> List.<Object>of(n)).toList();
            assertThat(query(c, sql)).as("answered from the buffer, over several batches").isEqualTo(expected);
            assertThat(query(c, sql)).as("streamed").isEqualTo(expected);
        }
    }

    @Test
    void aSmallQueryThatOutgrowsTheBufferFailsOnceWith54000ThenStreams() throws Exception {
        String sql = "SELECT id, pad FROM tight_results_it ORDER BY id";
        try (Connection c = proxy.connect("app", PASSWORD, "pgtight")) {
            assertThat(query(c, sql)).hasSize(1);
            assertThat(query(c, sql)).hasSize(1);
            try (Connection direct = Backend.POSTGRES.direct(); Statement st = direct.createStatement()) {
                st.execute("INSERT INTO tight_results_it SELECT n, repeat('x', 100) FROM generate_series(2, 200) n");
            }
            // Only a query run without the implicit transaction reads its whole result at once: this failure shows
            // the learned fast path was taken.
            assertThatThrownBy(() -> query(c, sql)).isInstanceOfSatisfying(SQLException.class,
                    e -> {
                        assertThat(e.getSQLState()).isEqualTo("54000");
                        assertThat(e.getMessage()).contains("maxResultBuffer");
                    });
            List<List<Object>> rows = query(c, sql);
            assertThat(rows).as("streamed in batches of 10 rows, each within the buffer").hasSize(200);
            assertThat(rows.getLast()).containsExactly(200, "x".repeat(100));
            assertThat(query(c, "SELECT id FROM tight_results_it WHERE id = 7")).containsExactly(List.of(7));
        }
    }

    @Test
    void maxRowsWithinOneBatchNeedsNoTransaction() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "pgtight"); Statement st = c.createStatement()) {
            st.setFetchSize(FETCH);
            st.setMaxRows(5);
            // Never learned, but bounded by maxRows: it runs buffered, and 5 rows fit the 4,000-byte buffer.
            assertThat(TestDb.rows(st.executeQuery("SELECT n FROM generate_series(1, 100000) n")))
                    .containsExactly(List.of(1), List.of(2), List.of(3), List.of(4), List.of(5));
        }
    }

    @Test
    void columnDetailsAreLookedUpOnlyWhenTheApplicationReadsThem() throws Exception {
        String sql = "SELECT id, v AS value, note FROM known_columns_it WHERE id > ?";
        var known = proxy.server().knowledge().columns();
        try (Connection c = proxy.connect("app", PASSWORD, "pg");
             var ps = c.prepareStatement(sql)) {
            ps.setInt(1, 0);
            try (var rs = ps.executeQuery()) {
                var md = rs.getMetaData();
                // What the header carries needs no catalog query: label, type, base type name.
                assertThat(md.getColumnLabel(2)).isEqualTo("value");
                assertThat(md.getColumnTypeName(3)).isEqualTo("text");
                assertThat(rs.next()).isTrue();
                assertThat(known.knows("pg", sql)).as("nobody asked for details yet").isFalse();
                // Asked while the result is open: one request for all columns, kept for the next run.
                assertThat(md.isNullable(2)).isEqualTo(java.sql.ResultSetMetaData.columnNoNulls);
                assertThat(known.knows("pg", sql)).isTrue();
                assertThat(md.getColumnTypeName(1)).isEqualTo("serial");
                assertThat(md.isAutoIncrement(1)).isTrue();
                assertThat(md.getTableName(3)).isEqualTo("known_columns_it");
                assertThat(rs.getInt(2)).isEqualTo(7);
            }
        }
    }

    @Test
    void columnsThatAreNotATablesComeWithTheDetailsPgjdbcGivesThem() throws Exception {
        String sql = "SELECT 1 AS one, count(*) AS n, now() AS t, 'x'::text AS s, id FROM known_columns_it GROUP BY id";
        var known = proxy.server().knowledge().columns();
        try (Connection c = proxy.connect("app", PASSWORD, "pg"); Connection direct = Backend.POSTGRES.direct();
             Statement st = c.createStatement(); var rs = st.executeQuery(sql);
             Statement dst = direct.createStatement(); var drs = dst.executeQuery(sql)) {
            var md = rs.getMetaData();
            var dmd = drs.getMetaData();
            for (int i = 1; i <= 4; i++) {
                assertThat(md.isNullable(i)).as("nullable %d", i).isEqualTo(dmd.isNullable(i));
                assertThat(md.isAutoIncrement(i)).as("auto-increment %d", i).isEqualTo(dmd.isAutoIncrement(i));
                assertThat(md.getTableName(i)).as("table %d", i).isEqualTo(dmd.getTableName(i));
                assertThat(md.getColumnTypeName(i)).as("type %d", i).isEqualTo(dmd.getColumnTypeName(i));
            }
            assertThat(known.knows("pg", sql)).as("the expressions needed no lookup; id still waits for one").isFalse();
            assertThat(md.getColumnTypeName(5)).isEqualTo(dmd.getColumnTypeName(5)).isEqualTo("serial");
            assertThat(known.knows("pg", sql)).isTrue();
        }
    }

    @Test
    void columnDetailsOfAResultStayOnItsDatabase() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "pg"); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT id FROM known_columns_it /* moved */")) {
            c.setCatalog("pgtight");
            assertThatThrownBy(() -> rs.getMetaData().isNullable(1))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("\"pg\"").hasMessageContaining("\"pgtight\"")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        }
    }

    @Test
    void aLongResultIsReadAheadAndGivesItsShareBackWhenClosed() throws Exception {
        String sql = "SELECT n, repeat('x', 50) FROM generate_series(1, 2000) n";
        try (Connection c = proxy.connect("app", PASSWORD, "pg"); Statement st = c.createStatement()) {
            st.setFetchSize(FETCH);
            try (var rs = st.executeQuery(sql)) {
                long sum = 0;
                for (int i = 0; i < 500; i++) {
                    assertThat(rs.next()).isTrue();
                    sum += rs.getInt(1);
                }
                assertThat(sum).isEqualTo(125_250);
                // The driver now pulls 8 × 10 rows at a time, and so does the proxy's fetch from PostgreSQL.
                assertThat(readAheadBytes("reserved")).isPositive();
                assertThat(readAheadBytes("budget")).isEqualTo(proxy.server().knowledge().readAhead().budget());
            }
            assertThat(readAheadBytes("reserved")).as("given back when the result closes").isZero();
            assertThat(query(c, sql).stream().mapToLong(r -> ((Number) r.getFirst()).longValue()).sum())
                    .as("every row, once, through the widened fetches").isEqualTo(2_001_000);
        }
    }

    /** {@code switchboard_readahead_bytes{state}} as the proxy's /metrics shows it. */
    private static double readAheadBytes(String state) {
        var line = java.util.regex.Pattern.compile("(?m)^switchboard_readahead_bytes\\{state=\"" + state
                + "\"} (\\S+)$").matcher(proxy.server().metrics().scrape());
        assertThat(line.find()).as("switchboard_readahead_bytes{state=%s} in /metrics", state).isTrue();
        return Double.parseDouble(line.group(1));
    }

    @Test
    void aProtocol10ClientGetsEveryColumnsDetailsInTheHeader() throws Exception {
        // Spoken by hand: the driver always says 1.1. A 1.0 client knows no DETAILS_LATER, so the server must send
        // table, nullability, auto-increment and "serial" at once, as pgjdbc reads them.
        try (var client = WireClient.connect("127.0.0.1", proxy.port(), Duration.ofSeconds(5))) {
            var scram = new ScramClient("app", PASSWORD.toCharArray());
            client.send(new Hello(new ProtocolVersion(1, 0), "QueryKnowledgeIT", "app", "pg", "",
                    scram.clientFirstMessage()));
            var challenge = (AuthChallenge) message(client);
            client.send(new Auth(scram.clientFinalMessage(challenge.scramServerFirst())));
            var ready = (Ready) message(client);
            scram.verifyServerFinal(ready.scramServerFinal());

            client.send(Execute.plain("SELECT id, v, note FROM known_columns_it", 10));
            var header = (ResultHeader) message(client);
            assertThat(header.columns()).allSatisfy(col -> {
                assertThat(col.flags() & Column.DETAILS_LATER).as("DETAILS_LATER on %s", col.label()).isZero();
                assertThat(col.table()).isEqualTo("known_columns_it");
            });
            assertThat(header.columns().getFirst().typeName()).isEqualTo("serial");
            assertThat(header.columns().getFirst().flags() & Column.AUTO_INCREMENT).isNotZero();
            assertThat(header.columns().get(1).nullable()).isEqualTo(java.sql.ResultSetMetaData.columnNoNulls);
        }
    }

    /** The next non-row frame of a conversation spoken by hand. */
    private static ServerMessage message(WireClient client) throws SQLException {
        while (true) {
            if (client.receive() instanceof Reply.Message(ServerMessage m)) {
                if (m instanceof ServerError e) throw new AssertionError("server error " + e);
                return m;
            }
        }
    }

    @Test
    void aLookupThatFailsInsideATransactionLeavesTheTransactionUsable() throws Exception {
        try (Connection c = proxy.connect("app", PASSWORD, "pg"); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TEMP TABLE gone_it (id int) ON COMMIT DROP");
            st.execute("INSERT INTO gone_it VALUES (1)");
            try (Statement reader = c.createStatement(); var rs = reader.executeQuery("SELECT id FROM gone_it")) {
                st.execute("DROP TABLE gone_it");
                // Push the result out of the session's last results: its details must be described afresh, and
                // the statement no longer prepares.
                for (int i = 0; i <= 32; i++) query(c, "SELECT id, " + i + " AS n FROM known_columns_it");
                assertThatThrownBy(() -> rs.getMetaData().isNullable(1)).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            }
            assertThat(query(c, "SELECT v FROM known_columns_it")).as("the transaction goes on").hasSize(1);
            c.commit();
        }
    }

    @Test
    void columnDetailsMatchDirectJdbcAndFollowATypeChange() throws Exception {
        String sql = "SELECT id, v, note FROM known_columns_it";
        try (Connection c = proxy.connect("app", PASSWORD, "pg"); Connection direct = Backend.POSTGRES.direct()) {
            for (int round = 0; round < 2; round++) {           // read from pgjdbc, then from what was kept
                try (Statement st = c.createStatement(); var rs = st.executeQuery(sql);
                     Statement dst = direct.createStatement(); var drs = dst.executeQuery(sql)) {
                    var md = rs.getMetaData();
                    var dmd = drs.getMetaData();
                    for (int i = 1; i <= 3; i++) {
                        assertThat(md.getColumnTypeName(i)).isEqualTo(dmd.getColumnTypeName(i));
                        assertThat(md.getTableName(i)).isEqualTo(dmd.getTableName(i)).isEqualTo("known_columns_it");
                        assertThat(md.isNullable(i)).as("nullable %d", i).isEqualTo(dmd.isNullable(i));
                        assertThat(md.isAutoIncrement(i)).as("auto-increment %d", i).isEqualTo(dmd.isAutoIncrement(i));
                    }
                    assertThat(md.isAutoIncrement(1)).isTrue();
                    assertThat(md.isNullable(2)).isEqualTo(java.sql.ResultSetMetaData.columnNoNulls);
                }
            }
            try (Statement st = direct.createStatement()) {
                st.execute("ALTER TABLE known_columns_it ALTER COLUMN v TYPE bigint");
            }
            try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
                assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("int8");
                rs.next();
                assertThat(rs.getObject(2)).isEqualTo(7L);
            }
        }
    }
}
