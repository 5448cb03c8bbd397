package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints no command uses yet, and how answers that break the contract are reported. */
class AdminClientTest {
    private final AdminApiStub api = new AdminApiStub();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AdminClient client =
            new AdminClient(http, api.url() + "/", AdminApiStub.TOKEN, Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        http.close();
        api.close();
    }

    @Test
    void healthAndMetrics() throws Exception {
        api.answer("GET", "/health/ready", 503, "{\"status\":\"draining\"}");
        api.answer("GET", "/metrics", 200, "# TYPE switchboard_pools_open gauge\nswitchboard_pools_open 2\n");

        assertThat(client.server()).isEqualTo(api.url());
        assertThat(client.live()).isEqualTo(Map.of("status", "live"));
        assertThatThrownBy(client::ready).isInstanceOf(ServerErrorException.class)
                .hasMessage("HTTP 503: draining")
                .satisfies(e -> assertThat(((ServerErrorException) e).status()).isEqualTo(503));
        assertThat(client.metrics()).contains("switchboard_pools_open 2");
        assertThat(api.requests()).extracting(AdminApiStub.Request::path)
                .containsExactly("/health/live", "/health/ready", "/metrics");
    }

    @Test
    void answersOutsideTheContractAreServerErrors() {
        api.answer("GET", "/api/v1/pools", 200, "{\"pools\":{}}");
        api.answer("GET", "/api/v1/sessions", 200, "{\"sessions\":[1]}");
        api.answer("GET", "/api/v1/stats", 200, "[]");
        api.answer("GET", "/api/v1/users", 500, "Internal Server Error\nat line 3");
        api.answer("GET", "/api/v1/databases", 502, "");

        assertThatThrownBy(client::pools).hasMessage("expected an array \"pools\" in the answer");
        assertThatThrownBy(client::sessions).hasMessage("expected objects in \"sessions\"");
        assertThatThrownBy(client::stats).hasMessage("expected a JSON object in the answer");
        assertThatThrownBy(client::users).hasMessage("HTTP 500: Internal Server Error");
        assertThatThrownBy(client::databases).hasMessage("HTTP 502");
    }

    @Test
    void requestBodiesFollowTheContract() throws Exception {
        api.answer("PUT", "/api/v1/users/a%20b", 200, "{\"name\":\"a b\",\"created\":false}");

        var user = new AdminClient.UserSpec("SCRAM-SHA-256$4096:c2FsdA==$a:b", List.of("x"), null, null, 3);
        assertThat(client.putUser("a b", user)).containsEntry("created", false);
        assertThat(api.request().body()).isEqualTo(
                "{\"password\":\"SCRAM-SHA-256$4096:c2FsdA==$a:b\",\"databases\":[\"x\"],\"maxClientConnections\":3}");
        assertThat(user.toString()).doesNotContain("SCRAM");
        assertThat(new AdminClient.DatabaseSpec("jdbc:h2:mem:x", null, null, null, false, null).toJson())
                .isEqualTo(Map.of("jdbcUrl", "jdbc:h2:mem:x", "keepWarm", false));
    }

    @Test
    void drainIsRoundedUpToWholeSeconds() throws Exception {
        client.shutdown(Duration.ofMillis(1500));
        client.shutdown(Duration.ZERO);
        client.shutdown(null);

        assertThat(api.requests()).extracting(AdminApiStub.Request::body)
                .containsExactly("{\"drainSeconds\":2}", "{\"drainSeconds\":0}", "{}");
    }
}
