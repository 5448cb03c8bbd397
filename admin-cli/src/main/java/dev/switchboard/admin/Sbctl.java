package dev.switchboard.admin;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sbctl}, the operators' CLI over the admin HTTP API ({@code docs/admin-api.md}). This root command holds the
 * options every subcommand shares and {@link #run}, which fans one call out to every {@code --server} and merges the
 * answers; each subcommand is its own class.
 *
 * <p>Exit codes: 0 success; 1 a server answered with an error (or a password was refused); 2 usage error; 3 a server
 * could not be reached. With several servers, the worst of them, after printing what succeeded.
 */
@Command(name = "sbctl", mixinStandardHelpOptions = true, versionProvider = Sbctl.Version.class,
        description = "Operates running Switchboard proxies through their admin HTTP API.",
        subcommands = {PoolsCommand.class, EvictCommand.class, PauseCommand.class, ResumeCommand.class,
                SessionsCommand.class, KillCommand.class, UsersCommand.class, DatabasesCommand.class,
                ReloadCommand.class, StatsCommand.class, ShutdownCommand.class, ScramCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a server answered with an error", "2:usage error",
                "3:a server could not be reached"},
        footer = {"", "With several --server options a command runs on every server; rows name their server."})
public final class Sbctl {
    static final String DEFAULT_SERVER = "http://127.0.0.1:7433";
    static final String TOKEN_ENV = "SWITCHBOARD_ADMIN_TOKEN";
    static final int OK = 0;

    @Option(names = {"-s", "--server"}, paramLabel = "URL", scope = ScopeType.INHERIT,
            converter = ServerConverter.class,
            description = "Admin URL of a server; repeat to act on every replica (default " + DEFAULT_SERVER + ").")
    List<String> servers = new ArrayList<>();

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "Admin token (default: env " + TOKEN_ENV + ").")
    String token;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            completionCandidates = FormatNames.class,
            description = "table or json (default table).")
    Output.Format format = Output.Format.TABLE;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "How long to wait for each server, as 500ms, 10s, 2m (default 10s).")
    Duration timeout = Duration.ofSeconds(10);

    private final Map<String, String> env;
    private final PasswordReader passwords;

    /**
     * @param env     the environment ({@value #TOKEN_ENV})
     * @param stdin   where passwords come from without a terminal
     * @param console the terminal, or {@code null}
     */
    Sbctl(Map<String, String> env, InputStream stdin, Console console) {
        this.env = Map.copyOf(env);
        this.passwords = new PasswordReader(console, stdin);
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), System.in, System.console()).execute(args));
    }

    /** The command line {@link #main} runs, for tests to call {@code execute} on with their own writers. */
    static CommandLine commandLine(Map<String, String> env, InputStream stdin, Console console) {
        return new CommandLine(new Sbctl(env, stdin, console))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new OneLineErrors());
    }

    Output output() {
        return new Output(format);
    }

    PasswordReader passwords() {
        return passwords;
    }

    /**
     * Runs {@code call} on every server at once (one virtual thread each) and prints, in {@code --server} order,
     * what succeeded as one table or JSON array, then one line on stderr per server that failed. With several
     * servers, each row and JSON object starts with a {@code server} field naming its server.
     *
     * @param command the subcommand, whose writers are used
     * @param columns the table's columns (see {@link Output#render}); {@code server} is added in front when needed
     * @return the exit code: 0, or the highest of the failures' ({@link AdminException#exitCode()})
     */
    int run(CommandSpec command, List<String> columns, Reply.Call call) throws InterruptedException {
        List<String> targets = servers.isEmpty() ? List.of(DEFAULT_SERVER) : servers;
        boolean several = targets.size() > 1;
        String bearer = token != null ? token : env.get(TOKEN_ENV);
        var rows = new ArrayList<Map<String, Object>>();
        var json = new ArrayList<Map<String, Object>>();
        var notes = new ArrayList<String>();
        var failures = new ArrayList<AdminException>();
        try (var http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)                      // no h2c upgrade dance with the server
                .followRedirects(HttpClient.Redirect.NEVER)                // never carry the token elsewhere
                .build();
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<Reply>>();
            for (String server : targets) {
                var client = new AdminClient(http, server, bearer, timeout);
                answers.add(threads.submit(() -> call.on(client)));
            }
            for (int i = 0; i < targets.size(); i++) {
                try {
                    Reply reply = answers.get(i).get();
                    String server = several ? targets.get(i) : null;
                    reply.rows().forEach(r -> rows.add(named(server, r)));
                    reply.json().forEach(r -> json.add(named(server, r)));
                    reply.notes().forEach(n -> notes.add(several ? server + ": " + n : n));
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case AdminException failure -> failures.add(failure);
                        case RuntimeException bug -> throw bug;
                        case Error bug -> throw bug;
                        case Throwable other -> throw new IllegalStateException(other);
                    }
                }
            }
        }
        PrintWriter out = command.commandLine().getOut();
        if (failures.size() < targets.size()) {
            Output output = output();
            if (output.format() == Output.Format.JSON) {
                out.println(output.render(json, List.of()));
            } else {
                List<String> cols = several && !columns.isEmpty() ? withServer(columns) : columns;
                String table = output.render(rows, cols);
                if (!table.isEmpty()) out.println(table);
                notes.forEach(out::println);
            }
        }
        out.flush();
        PrintWriter err = command.commandLine().getErr();
        failures.forEach(f -> err.println(f.line()));
        err.flush();
        return failures.stream().mapToInt(AdminException::exitCode).max().orElse(OK);
    }

    private static Map<String, Object> named(String server, Map<String, Object> row) {
        if (server == null) return row;
        var named = new LinkedHashMap<String, Object>();
        named.put("server", server);
        row.forEach((k, v) -> {
            if (!k.equals("server")) named.put(k, v);
        });
        return named;
    }

    private static List<String> withServer(List<String> columns) {
        var all = new ArrayList<String>(columns.size() + 1);
        all.add("server");
        all.addAll(columns);
        return all;
    }

    /** Anything a command throws other than a usage error: one line on stderr, exit code 1. */
    static final class OneLineErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
            String line = switch (e) {
                case AdminException a -> a.line();
                case PasswordReader.PasswordException p -> "sbctl: " + p.getMessage();
                case RuntimeException bug -> "sbctl: internal error: " + bug;
                default -> "sbctl: " + Objects.requireNonNullElse(e.getMessage(), e.toString());
            };
            cmd.getErr().println(line);
            cmd.getErr().flush();
            return e instanceof AdminException a ? a.exitCode() : ServerErrorException.EXIT_CODE;
        }
    }

    /** {@code --server}: an absolute http or https URL with a host; kept as given, without trailing slashes. */
    static final class ServerConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                var uri = new URI(AdminClient.stripSlash(value));
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                    throw new TypeConversionException(
                            "'" + value + "' is not an http(s) URL such as " + DEFAULT_SERVER);
                }
                return uri.toString();
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a URL: " + e.getReason());
            }
        }
    }

    /** Completion candidates for {@code --output}, in the case people type. */
    static final class FormatNames extends ArrayList<String> {
        FormatNames() {
            super(List.of("table", "json"));
        }
    }

    /** The version in the jar's manifest (set by the shade plugin), or "dev" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Sbctl.class.getPackage().getImplementationVersion();
            return new String[] {"sbctl " + (v == null ? "dev" : v)};
        }
    }
}
