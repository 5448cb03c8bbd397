package dev.switchboard.proxy.exec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultSizesTest {
    @Test
    void anUnknownQueryIsNotTakenForSmall() {
        assertThat(new ResultSizes().fitsOneBatch("db", "SELECT 1")).isFalse();
    }

    @Test
    void remembersTheLastRunPerDatabaseAndQuery() {
        var sizes = new ResultSizes();
        sizes.record("a", "SELECT * FROM t", true);
        assertThat(sizes.fitsOneBatch("a", "SELECT * FROM t")).isTrue();
        assertThat(sizes.fitsOneBatch("b", "SELECT * FROM t")).as("another database").isFalse();
        assertThat(sizes.fitsOneBatch("a", "SELECT * FROM u")).as("another query").isFalse();

        sizes.record("a", "SELECT * FROM t", false);
        assertThat(sizes.fitsOneBatch("a", "SELECT * FROM t")).as("it grew").isFalse();
        sizes.record("a", "SELECT * FROM t", true);
        assertThat(sizes.fitsOneBatch("a", "SELECT * FROM t")).as("it shrank again").isTrue();
    }

    @Test
    void staysWithinItsBoundOfSqlText() {
        var sizes = new ResultSizes(10_000);
        for (int i = 0; i < 5_000; i++) sizes.record("db", "SELECT " + i + " /* " + "x".repeat(50) + " */", true);
        // Each entry weighs ~110 chars: at most ~90 fit in 10,000.
        assertThat(sizes.size()).isBetween(1L, 100L);
    }
}
