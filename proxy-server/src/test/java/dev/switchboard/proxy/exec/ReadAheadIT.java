package dev.switchboard.proxy.exec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgResultSet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ReadAhead} on real pgjdbc results: a cursor fetches as many rows per round trip as the client pulls, within
 * the shared budget and half the URL's {@code maxResultBuffer}, and the rows arrive complete either way. (Through the
 * proxy, {@code QueryKnowledgeIT} streams a result past a 4,000-byte {@code maxResultBuffer}.)
 */
class ReadAheadIT {
    private static final String URL = System.getenv("SWITCHBOARD_TEST_POSTGRES_URL");
    /** 1000 rows of an int and 100 characters: 7 + 2×4 + up to 4 digits + 100 = up to 119 wire bytes per row. */
    private static final String SQL = "SELECT n, repeat('x', 100) FROM generate_series(1, 1000) n";
    private static final int FETCH = 10;

    private Connection connection;
    private Statement statement;

    @BeforeEach
    void connect() throws SQLException {
        boolean required = Boolean.parseBoolean(System.getenv("SWITCHBOARD_TEST_REQUIRE_BACKENDS"));
        if (!required) assumeTrue(URL != null, "SWITCHBOARD_TEST_POSTGRES_URL is not set");
        assertThat(URL).as("SWITCHBOARD_TEST_POSTGRES_URL").isNotNull();
        connection = DriverManager.getConnection(URL, System.getenv("SWITCHBOARD_TEST_POSTGRES_USER"),
                System.getenv("SWITCHBOARD_TEST_POSTGRES_PASSWORD"));
        connection.setAutoCommit(false);             // pgjdbc streams only inside a transaction
        statement = connection.createStatement();
        statement.setFetchSize(FETCH);
    }

    @AfterEach
    void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void fetchesWhatTheClientPullsOnceRowsAreMeasured() throws SQLException {
        var readAhead = new ReadAhead(1 << 20);
        try (ResultSet rs = statement.executeQuery(SQL)) {
            var widening = readAhead.forCursor(rs, FETCH, URL);
            widening.beforeBatch(80);
            assertThat(widening.fetchRows()).as("no row measured yet").isEqualTo(FETCH);

            long sum = read(rs, widening, 20);
            widening.beforeBatch(80);
            assertThat(widening.fetchRows()).isEqualTo(80);
            assertThat(readAhead.reserved()).as("the 70 rows beyond the fetch size, counted")
                    .isEqualTo(70 * PgRows.heapBytes(2, 102));
            sum += read(rs, widening, 80);
            assertThat(rs.unwrap(PgResultSet.class).getLastUsedFetchSize()).as("pgjdbc's last round trip")
                    .isEqualTo(80);
            sum += read(rs, widening, Integer.MAX_VALUE);
            assertThat(sum).as("every row, once").isEqualTo(500_500);

            widening.close();
            assertThat(readAhead.reserved()).isZero();
        }
    }

    @Test
    void aSpentBudgetFetchesTheStatementsFetchSize() throws SQLException {
        var readAhead = new ReadAhead(0);
        try (ResultSet rs = statement.executeQuery(SQL)) {
            var widening = readAhead.forCursor(rs, FETCH, URL);
            long sum = read(rs, widening, 20);
            widening.beforeBatch(80);
            assertThat(widening.fetchRows()).isEqualTo(FETCH);
            sum += read(rs, widening, Integer.MAX_VALUE);
            assertThat(rs.unwrap(PgResultSet.class).getLastUsedFetchSize()).isEqualTo(FETCH);
            assertThat(sum).isEqualTo(500_500);
            assertThat(readAhead.reserved()).isZero();
        }
    }

    @Test
    void oneFetchStaysWithinHalfTheUrlsMaxResultBuffer() throws SQLException {
        String tight = URL + (URL.contains("?") ? "&" : "?") + "maxResultBuffer=4000";
        assertThat(ReadAhead.maxResultBuffer(tight)).isEqualTo(4000);
        var readAhead = new ReadAhead(1 << 20);
        try (ResultSet rs = statement.executeQuery(SQL)) {
            var widening = readAhead.forCursor(rs, FETCH, tight);
            read(rs, widening, 20);                    // rows 1-20: up to 2 digits, 117 bytes per row at most
            widening.beforeBatch(80);
            assertThat(widening.fetchRows()).isGreaterThan(FETCH).isEqualTo((int) (2000 / PgRows.wireBytes(2, 102)));
        }
    }

    @Test
    void theProxysDefaultBufferIsAShareOfTheHeapAndAUrlOverridesIt() {
        assertThat(ReadAhead.maxResultBuffer("jdbc:postgresql://127.0.0.1/db"))
                .isEqualTo(Runtime.getRuntime().maxMemory() / 10);
        assertThat(ReadAhead.maxResultBuffer("jdbc:postgresql://127.0.0.1/db?maxResultBuffer=1M"))
                .isEqualTo(1_000_000);
    }

    /** Reads up to {@code max} rows as the result writer would, telling the read-ahead of each; sums column 1. */
    private static long read(ResultSet rs, ReadAhead.Widening widening, int max) throws SQLException {
        long sum = 0;
        for (int i = 0; i < max && rs.next(); i++) {
            widening.rowRead();
            sum += rs.getInt(1);
            assertThat(rs.getString(2)).hasSize(100);
        }
        return sum;
    }
}
