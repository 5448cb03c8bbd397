package dev.switchboard.proxy.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test-side Prometheus text parser accepts the format and refuses what is malformed. */
class PrometheusTextTest {
    @Test
    void parsesFamiliesSamplesLabelsAndEscapes() {
        var families = PrometheusText.parse("""
                # HELP requests Requests \\\\ served\\nby kind
                # TYPE requests counter
                requests_total{kind="execute",note="a \\"quoted\\" \\\\ value\\n"} 3.0
                requests_total{kind="ping"} 1
                # TYPE wait_seconds histogram
                wait_seconds_bucket{le="0.1"} 1
                wait_seconds_bucket{le="+Inf"} 2
                wait_seconds_count 2
                wait_seconds_sum 0.5
                # TYPE up gauge
                up NaN
                loose_metric{a="b",} -1.5e3 1700000000
                """);
        assertThat(families.keySet()).containsExactly("requests", "wait_seconds", "up", "loose_metric");
        var requests = families.get("requests");
        assertThat(requests.type()).isEqualTo("counter");
        assertThat(requests.samples()).hasSize(2);
        assertThat(requests.samples().getFirst().labels())
                .isEqualTo(Map.of("kind", "execute", "note", "a \"quoted\" \\ value\n"));
        assertThat(families.get("wait_seconds").samples()).hasSize(4);
        assertThat(families.get("up").samples().getFirst().value()).isNaN();
        assertThat(families.get("loose_metric").samples().getFirst().value()).isEqualTo(-1500.0);
    }

    @Test
    void refusesMalformedInput() {
        for (String bad : new String[] {
                "m{a=\"b\"} 1",                                        // no final newline
                "m{a=\"b} 1\n",                                        // unclosed value
                "m{a=b} 1\n",                                          // unquoted
                "m{a=\"x\\t\"} 1\n",                                   // bad escape
                "m{a=\"1\",a=\"2\"} 1\n",                              // label twice
                "1m 1\n",                                              // bad name
                "m one\n",                                             // bad value
                "m 1\nm 2\n",                                          // duplicate series
                "# TYPE m gauge\n# TYPE m gauge\nm 1\n",               // TYPE twice
                "# TYPE m gauge\nm 1\n# TYPE n gauge\nn 1\nm{a=\"b\"} 2\n",   // not contiguous
                "# TYPE h histogram\nh_bucket 1\n",                    // bucket without le
                "# TYPE m wibble\nm 1\n",                              // unknown type
        }) {
            assertThatThrownBy(() -> PrometheusText.parse(bad)).as(bad)
                    .isInstanceOf(PrometheusText.ParseException.class);
        }
    }
}
