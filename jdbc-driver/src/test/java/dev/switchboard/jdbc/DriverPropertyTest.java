package dev.switchboard.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverPropertyTest {
    private static Properties props(String key, String value) {
        var p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    @Test
    void defaults() throws SQLException {
        var none = new Properties();
        assertThat(DriverProperty.FETCH_SIZE.positiveInt(none)).isEqualTo(1000);
        assertThat(DriverProperty.CONNECT_TIMEOUT.duration(none)).isEqualTo(Duration.ofSeconds(10));
        assertThat(DriverProperty.SOCKET_TIMEOUT.duration(none)).isEqualTo(Duration.ZERO);
        assertThat(DriverProperty.SSL.choice(none)).isEqualTo("disable");
        assertThat(DriverProperty.USER.get(none)).isNull();
    }

    @Test
    void durations() throws SQLException {
        assertThat(DriverProperty.CONNECT_TIMEOUT.duration(props("connectTimeout", "500ms"))).hasMillis(500);
        assertThat(DriverProperty.CONNECT_TIMEOUT.duration(props("connectTimeout", "3s"))).hasSeconds(3);
        assertThat(DriverProperty.CONNECT_TIMEOUT.duration(props("connectTimeout", " 7 "))).hasSeconds(7);
        for (String bad : new String[] {"-1", "ten", "5m", ""}) {
            assertThatThrownBy(() -> DriverProperty.CONNECT_TIMEOUT.duration(props("connectTimeout", bad)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("connectTimeout");
        }
    }

    @Test
    void badNumbersAndChoicesNameTheKey() {
        assertThatThrownBy(() -> DriverProperty.FETCH_SIZE.positiveInt(props("fetchSize", "0")))
                .hasMessageContaining("fetchSize");
        assertThatThrownBy(() -> DriverProperty.SSL.choice(props("ssl", "prefer")))
                .hasMessageContaining("ssl").hasMessageContaining("verify-full");
    }

    @Test
    void tlsIsRefusedNeverSilentlyPlaintext() {
        var driver = new SwitchboardDriver();
        for (String mode : new String[] {"require", "verify-full"}) {
            // port 1 is never dialled: TLS is refused before any socket is opened
            assertThatThrownBy(() -> driver.connect("jdbc:switchboard://127.0.0.1:1/db?ssl=" + mode + "&user=a", null))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("TLS is not available in this version");
        }
    }

    @Test
    void driverBasics() throws SQLException {
        var driver = new SwitchboardDriver();
        assertThat(driver.acceptsURL("jdbc:switchboard://h")).isTrue();
        assertThat(driver.acceptsURL("jdbc:postgresql://h")).isFalse();
        assertThat(driver.connect("jdbc:postgresql://h", null)).isNull();
        assertThat(driver.jdbcCompliant()).isFalse();
        DriverPropertyInfo[] info = driver.getPropertyInfo("jdbc:switchboard://h?fetchSize=5", null);
        assertThat(Arrays.stream(info).map(i -> i.name)).containsExactly(
                Arrays.stream(DriverProperty.values()).map(DriverProperty::key).toArray(String[]::new));
        assertThat(Arrays.stream(info).filter(i -> i.name.equals("fetchSize")).findFirst().orElseThrow().value)
                .isEqualTo("5");
        Driver found = DriverManager.getDriver("jdbc:switchboard://h");   // via META-INF/services
        assertThat(found).isInstanceOf(SwitchboardDriver.class);
    }

    @Test
    void markdownTableListsEveryKey() {
        String table = DriverProperty.markdownTable();
        for (DriverProperty p : DriverProperty.values()) assertThat(table).contains("`" + p.key() + "`");
    }
}
