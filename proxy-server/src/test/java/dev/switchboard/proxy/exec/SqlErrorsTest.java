package dev.switchboard.proxy.exec;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorsTest {
    @Test
    void backendStateVendorCodeAndMessagePassThrough() {
        var e = SqlErrors.toWire(new SQLException("relation \"x\" does not exist", "42P01", 7));
        assertThat(e.sqlState()).isEqualTo("42P01");
        assertThat(e.vendorCode()).isEqualTo(7);
        assertThat(e.message()).isEqualTo("relation \"x\" does not exist");
    }

    @Test
    void statelessFailuresGetOurStates() {
        assertThat(SqlErrors.toWire(new SQLTransientConnectionException("pool full")).sqlState()).isEqualTo("53300");
        assertThat(SqlErrors.toWire(new SQLTimeoutException("slow")).sqlState()).isEqualTo("57014");
        assertThat(SqlErrors.toWire(new SQLException("odd")).sqlState()).isEqualTo("XX000");
        assertThat(SqlErrors.toWire(new SQLException("bad state", "42")).sqlState()).isEqualTo("XX000");
    }

    @Test
    void mariaDbInterruptionIsQueryCanceled() {
        var e = SqlErrors.toWire(new SQLException("Query execution was interrupted", "70100", 1317));
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(e.vendorCode()).isEqualTo(1317);
    }

    @Test
    void hugeMessagesAreCut() {
        assertThat(SqlErrors.toWire(new SQLException("x".repeat(10_000), "22000")).message()).hasSizeLessThan(4100);
    }
}
