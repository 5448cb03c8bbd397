package dev.switchboard.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLException;

/**
 * The admin HTTP API v1 of one Switchboard server ({@code docs/admin-api.md}): one method per endpoint, each
 * returning the parsed answer. JSON objects are {@code Map<String, Object>} in the server's key order (see
 * {@link Json}).
 *
 * <p>Every call blocks for at most the timeout given at construction (a few take their own). A 4xx/5xx answer is a
 * {@link ServerErrorException} carrying the server's {@code error} text; no answer at all is an
 * {@link UnreachableException} with a one-line reason. Thread-safe: the shared {@link HttpClient} is, and this holds
 * no mutable state. Does not close the {@code HttpClient}; its creator does.
 */
final class AdminClient {
    private static final String API = "/api/v1";

    private final HttpClient http;
    private final String server;
    private final String token;
    private final Duration timeout;

    /**
     * @param server  base URL such as {@code http://127.0.0.1:7433} (a path prefix is kept; a trailing slash is not)
     * @param token   the admin token, or {@code null} to send none (the server then answers 401)
     * @param timeout how long to wait for each answer
     */
    AdminClient(HttpClient http, String server, String token, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.server = stripSlash(Objects.requireNonNull(server, "server"));
        this.token = token;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The base URL, as it names this server in sbctl's output. */
    String server() {
        return server;
    }

    /** A user to create or replace. Holds a verifier, never a password; {@code null} components are left out. */
    record UserSpec(String verifier, List<String> databases, String defaultDatabase, Instant validUntil,
                    Integer maxClientConnections) {
        UserSpec {
            Objects.requireNonNull(verifier, "verifier");
            databases = List.copyOf(databases);
        }

        Map<String, Object> toJson() {
            var body = new LinkedHashMap<String, Object>();
            body.put("password", verifier);
            body.put("databases", databases);
            if (defaultDatabase != null) body.put("default", defaultDatabase);
            if (validUntil != null) body.put("validUntil", validUntil.toString());
            if (maxClientConnections != null) body.put("maxClientConnections", maxClientConnections);
            return body;
        }

        /** Leaves the verifier out: it lets whoever holds it impersonate the server. */
        @Override
        public String toString() {
            return "UserSpec[databases=" + databases + ", default=" + defaultDatabase + ", validUntil=" + validUntil
                    + ", maxClientConnections=" + maxClientConnections + "]";
        }
    }

    /**
     * A database to create or replace; {@code null} components are left out (the server's defaults apply).
     *
     * @param passwordRef a {@code ${env:…}} or {@code ${file:…}} reference, never a password
     */
    record DatabaseSpec(String jdbcUrl, String username, String passwordRef, String poolMode, Boolean keepWarm,
                        Integer maxPoolSize) {
        DatabaseSpec {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        }

        Map<String, Object> toJson() {
            var body = new LinkedHashMap<String, Object>();
            body.put("jdbcUrl", jdbcUrl);
            if (username != null) body.put("username", username);
            if (passwordRef != null) body.put("password", passwordRef);
            if (poolMode != null) body.put("poolMode", poolMode);
            if (keepWarm != null) body.put("keepWarm", keepWarm);
            if (maxPoolSize != null) body.put("pool", Map.of("maxPoolSize", maxPoolSize));
            return body;
        }
    }


    /** {@code GET /health/live} → {@code {"status":"live"}}. The token is sent to health and metrics calls too. */
    Map<String, Object> live() throws AdminException, InterruptedException {
        return object(call("GET", "/health/live", null, timeout));
    }

    /** {@code GET /health/ready} → {@code {"status":"ready"}}; 503 (a {@link ServerErrorException}) while draining. */
    Map<String, Object> ready() throws AdminException, InterruptedException {
        return object(call("GET", "/health/ready", null, timeout));
    }

    /** {@code GET /metrics}: the Prometheus text, unparsed. */
    String metrics() throws AdminException, InterruptedException {
        return send("GET", "/metrics", null, timeout);
    }


    /** {@code GET /api/v1/pools}: one map per pool. */
    List<Map<String, Object>> pools() throws AdminException, InterruptedException {
        return list(call("GET", API + "/pools", null, timeout), "pools");
    }

    /** {@code POST /api/v1/pools/{db}/evict} → {@code {"database","evicted":true}}. */
    Map<String, Object> evict(String database) throws AdminException, InterruptedException {
        return object(call("POST", API + "/pools/" + segment(database) + "/evict", null, timeout));
    }

    /** {@code POST /api/v1/pools/{db}/pause} → {@code {"database","paused":true}}. */
    Map<String, Object> pause(String database) throws AdminException, InterruptedException {
        return object(call("POST", API + "/pools/" + segment(database) + "/pause", null, timeout));
    }

    /** {@code POST /api/v1/pools/{db}/resume} → {@code {"database","paused":false}}. */
    Map<String, Object> resume(String database) throws AdminException, InterruptedException {
        return object(call("POST", API + "/pools/" + segment(database) + "/resume", null, timeout));
    }


    /** {@code GET /api/v1/sessions}: one map per client session. */
    List<Map<String, Object>> sessions() throws AdminException, InterruptedException {
        return list(call("GET", API + "/sessions", null, timeout), "sessions");
    }

    /** {@code DELETE /api/v1/sessions/{id}} → {@code {"id","killed":true}}. */
    Map<String, Object> kill(String sessionId) throws AdminException, InterruptedException {
        return object(call("DELETE", API + "/sessions/" + segment(sessionId), null, timeout));
    }


    /** {@code GET /api/v1/users}: one map per user, without verifiers. */
    List<Map<String, Object>> users() throws AdminException, InterruptedException {
        return list(call("GET", API + "/users", null, timeout), "users");
    }

    /** {@code PUT /api/v1/users/{name}} → {@code {"name","created":bool}}. */
    Map<String, Object> putUser(String name, UserSpec user) throws AdminException, InterruptedException {
        return object(call("PUT", API + "/users/" + segment(name), user.toJson(), timeout));
    }

    /** {@code DELETE /api/v1/users/{name}} → {@code {"name","removed":true}}. */
    Map<String, Object> removeUser(String name) throws AdminException, InterruptedException {
        return object(call("DELETE", API + "/users/" + segment(name), null, timeout));
    }


    /** {@code GET /api/v1/databases}: one map per database (or template), without passwords. */
    List<Map<String, Object>> databases() throws AdminException, InterruptedException {
        return list(call("GET", API + "/databases", null, timeout), "databases");
    }

    /** {@code PUT /api/v1/databases/{name}} → {@code {"name","created":bool}}. */
    Map<String, Object> putDatabase(String name, DatabaseSpec database) throws AdminException, InterruptedException {
        return object(call("PUT", API + "/databases/" + segment(name), database.toJson(), timeout));
    }

    /** {@code DELETE /api/v1/databases/{name}} → {@code {"name","removed":true}}. */
    Map<String, Object> removeDatabase(String name) throws AdminException, InterruptedException {
        return object(call("DELETE", API + "/databases/" + segment(name), null, timeout));
    }

    /**
     * {@code POST /api/v1/databases/{name}/move} → {@code {"name","moved":true}}; 409 after a rollback.
     *
     * @param wait how long to wait for the answer: the server drains the pool before it answers
     */
    Map<String, Object> move(String name, String jdbcUrl, Duration wait) throws AdminException, InterruptedException {
        return object(call("POST", API + "/databases/" + segment(name) + "/move", Map.of("jdbcUrl", jdbcUrl), wait));
    }


    /** {@code POST /api/v1/reload?dryRun=…} → {@code {"applied":bool,"changes":{…}}}. */
    Map<String, Object> reload(boolean dryRun) throws AdminException, InterruptedException {
        return object(call("POST", API + "/reload?dryRun=" + dryRun, null, timeout));
    }

    /** {@code GET /api/v1/stats}. */
    Map<String, Object> stats() throws AdminException, InterruptedException {
        return object(call("GET", API + "/stats", null, timeout));
    }

    /**
     * {@code POST /api/v1/shutdown} with {@code {"drainSeconds"}} → {@code 202 {"draining":true}}.
     *
     * @param drain rounded up to whole seconds; {@code null} sends {@code {}}: the server's {@code drainTimeout}
     */
    Map<String, Object> shutdown(Duration drain) throws AdminException, InterruptedException {
        Map<String, Object> body = drain == null ? Map.of()
                : Map.of("drainSeconds", drain.toSeconds() + (drain.toNanosPart() > 0 ? 1 : 0));
        return object(call("POST", API + "/shutdown", body, timeout));
    }


    private Object call(String method, String path, Object body, Duration wait)
            throws AdminException, InterruptedException {
        String text = send(method, path, body, wait);
        try {
            return Json.parse(text);
        } catch (Json.JsonException e) {
            throw new ServerErrorException(server, 200, "answer to " + method + " " + path + " is not JSON ("
                    + e.getMessage() + ")");
        }
    }

    private String send(String method, String path, Object body, Duration wait)
            throws AdminException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(wait)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnreachableException(server, reason(e, wait), e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) throw new ServerErrorException(server, status, error(status, response.body()));
        return response.body();
    }

    /** The server's {@code error} text, on one line; failing that, what the status and body say. */
    private String error(int status, String body) {
        String error = null;
        try {
            if (Json.parse(body) instanceof Map<?, ?> map) {
                if (map.get("error") instanceof String s && !s.isBlank()) error = s;
                else if (map.get("status") instanceof String s && !s.isBlank()) error = "HTTP " + status + ": " + s;
            }
        } catch (Json.JsonException notJson) {
            String first = body.strip().lines().findFirst().orElse("");
            if (!first.isEmpty()) error = "HTTP " + status + ": " + first;
        }
        if (error == null) error = "HTTP " + status;
        error = oneLine(error);
        if (status == 401 && token == null) error += " (no token given: use --token or SWITCHBOARD_ADMIN_TOKEN)";
        return error;
    }

    private static String reason(IOException e, Duration wait) {
        return switch (e) {
            case HttpConnectTimeoutException _ -> "could not connect within " + DurationConverter.format(wait);
            case HttpTimeoutException _ -> "no answer within " + DurationConverter.format(wait);
            case ConnectException c when c.getCause() instanceof UnresolvedAddressException -> "unknown host";
            case ConnectException c when c.getMessage() == null || c.getMessage().contains("refused") ->
                    "connection refused";
            case SSLException s -> "TLS failed: " + oneLine(String.valueOf(s.getMessage()));
            default -> oneLine(e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getClass().getSimpleName() : e.getMessage());
        };
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object json) throws ServerErrorException {
        if (json instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new ServerErrorException(server, 200, "expected a JSON object in the answer");
    }

    /** The array under {@code key} of an object answer, each element an object. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(Object json, String key) throws ServerErrorException {
        if (object(json).get(key) instanceof List<?> elements) {
            var rows = new ArrayList<Map<String, Object>>(elements.size());
            for (Object e : elements) {
                if (!(e instanceof Map<?, ?> row)) {
                    throw new ServerErrorException(server, 200, "expected objects in \"" + key + "\"");
                }
                rows.add((Map<String, Object>) row);
            }
            return rows;
        }
        throw new ServerErrorException(server, 200, "expected an array \"" + key + "\" in the answer");
    }

    /** One path segment, percent-encoded: database names may hold {@code {}} (templates) or other characters. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String stripSlash(String url) {
        String s = url.strip();
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }
}
