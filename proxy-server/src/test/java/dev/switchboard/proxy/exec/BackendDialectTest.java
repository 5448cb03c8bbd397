package dev.switchboard.proxy.exec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BackendDialectTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT 1|true", "  select * from t|true", "(SELECT 1) UNION (SELECT 2)|true",
            "-- comment\\nWITH x AS (SELECT 1) SELECT * FROM x|true", "/* hi */ VALUES (1)|true", "SHOW search_path|true",
            "EXPLAIN SELECT 1|true", "INSERT INTO t VALUES (1)|false", "VACUUM|false", "CREATE DATABASE x|false",
            "update t set a = 1|false", "''|false", "/* unterminated|false"})
    void returnsRowsLooksAtTheFirstKeyword(String sql, boolean expected) {
        assertThat(BackendDialect.returnsRows(sql.replace("\\n", "\n").replace("''", ""))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"jdbc:postgresql://h/db,POSTGRESQL", "jdbc:mariadb://h/db,OTHER", "jdbc:h2:mem:x,OTHER"})
    void dialectFromUrl(String url, BackendDialect expected) {
        assertThat(BackendDialect.of(url)).isEqualTo(expected);
    }
}
