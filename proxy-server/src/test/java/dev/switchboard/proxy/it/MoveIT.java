package dev.switchboard.proxy.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sbctl databases move}: verify the new target, pause, drain, switch, resume; a session carries on. */
@Timeout(60)
class MoveIT {
    private static final String TOKEN = "move-it-token";
    private static final String PASSWORD = "move-secret";
    private TestProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
    }

    @Test
    void aDatabaseAndATemplateInstanceMoveWhileASessionStaysOpen() throws Exception {
        for (String db : List.of("move_old", "move_new", "move_t7_new")) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1", "sa", "")) {
                TestDb.update(c, "CREATE TABLE IF NOT EXISTS place (name VARCHAR(20))");
                TestDb.update(c, "DELETE FROM place");
                TestDb.update(c, "INSERT INTO place VALUES ('" + db + "')");
            }
        }
        proxy = TestProxy.builder()
                .rawDatabase("sales: { jdbcUrl: \"jdbc:h2:mem:move_old;DB_CLOSE_DELAY=-1\", username: sa }")
                .rawDatabase("\"t_{name}\": { jdbcUrl: \"jdbc:h2:mem:move_t{name};DB_CLOSE_DELAY=-1\", username: sa }")
                .user("app", PASSWORD, List.of("sales", "t_{name}"))
                .adminToken(TOKEN)
                .start();
        var api = new AdminHttp(proxy, TOKEN);
        try (Connection session = proxy.connect("app", PASSWORD, "sales")) {
            assertThat(TestDb.rows(session, "SELECT name FROM place")).containsExactly(List.of("move_old"));
            var moved = api.post("/api/v1/databases/sales/move",
                    "{\"jdbcUrl\":\"jdbc:h2:mem:move_new;DB_CLOSE_DELAY=-1\"}");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(TestDb.rows(session, "SELECT name FROM place")).as("the same session, now on the new backend")
                    .containsExactly(List.of("move_new"));
        }
        var instance = api.post("/api/v1/databases/t_7/move",
                "{\"jdbcUrl\":\"jdbc:h2:mem:move_t7_new;DB_CLOSE_DELAY=-1\"}");
        assertThat(instance.status()).as(instance.body()).isEqualTo(200);
        try (Connection c = proxy.connect("app", PASSWORD, "t_7")) {
            assertThat(TestDb.rows(c, "SELECT name FROM place")).containsExactly(List.of("move_t7_new"));
        }
        String file = Files.readString(proxy.configFile());
        assertThat(file).contains("move_new").contains("move_t7_new").contains("t_{name}");
    }
}
