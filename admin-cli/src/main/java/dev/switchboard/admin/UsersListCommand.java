package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List users and the databases each may reach (never their verifiers).")
final class UsersListCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("name", "databases", "default", "validUntil", "maxClientConnections");

    @ParentCommand UsersCommand users;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return users.root.run(spec, COLUMNS, client -> Reply.of(client.users()));    // GET /api/v1/users
    }
}
