package dev.switchboard.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one proxy's admin port while the real one is written: a real HTTP server on a loopback port that
 * checks the bearer token as {@code docs/admin-api.md} says, answers every documented endpoint with the documented
 * JSON shape, and records each request. Tests change an answer with {@link #answer}.
 */
final class AdminApiStub implements AutoCloseable {
    static final String TOKEN = "s3cret-token";

    /** One request as the server saw it: the raw (still percent-encoded) path with its query. */
    record Request(String method, String path, String body, String authorization) { }

    private record Answer(int status, String body, long delayMillis) { }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    AdminApiStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        documentedAnswers();
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The only request received; fails the test when there were none or several. */
    Request request() {
        if (requests.size() != 1) throw new AssertionError("expected one request, got " + requests);
        return requests.getFirst();
    }

    /** Answers {@code method path} (path with its raw query, as sent) with {@code status} and {@code json}. */
    AdminApiStub answer(String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json, 0));
        return this;
    }

    /** Like {@link #answer}, but only after {@code delayMillis}. */
    AdminApiStub slowAnswer(String method, String path, long delayMillis, String json) {
        answers.put(method + " " + path, new Answer(200, json, delayMillis));
        return this;
    }

    private void documentedAnswers() {
        answer("GET", "/health/live", 200, """
                {"status":"live"}""");
        answer("GET", "/api/v1/pools", 200, """
                {"pools":[
                  {"database":"sales","mode":"transaction","state":"open","maxPoolSize":10,"active":2,"idle":3,
                   "waiting":0,"total":5,"keepWarm":false,"createdAt":"2026-11-23T10:00:00Z",
                   "lastUsedAt":"2026-11-23T10:05:00Z"},
                  {"database":"tenant_042","mode":"session","state":"paused","maxPoolSize":4,"active":0,"idle":1,
                   "waiting":7,"total":1,"keepWarm":true,"createdAt":"2026-11-23T09:00:00Z","lastUsedAt":null}]}""");
        answer("POST", "/api/v1/pools/sales/evict", 200, """
                {"database":"sales","evicted":true}""");
        answer("POST", "/api/v1/pools/sales/pause", 200, """
                {"database":"sales","paused":true}""");
        answer("POST", "/api/v1/pools/sales/resume", 200, """
                {"database":"sales","paused":false}""");
        answer("GET", "/api/v1/sessions", 200, """
                {"sessions":[
                  {"id":"17","user":"alice","database":"sales","client":"127.0.0.1:50123","state":"active",
                   "ageSeconds":12,"runningMillis":340},
                  {"id":"18","user":"bob","database":"support","client":"127.0.0.1:50124","state":"idle",
                   "ageSeconds":3,"runningMillis":null}]}""");
        answer("DELETE", "/api/v1/sessions/17", 200, """
                {"id":"17","killed":true}""");
        answer("GET", "/api/v1/users", 200, """
                {"users":[
                  {"name":"alice","databases":["sales"],"default":"sales","validUntil":null,"maxClientConnections":100},
                  {"name":"bob","databases":["support","sales"],"default":null,"validUntil":"2027-01-31T00:00:00Z",
                   "maxClientConnections":5}]}""");
        answer("PUT", "/api/v1/users/carol", 200, """
                {"name":"carol","created":true}""");
        answer("DELETE", "/api/v1/users/carol", 200, """
                {"name":"carol","removed":true}""");
        answer("GET", "/api/v1/databases", 200, """
                {"databases":[
                  {"name":"sales","template":false,"jdbcUrl":"jdbc:h2:mem:sales","username":"sa","poolMode":null,
                   "keepWarm":false,"pool":{"maxPoolSize":10,"minIdle":0,"connectionTimeoutMillis":5000}},
                  {"name":"tenant_{name}","template":true,"jdbcUrl":"jdbc:postgresql://db/tenant_{name}",
                   "username":"app","poolMode":"transaction","keepWarm":false,
                   "pool":{"maxPoolSize":4,"minIdle":0,"connectionTimeoutMillis":5000}}]}""");
        answer("PUT", "/api/v1/databases/reports", 200, """
                {"name":"reports","created":true}""");
        answer("DELETE", "/api/v1/databases/reports", 200, """
                {"name":"reports","removed":true}""");
        answer("POST", "/api/v1/databases/sales/move", 200, """
                {"name":"sales","moved":true}""");
        String changes = """
                "changes":{"databasesAdded":["tenant_9"],"databasesRemoved":[],"databasesChanged":["sales"],
                "usersAdded":["dave"],"usersRemoved":["bob"],"usersChanged":[],"poolsReplaced":["sales"]}""";
        answer("POST", "/api/v1/reload?dryRun=true", 200, "{\"applied\":false," + changes + "}");
        answer("POST", "/api/v1/reload?dryRun=false", 200, "{\"applied\":true," + changes + "}");
        answer("GET", "/api/v1/stats", 200, """
                {"version":"0.1.0","uptimeSeconds":3600,"clientConnections":12,"sessions":11,"poolsOpen":2,
                 "maxPools":64,"backendConnections":6,"maxBackendConnections":200,"poolCreations":5,
                 "poolEvictions":{"size":1,"idle":2,"explicit":0,"config":0}}""");
        answer("POST", "/api/v1/shutdown", 202, """
                {"draining":true}""");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) path += "?" + query;
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), path, body, authorization));
            Answer answer;
            if (path.startsWith("/api/") && !("Bearer " + TOKEN).equals(authorization)) {
                answer = new Answer(401, "{\"error\":\"missing or wrong admin token\"}", 0);
            } else {
                answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                        new Answer(404, "{\"error\":\"no such endpoint or object\"}", 0));
            }
            if (answer.delayMillis() > 0) Thread.sleep(answer.delayMillis());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
