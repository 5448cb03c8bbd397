package dev.switchboard.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionUrlTest {
    @Test
    void hostPortDatabaseAndParameters() throws SQLException {
        var u = ConnectionUrl.parse("jdbc:switchboard://db.example:7000/sales?user=alice&fetchSize=50", null);
        assertThat(u.host()).isEqualTo("db.example");
        assertThat(u.port()).isEqualTo(7000);
        assertThat(u.database()).isEqualTo("sales");
        assertThat(u.props().getProperty("user")).isEqualTo("alice");
        assertThat(u.props().getProperty("fetchSize")).isEqualTo("50");
    }

    @Test
    void defaults() throws SQLException {
        var u = ConnectionUrl.parse("jdbc:switchboard://localhost", new Properties());
        assertThat(u.port()).isEqualTo(7432);
        assertThat(u.database()).isEmpty();
        assertThat(ConnectionUrl.parse("jdbc:switchboard://localhost/", null).database()).isEmpty();
        assertThat(ConnectionUrl.parse("jdbc:switchboard://localhost?", null).database()).isEmpty();
    }

    @Test
    void ipv6() throws SQLException {
        var u = ConnectionUrl.parse("jdbc:switchboard://[::1]:7500/db", null);
        assertThat(u.host()).isEqualTo("::1");
        assertThat(u.port()).isEqualTo(7500);
    }

    @Test
    void percentDecodingLeavesPlusAlone() throws SQLException {
        var u = ConnectionUrl.parse("jdbc:switchboard://h/t%C3%A9nant%2042?password=p%26ss%3Dw+rd", null);
        assertThat(u.database()).isEqualTo("ténant 42");
        assertThat(u.props().getProperty("password")).isEqualTo("p&ss=w+rd");
    }

    @Test
    void urlParametersWinOverProperties() throws SQLException {
        var info = new Properties();
        info.setProperty("user", "from-properties");
        info.setProperty("password", "secret");
        info.setProperty("somePoolSetting", "kept, ignored");
        var u = ConnectionUrl.parse("jdbc:switchboard://h?user=from-url", info);
        assertThat(u.props().getProperty("user")).isEqualTo("from-url");
        assertThat(u.props().getProperty("password")).isEqualTo("secret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://h/db                  | does not start with jdbc:switchboard:",
            "jdbc:switchboard:h/db                   | expected //",
            "jdbc:switchboard:///db                  | host is missing",
            "jdbc:switchboard://h:0/db               | port \"0\"",
            "jdbc:switchboard://h:99999              | port \"99999\"",
            "jdbc:switchboard://h:x1                 | port \"x1\"",
            "jdbc:switchboard://h/a/b                | contains '/'",
            "jdbc:switchboard://[::1                 | closing ']'",
            "jdbc:switchboard://h?fetchsize=1        | unknown parameter \"fetchsize\"",
            "jdbc:switchboard://h?user               | has no '=value'",
            "jdbc:switchboard://h/%zz                | bad percent-escape in the database name",
            "jdbc:switchboard://h?password=%4        | bad percent-escape in the value of password",
            "jdbc:switchboard://alice@h              | user property",
    })
    void badUrlsSayWhatIsWrong(String url, String problem) {
        assertThatThrownBy(() -> ConnectionUrl.parse(url, null)).isInstanceOf(SQLException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }

    @Test
    void errorsNeverEchoTheQuery() {
        assertThatThrownBy(() -> ConnectionUrl.parse("jdbc:switchboard://h:bad?password=hunter2", null))
                .hasMessageNotContaining("hunter2");
    }
}
