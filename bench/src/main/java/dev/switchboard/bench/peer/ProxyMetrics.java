package dev.switchboard.bench.peer;

import dev.switchboard.bench.target.PoolCounts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The proxy's pool counters, read from its Prometheus endpoint ({@code GET /metrics} on the admin port; README
 * "Operations"): {@code switchboard_pool_creations_total} and {@code switchboard_pool_evictions_total{cause}}, summed
 * over every cause. {@code /metrics} needs no admin token, so the bench holds no admin secret. Thread-safe.
 */
public final class ProxyMetrics {
    static final String CREATIONS = "switchboard_pool_creations_total";
    static final String EVICTIONS = "switchboard_pool_evictions_total";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ProxyMetrics(int adminPort) {
        this.uri = URI.create("http://127.0.0.1:" + adminPort + "/metrics");
    }

    /** The counters now; empty (with a line on stderr) when the proxy does not answer or lacks them. */
    public Optional<PoolCounts> poolCounts() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode());
            return Optional.of(parse(r.body()));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("bench: cannot read the proxy's pool counters from " + uri + ": " + e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The two counters from Prometheus text format (0.0.4): one sample per line, {@code name{labels} value
     * [timestamp]}; comments start with {@code #}. Label values here are fixed cause names, never holding a space
     * or a brace, so the value is the first field after the name and its labels.
     *
     * @throws IllegalArgumentException when either counter is missing: a renamed metric must not read as zero
     */
    static PoolCounts parse(String text) {
        double created = -1;
        double evicted = -1;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String name = metricName(line);
            if (name.equals(CREATIONS)) created = value(line);
            else if (name.equals(EVICTIONS)) evicted = Math.max(evicted, 0) + value(line);
        }
        if (created < 0 || evicted < 0) {
            throw new IllegalArgumentException("no " + (created < 0 ? CREATIONS : EVICTIONS) + " in the metrics");
        }
        return new PoolCounts(Math.round(created), Math.round(evicted));
    }

    private static String metricName(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') end++;
        return line.substring(0, end);
    }

    private static double value(String line) {
        int labelsEnd = line.indexOf('}');
        String rest = (labelsEnd >= 0 ? line.substring(labelsEnd + 1) : line.substring(metricName(line).length()))
                .trim();
        int space = rest.indexOf(' ');
        return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
    }
}
