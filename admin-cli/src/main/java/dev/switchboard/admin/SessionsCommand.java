package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "sessions", description = "List client sessions: user, database, client, state, age, running time.")
final class SessionsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("id", "user", "database", "client", "state", "ageSeconds",
            "runningMillis");

    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, COLUMNS, client -> Reply.of(client.sessions()));       // GET /api/v1/sessions
    }
}
