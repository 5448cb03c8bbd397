package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "remove", description = "Remove a database; its pool is retired (work in flight finishes).")
final class DatabasesRemoveCommand implements Callable<Integer> {
    @ParentCommand DatabasesCommand databases;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "Database name.") String name;

    @Override
    public Integer call() throws InterruptedException {
        return databases.root.run(spec, List.of(),
                client -> Reply.of(client.removeDatabase(name)));                 // DELETE /api/v1/databases/{name}
    }
}
