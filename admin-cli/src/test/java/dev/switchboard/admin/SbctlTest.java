package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.admin.AdminApiStub.Request;
import dev.switchboard.protocol.scram.ScramVerifier;

/**
 * Every command against {@link AdminApiStub}, a real HTTP server standing in for the proxy's admin port: the request
 * each command sends (method, path, body, token) and what it prints, as a table and as JSON, with its exit code.
 */
class SbctlTest {
    private static final String BEARER = "Bearer " + AdminApiStub.TOKEN;

    private final AdminApiStub api = new AdminApiStub();

    @AfterEach
    void stop() {
        api.close();
    }

    record Result(int exit, String out, String err) {
        Object json() {
            return Json.parse(out);
        }
    }

    /** {@code sbctl --server <stub> --token <token> args…}, no terminal, empty stdin. */
    private Result sbctl(String... args) {
        return run(Map.of(), "", withServer(args));
    }

    private String[] withServer(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--server";
        all[1] = api.url();
        all[2] = "--token";
        all[3] = AdminApiStub.TOKEN;
        System.arraycopy(args, 0, all, 4, args.length);
        return all;
    }

    static Result run(Map<String, String> env, String stdin, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int exit = Sbctl.commandLine(env, in, null)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void poolsPrintsAnAlignedTable() {
        Result r = sbctl("pools");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(api.request()).isEqualTo(new Request("GET", "/api/v1/pools", "", BEARER));
        assertThat(r.out().lines().toList()).containsExactly(
                "database    mode         state   maxPoolSize  active  idle  waiting  total  keepWarm  createdAt"
                        + "             lastUsedAt",
                "sales       transaction  open             10       2     3        0      5  false     "
                        + "2026-11-23T10:00:00Z  2026-11-23T10:05:00Z",
                "tenant_042  session      paused            4       0     1        7      1  true      "
                        + "2026-11-23T09:00:00Z  -");
    }

    @Test
    void poolsAsJsonKeepsTheServersObjects() {
        Result r = sbctl("--output", "json", "pools");

        assertThat(r.exit()).isZero();
        assertThat(r.json()).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
        @SuppressWarnings("unchecked")
        var first = (Map<String, Object>) ((List<?>) r.json()).getFirst();
        assertThat(first).containsEntry("database", "sales").containsEntry("active", 2L)
                .containsEntry("keepWarm", false).containsEntry("lastUsedAt", "2026-11-23T10:05:00Z");
    }

    @Test
    void optionsMayFollowTheSubcommand() {
        Result r = run(Map.of(), "", "pools", "-o", "json", "--server", api.url(), "--token", AdminApiStub.TOKEN);

        assertThat(r.exit()).isZero();
        assertThat(r.json()).isInstanceOf(List.class);
        assertThat(api.request().authorization()).isEqualTo(BEARER);
    }

    @Test
    void tokenComesFromTheEnvironmentWhenNotGiven() {
        Result r = run(Map.of(Sbctl.TOKEN_ENV, AdminApiStub.TOKEN), "", "--server", api.url(), "sessions");

        assertThat(r.exit()).isZero();
        assertThat(api.request()).isEqualTo(new Request("GET", "/api/v1/sessions", "", BEARER));
        assertThat(r.out().lines().toList()).containsExactly(
                "id  user   database  client           state   ageSeconds  runningMillis",
                "17  alice  sales     127.0.0.1:50123  active          12            340",
                "18  bob    support   127.0.0.1:50124  idle             3              -");
    }

    @Test
    void evictPauseResumePostToThePool() {
        assertThat(sbctl("evict", "sales").out()).isEqualTo("database  evicted\nsales     true\n");
        assertThat(sbctl("pause", "sales").out()).isEqualTo("database  paused\nsales     true\n");
        assertThat(sbctl("resume", "sales").out()).isEqualTo("database  paused\nsales     false\n");

        assertThat(api.requests()).containsExactly(
                new Request("POST", "/api/v1/pools/sales/evict", "", BEARER),
                new Request("POST", "/api/v1/pools/sales/pause", "", BEARER),
                new Request("POST", "/api/v1/pools/sales/resume", "", BEARER));
    }

    @Test
    void evictAsJson() {
        Result r = sbctl("-o", "json", "evict", "sales");

        assertThat(r.json()).isEqualTo(List.of(Map.of("database", "sales", "evicted", true)));
    }

    @Test
    void namesArePercentEncodedInThePath() {
        Result r = sbctl("evict", "tenant_{name}");

        assertThat(api.request().path()).isEqualTo("/api/v1/pools/tenant_%7Bname%7D/evict");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sbctl: " + api.url() + ": no such endpoint or object\n");
    }

    @Test
    void killDeletesTheSession() {
        Result r = sbctl("kill", "17");

        assertThat(r.exit()).isZero();
        assertThat(api.request()).isEqualTo(new Request("DELETE", "/api/v1/sessions/17", "", BEARER));
        assertThat(r.out()).isEqualTo("id  killed\n17  true\n");
    }

    @Test
    void killOfAnUnknownSessionIsExitCode1() {
        api.answer("DELETE", "/api/v1/sessions/99", 404, "{\"error\":\"no session 99\"}");

        Result r = sbctl("kill", "99");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("sbctl: " + api.url() + ": no session 99\n");
    }

    @Test
    void usersListJoinsDatabases() {
        Result r = sbctl("users", "list");

        assertThat(api.request()).isEqualTo(new Request("GET", "/api/v1/users", "", BEARER));
        assertThat(r.out().lines().toList()).containsExactly(
                "name   databases      default  validUntil            maxClientConnections",
                "alice  sales          sales    -                                      100",
                "bob    support,sales  -        2027-01-31T00:00:00Z                     5");
    }

    @Test
    void usersAddSendsAVerifierAndNeverThePassword() {
        Result r = run(Map.of(), "correct horse battery\n", withServer("users", "add", "carol",
                "--databases", "sales,tenant_{user}", "--default", "sales", "--valid-until", "2027-01-31",
                "--max-connections", "20", "--password-stdin"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("name   created\ncarol  true\n");
        Request request = api.request();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/api/v1/users/carol");
        assertThat(request.authorization()).isEqualTo(BEARER);
        assertThat(request.body()).doesNotContain("correct horse");
        @SuppressWarnings("unchecked")
        var body = (Map<String, Object>) Json.parse(request.body());
        assertThat(body).containsEntry("databases", List.of("sales", "tenant_{user}"))
                .containsEntry("default", "sales")
                .containsEntry("validUntil", "2027-01-31T00:00:00Z")
                .containsEntry("maxClientConnections", 20L);
        ScramVerifier sent = ScramVerifier.parse((String) body.get("password"));
        assertThat(ScramVerifier.create("correct horse battery".toCharArray(), sent.salt(), sent.iterations()))
                .isEqualTo(sent);
        assertThat(ScramVerifier.create("wrong".toCharArray(), sent.salt(), sent.iterations())).isNotEqualTo(sent);
    }

    @Test
    void usersAddReadsStdinWithoutATerminalAndLeavesOutWhatWasNotGiven() {
        Result r = run(Map.of(), "pw\r\n", withServer("users", "add", "carol", "--databases", "sales"));

        assertThat(r.exit()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        var body = (Map<String, Object>) Json.parse(api.request().body());
        assertThat(body.keySet()).containsExactly("password", "databases");
        ScramVerifier sent = ScramVerifier.parse((String) body.get("password"));
        assertThat(ScramVerifier.create("pw".toCharArray(), sent.salt(), sent.iterations())).isEqualTo(sent);
    }

    @Test
    void usersAddWithoutAPasswordSendsNothing() {
        Result r = run(Map.of(), "", withServer("users", "add", "carol", "--databases", "sales"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sbctl: no password on standard input\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void usersAddRefusedByTheServerIsExitCode1() {
        api.answer("PUT", "/api/v1/users/carol", 400, "{\"error\":\"users.carol.default: not in databases\"}");

        Result r = run(Map.of(), "pw\n", withServer("users", "add", "carol", "--databases", "a", "--default", "b"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sbctl: " + api.url() + ": users.carol.default: not in databases\n");
    }

    @Test
    void usersAddNeedsDatabases() {
        Result r = run(Map.of(), "pw\n", withServer("users", "add", "carol"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--databases=DB'");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void usersRemove() {
        Result r = sbctl("users", "remove", "carol");

        assertThat(api.request()).isEqualTo(new Request("DELETE", "/api/v1/users/carol", "", BEARER));
        assertThat(r.out()).isEqualTo("name   removed\ncarol  true\n");
    }

    @Test
    void databasesListFlattensPoolSettings() {
        Result r = sbctl("databases", "list");

        assertThat(api.request()).isEqualTo(new Request("GET", "/api/v1/databases", "", BEARER));
        assertThat(r.out().lines().toList()).containsExactly(
                "name           template  jdbcUrl                             username  poolMode     keepWarm"
                        + "  pool.maxPoolSize  pool.minIdle  pool.connectionTimeoutMillis",
                "sales          false     jdbc:h2:mem:sales                   sa        -            false   "
                        + "                10             0                          5000",
                "tenant_{name}  true      jdbc:postgresql://db/tenant_{name}  app       transaction  false   "
                        + "                 4             0                          5000");
    }

    @Test
    void databasesAddSendsOnlyWhatWasGiven() {
        Result r = sbctl("databases", "add", "reports", "--jdbc-url", "jdbc:postgresql://db/reports",
                "--username", "app", "--password-ref", "${env:REPORTS_PW}", "--pool-mode", "session",
                "--max-pool-size", "3", "--keep-warm");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("name     created\nreports  true\n");
        Request request = api.request();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/api/v1/databases/reports");
        assertThat(Json.parse(request.body())).isEqualTo(Map.of("jdbcUrl", "jdbc:postgresql://db/reports",
                "username", "app", "password", "${env:REPORTS_PW}", "poolMode", "session", "keepWarm", true,
                "pool", Map.of("maxPoolSize", 3L)));

        sbctl("databases", "add", "reports", "--jdbc-url", "jdbc:h2:mem:r");
        assertThat(Json.parse(api.requests().get(1).body())).isEqualTo(Map.of("jdbcUrl", "jdbc:h2:mem:r"));
    }

    @Test
    void databasesAddRefusesAPlaintextPassword() {
        Result r = sbctl("databases", "add", "reports", "--jdbc-url", "jdbc:h2:mem:r", "--password-ref", "hunter2");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--password-ref must be '${env:NAME}' or '${file:PATH}'")
                .doesNotContain("hunter2");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void databasesRemoveAndMove() {
        assertThat(sbctl("databases", "remove", "reports").out()).isEqualTo("name     removed\nreports  true\n");
        assertThat(sbctl("databases", "move", "sales", "--to", "jdbc:postgresql://new/sales").out())
                .isEqualTo("name   moved\nsales  true\n");

        assertThat(api.requests()).containsExactly(
                new Request("DELETE", "/api/v1/databases/reports", "", BEARER),
                new Request("POST", "/api/v1/databases/sales/move", "{\"jdbcUrl\":\"jdbc:postgresql://new/sales\"}",
                        BEARER));
    }

    @Test
    void moveRolledBackIsExitCode1() {
        api.answer("POST", "/api/v1/databases/sales/move", 409,
                "{\"error\":\"target unreachable; rolled back, sales stays where it was\"}");

        Result r = sbctl("databases", "move", "sales", "--to", "jdbc:postgresql://nowhere/sales");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sbctl: " + api.url() + ": target unreachable; rolled back, sales stays where"
                + " it was\n");
    }

    @Test
    void reloadDryRunPrintsTheDiff() {
        Result r = sbctl("reload", "--dry-run");

        assertThat(api.request()).isEqualTo(new Request("POST", "/api/v1/reload?dryRun=true", "", BEARER));
        assertThat(r.out().lines().toList()).containsExactly(
                "change            name",
                "database added    tenant_9",
                "database changed  sales",
                "user added        dave",
                "user removed      bob",
                "pool replaced     sales",
                "dry run: nothing applied");
    }

    @Test
    void reloadShowsChangeKindsItDoesNotKnow() {
        api.answer("POST", "/api/v1/reload?dryRun=true", 200, """
                {"applied":false,"changes":{"databasesAdded":[],"settingsChanged":["registry.maxPools"],
                "restartRequired":["server.listen"],"somethingNew":true}}""");

        Result r = sbctl("reload", "--dry-run");

        assertThat(r.out().lines().toList()).containsExactly(
                "change            name",
                "setting changed   registry.maxPools",
                "restart required  server.listen",
                "dry run: nothing applied");
    }

    @Test
    void reloadWithoutChanges() {
        api.answer("POST", "/api/v1/reload?dryRun=false", 200, """
                {"applied":false,"changes":{"databasesAdded":[],"poolsReplaced":[]}}""");

        assertThat(sbctl("reload").out()).isEqualTo("change  name\nno changes\n");
    }

    @Test
    void reloadApplies() {
        Result r = sbctl("-o", "json", "reload");

        assertThat(api.request().path()).isEqualTo("/api/v1/reload?dryRun=false");
        @SuppressWarnings("unchecked")
        var answer = (Map<String, Object>) ((List<?>) r.json()).getFirst();
        assertThat(answer).containsEntry("applied", true).containsKey("changes");
        assertThat(sbctl("reload").out()).endsWith("\napplied\n");
    }

    @Test
    void refusedReloadIsExitCode1WithTheReason() {
        api.answer("POST", "/api/v1/reload?dryRun=false", 400,
                "{\"error\":\"databases.sales.jdbcUrl: must not be empty\"}");

        Result r = sbctl("reload");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sbctl: " + api.url() + ": databases.sales.jdbcUrl: must not be empty\n");
    }

    @Test
    void statsOneRowPerStatistic() {
        Result r = sbctl("stats");

        assertThat(api.request()).isEqualTo(new Request("GET", "/api/v1/stats", "", BEARER));
        assertThat(r.out().lines().toList()).contains("stat                    value",
                "version                 0.1.0", "maxBackendConnections   200", "poolEvictions.explicit  0");
        @SuppressWarnings("unchecked")
        var stats = (Map<String, Object>) ((List<?>) sbctl("-o", "json", "stats").json()).getFirst();
        assertThat(stats).containsEntry("poolEvictions", Map.of("size", 1L, "idle", 2L, "explicit", 0L, "config", 0L));
    }

    @Test
    void shutdownSendsTheDrainInSeconds() {
        Result r = sbctl("shutdown", "--drain", "45s");

        assertThat(r.exit()).isZero();
        assertThat(api.request()).isEqualTo(new Request("POST", "/api/v1/shutdown", "{\"drainSeconds\":45}", BEARER));
        assertThat(r.out()).isEqualTo("draining\ntrue\n");
        sbctl("shutdown");
        assertThat(api.requests().get(1).body()).as("the server's drainTimeout").isEqualTo("{}");
    }

    @Test
    void wrongTokenIsExitCode1WithTheServersMessage() {
        Result r = run(Map.of(), "", "--server", api.url(), "--token", "nope", "pools");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("sbctl: " + api.url() + ": missing or wrong admin token\n");
        assertThat(api.request().authorization()).isEqualTo("Bearer nope");
    }

    @Test
    void noTokenSendsNoneAndSaysHowToGiveOne() {
        Result r = run(Map.of(), "", "--server", api.url(), "pools");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(api.request().authorization()).isNull();
        assertThat(r.err()).isEqualTo("sbctl: " + api.url() + ": missing or wrong admin token (no token given: use"
                + " --token or SWITCHBOARD_ADMIN_TOKEN)\n");
    }

    @Test
    void connectionRefusedIsExitCode3NamingTheServer() throws IOException {
        String dead = deadServer();

        Result r = run(Map.of(), "", "--server", dead, "--token", "t", "pools");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("sbctl: " + dead + ": connection refused\n");
    }

    @Test
    void noAnswerInTimeIsExitCode3() {
        api.slowAnswer("GET", "/api/v1/stats", 10_000, "{}");

        Result r = sbctl("--timeout", "1s", "stats");

        assertThat(r.exit()).isEqualTo(3);
        // On a loaded machine even the connect may take longer than the timeout: both are "no answer".
        assertThat(r.err()).matches("sbctl: \\Q" + api.url() + "\\E: (no answer|could not connect) within 1s\n");
    }

    @Test
    void answerThatIsNotJsonIsExitCode1() {
        api.answer("GET", "/api/v1/stats", 200, "<html>proxy error</html>");

        Result r = sbctl("stats");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("sbctl: " + api.url() + ": answer to GET /api/v1/stats is not JSON");
    }

    @Test
    void severalServersMergeRowsNamingEachServer() {
        try (var other = new AdminApiStub()) {
            other.answer("GET", "/api/v1/sessions", 200, """
                    {"sessions":[{"id":"5","user":"carol","database":"sales","client":"10.0.0.9:4000",
                    "state":"in-transaction","ageSeconds":60,"runningMillis":null}]}""");

            Result table = run(Map.of(Sbctl.TOKEN_ENV, AdminApiStub.TOKEN), "",
                    "--server", api.url(), "--server", other.url(), "sessions");
            Result json = run(Map.of(Sbctl.TOKEN_ENV, AdminApiStub.TOKEN), "",
                    "-s", api.url(), "-s", other.url(), "-o", "json", "sessions");

            assertThat(table.exit()).isZero();
            String a = api.url();
            String b = other.url();
            String pad = " ".repeat(a.length() - "server".length());
            assertThat(table.out().lines().toList()).containsExactly(
                    "server" + pad + "  id  user   database  client           state           ageSeconds"
                            + "  runningMillis",
                    a + "  17  alice  sales     127.0.0.1:50123  active                  12            340",
                    a + "  18  bob    support   127.0.0.1:50124  idle                     3              -",
                    b + "  5   carol  sales     10.0.0.9:4000    in-transaction          60              -");
            assertThat(json.exit()).isZero();
            assertThat((List<?>) json.json())
                    .extracting(o -> ((Map<?, ?>) o).get("server"), o -> ((Map<?, ?>) o).get("id"))
                    .containsExactly(tuple(a, "17"),
                            tuple(a, "18"), tuple(b, "5"));
            assertThat(((Map<?, ?>) ((List<?>) json.json()).getFirst()).keySet().iterator().next()).isEqualTo("server");
            assertThat(other.requests()).extracting(Request::authorization).containsOnly(BEARER);
        }
    }

    @Test
    void severalServersPrintWhatSucceededThenFailWithTheWorstExitCode() throws IOException {
        String dead = deadServer();

        Result r = run(Map.of(Sbctl.TOKEN_ENV, AdminApiStub.TOKEN), "",
                "--server", dead, "--server", api.url(), "evict", "sales");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("server" + " ".repeat(api.url().length() - 6) + "  database  evicted\n"
                + api.url() + "  sales     true\n");
        assertThat(r.err()).isEqualTo("sbctl: " + dead + ": connection refused\n");
    }

    @Test
    void severalServersNamePerServerNotes() {
        try (var other = new AdminApiStub()) {
            Result r = run(Map.of(Sbctl.TOKEN_ENV, AdminApiStub.TOKEN), "",
                    "--server", api.url(), "--server", other.url(), "reload", "--dry-run");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains(api.url() + "  database added    tenant_9")
                    .contains(other.url() + "  database added    tenant_9")
                    .endsWith(api.url() + ": dry run: nothing applied\n"
                            + other.url() + ": dry run: nothing applied\n");
        }
    }

    @Test
    void scramFromStdinPrintsAVerifierOfThatPassword() {
        Result r = run(Map.of(), "s3cr3t!\n", "scram", "--password-stdin");

        assertThat(r.exit()).isZero();
        String text = r.out().strip();
        assertThat(text).startsWith("SCRAM-SHA-256$4096:").doesNotContain("s3cr3t");
        ScramVerifier v = ScramVerifier.parse(text);
        assertThat(ScramVerifier.create("s3cr3t!".toCharArray(), v.salt(), v.iterations())).isEqualTo(v);
        assertThat(run(Map.of(), "s3cr3t!\n", "scram", "--password-stdin").out().strip())
                .as("a fresh salt each time").isNotEqualTo(text);
    }

    @Test
    void scramAsJsonWithIterations() {
        Result r = run(Map.of(), "pw\n", "-o", "json", "scram", "--password-stdin", "--iterations", "10000");

        @SuppressWarnings("unchecked")
        var answer = (Map<String, Object>) r.json();
        assertThat(ScramVerifier.parse((String) answer.get("verifier")).iterations()).isEqualTo(10000);
    }

    @Test
    void completionPrintsABashScript() {
        Result r = run(Map.of(), "", "completion");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("sbctl").contains("complete -F")
                .contains("databases").contains("--password-stdin");
    }

    @Test
    void usageErrorsAreExitCode2() {
        assertThat(run(Map.of(), "", "frobnicate").exit()).isEqualTo(2);
        assertThat(run(Map.of(), "").exit()).as("no command").isEqualTo(2);
        assertThat(run(Map.of(), "", "users").exit()).as("no subcommand").isEqualTo(2);
        assertThat(run(Map.of(), "", "evict").exit()).as("no database").isEqualTo(2);
        assertThat(run(Map.of(), "", "--output", "xml", "pools").exit()).isEqualTo(2);
        assertThat(run(Map.of(), "", "--timeout", "soon", "pools").exit()).isEqualTo(2);
        Result badUrl = run(Map.of(), "", "--server", "ftp://x", "pools");
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("'ftp://x' is not an http(s) URL");
    }

    @Test
    void helpListsTheExitCodes() {
        Result r = run(Map.of(), "", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Exit codes:", "3   a server could not be reached", "pools", "completion");
    }

    /** A loopback URL nobody listens on. */
    private static String deadServer() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return "http://127.0.0.1:" + port;
    }
}
