package dev.switchboard.admin;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Adds or replaces a database. A backend password can only be given as a reference the server resolves
 * ({@code ${env:…}} or {@code ${file:…}}): a password typed on a command line would end up in shell history.
 */
@Command(name = "add", description = {"Add a database (or a template such as tenant_{name}), or replace one of the "
        + "same name.", "Omitted settings take the server's defaults."})
final class DatabasesAddCommand implements Callable<Integer> {
    static final Pattern SECRET_REF = Pattern.compile("\\$\\{(env|file):[^}]+}");

    /** The values of {@code --pool-mode}. */
    enum PoolMode { TRANSACTION, SESSION }

    @ParentCommand DatabasesCommand databases;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "Database name, or a template with {name}.")
    String name;
    @Option(names = "--jdbc-url", required = true, paramLabel = "URL", description = "Backend JDBC URL, no password.")
    String jdbcUrl;
    @Option(names = "--username", paramLabel = "USER", description = "Backend user.")
    String username;
    @Option(names = "--password-ref", paramLabel = "REF",
            description = "Backend password as a reference: '${env:NAME}' or '${file:PATH}' (quote it).")
    String passwordRef;
    @Option(names = "--pool-mode", paramLabel = "MODE", completionCandidates = PoolModeNames.class,
            description = "transaction or session (default: the server's).")
    PoolMode poolMode;
    @Option(names = "--max-pool-size", paramLabel = "N", description = "Most backend connections for this database.")
    Integer maxPoolSize;
    @Option(names = "--keep-warm", negatable = true,
            description = "Keep the pool open even when idle (--no-keep-warm: the default).")
    Boolean keepWarm;

    @Override
    public Integer call() throws InterruptedException {
        if (passwordRef != null && !SECRET_REF.matcher(passwordRef).matches()) {
            throw new ParameterException(spec.commandLine(),
                    "--password-ref must be '${env:NAME}' or '${file:PATH}', never the password itself");
        }
        var database = new AdminClient.DatabaseSpec(jdbcUrl, username, passwordRef,
                poolMode == null ? null : poolMode.name().toLowerCase(Locale.ROOT), keepWarm, maxPoolSize);
        return databases.root.run(spec, List.of(),
                client -> Reply.of(client.putDatabase(name, database)));          // PUT /api/v1/databases/{name}
    }

    /** Completion candidates for {@code --pool-mode}, in the case people type. */
    static final class PoolModeNames extends java.util.ArrayList<String> {
        PoolModeNames() {
            super(List.of("transaction", "session"));
        }
    }
}
