package dev.switchboard.admin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "move", description = {"Move a database to another backend: verify the target, pause, drain, switch, "
        + "resume.", "On failure the server rolls back and the database stays where it was (exit code 1)."})
final class DatabasesMoveCommand implements Callable<Integer> {
    @ParentCommand DatabasesCommand databases;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "Database name.") String name;
    @Option(names = "--to", required = true, paramLabel = "URL", description = "The new backend's JDBC URL.")
    String jdbcUrl;
    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the move, drain included (default 2m); not --timeout.")
    Duration wait = Duration.ofMinutes(2);

    @Override
    public Integer call() throws InterruptedException {
        return databases.root.run(spec, List.of(),
                client -> Reply.of(client.move(name, jdbcUrl, wait)));            // POST /api/v1/databases/{name}/move
    }
}
