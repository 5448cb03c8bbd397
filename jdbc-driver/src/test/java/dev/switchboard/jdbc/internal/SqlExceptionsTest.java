package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.message.ServerError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlExceptionsTest {
    @ParameterizedTest
    @CsvSource({
            "28000, java.sql.SQLInvalidAuthorizationSpecException",
            "28P01, java.sql.SQLInvalidAuthorizationSpecException",
            "08006, java.sql.SQLNonTransientConnectionException",
            "08P01, java.sql.SQLNonTransientConnectionException",
            "22012, java.sql.SQLDataException",
            "42P01, java.sql.SQLSyntaxErrorException",
            "23505, java.sql.SQLIntegrityConstraintViolationException",
            "40001, java.sql.SQLTransactionRollbackException",
            "57014, java.sql.SQLTimeoutException",
            "0A000, java.sql.SQLFeatureNotSupportedException",
            "53300, java.sql.SQLException",
            "25001, java.sql.SQLException",
            "XX000, java.sql.SQLException",
    })
    void mapsTheSqlStateClassAndKeepsStateCodeAndMessage(String state, String type) {
        SQLException e = SqlExceptions.of(new ServerError(state, 17, "the message"));
        assertThat(e.getClass().getName()).isEqualTo(type);
        assertThat(e.getSQLState()).isEqualTo(state);
        assertThat(e.getErrorCode()).isEqualTo(17);
        assertThat(e.getMessage()).isEqualTo("the message");
    }
}
