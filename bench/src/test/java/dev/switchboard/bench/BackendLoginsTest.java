package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/**
 * What {@link BackendLogins} does without PostgreSQL's count: on an H2 database, which has no pg_stat_database, as a
 * PostgreSQL older than 14 has no {@code sessions} column. ({@code BackendLoginsIT} counts real logins.)
 */
class BackendLoginsTest {
    @Test
    void anUnreadableCountIsEmptyAndSaysWhyOnce() throws SQLException {
        var err = new ByteArrayOutputStream();
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:", "sa", "");
             var warnings = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            var logins = new BackendLogins(h2, "tenant_", warnings);

            assertThat(logins.total()).isEqualTo(OptionalLong.empty());
            assertThat(logins.total()).isEqualTo(OptionalLong.empty());
        }
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("bench: backend logins per op not measured: ").containsIgnoringCase("pg_stat_database");
    }

    @Test
    void thePrefixMatchesItselfLiterallyInLike() {
        assertThat(BackendLogins.likePrefix("tenant_")).isEqualTo("tenant\\_%");
        assertThat(BackendLogins.likePrefix("a%b\\c")).isEqualTo("a\\%b\\\\c%");
        assertThat(BackendLogins.likePrefix("")).isEqualTo("%");
    }
}
