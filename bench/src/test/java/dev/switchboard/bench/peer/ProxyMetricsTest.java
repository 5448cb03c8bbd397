package dev.switchboard.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.bench.target.PoolCounts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Reading the proxy's pool counters from its Prometheus text. */
class ProxyMetricsTest {
    /** As the proxy serves it (captured from switchboard-proxy-all.jar), with neighbours that share a prefix. */
    static final String SCRAPE = """
            # HELP switchboard_pool_creations_total Pools created
            # TYPE switchboard_pool_creations_total counter
            switchboard_pool_creations_total 42.0
            # HELP switchboard_pool_evictions_total Pools evicted, by cause
            # TYPE switchboard_pool_evictions_total counter
            switchboard_pool_evictions_total{cause="config"} 0.0
            switchboard_pool_evictions_total{cause="explicit"} 1.0
            switchboard_pool_evictions_total{cause="idle"} 2.0
            switchboard_pool_evictions_total{cause="size"} 30.0
            # HELP switchboard_pools_open Pools resident in the registry, keepWarm ones included
            # TYPE switchboard_pools_open gauge
            switchboard_pools_open 10.0
            switchboard_pool_borrows_total{database="tenant_001"} 1234.0
            """;

    @Test
    void sumsEvictionsOverEveryCause() {
        assertThat(ProxyMetrics.parse(SCRAPE)).isEqualTo(new PoolCounts(42, 33));
    }

    @Test
    void acceptsOlderExpositionDetails() {
        // simpleclient's trailing comma in the labels, a timestamp after the value, exponent notation, CRLF
        String text = "switchboard_pool_creations_total 1.5E3 1732400000000\r\n"
                + "switchboard_pool_evictions_total{cause=\"size\",} 1490.0\r\n";

        assertThat(ProxyMetrics.parse(text)).isEqualTo(new PoolCounts(1500, 1490));
    }

    @Test
    void aMissingCounterIsAnErrorNotZero() {
        assertThatThrownBy(() -> ProxyMetrics.parse("switchboard_pools_open 3.0\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ProxyMetrics.CREATIONS);
        assertThatThrownBy(() -> ProxyMetrics.parse("switchboard_pool_creations_total 3.0\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ProxyMetrics.EVICTIONS);
    }

    @Test
    void readsTheAdminPortsMetricsAndIsEmptyWhenItFails() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = SCRAPE.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();
        try {
            assertThat(new ProxyMetrics(port).poolCounts()).contains(new PoolCounts(42, 33));
        } finally {
            server.stop(0);
        }
        assertThat(new ProxyMetrics(port).poolCounts()).isEqualTo(Optional.empty());   // nobody listens now
    }
}
