package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "remove", description = "Remove a user; its sessions stay open until they end.")
final class UsersRemoveCommand implements Callable<Integer> {
    @ParentCommand UsersCommand users;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "User name.") String name;

    @Override
    public Integer call() throws InterruptedException {
        return users.root.run(spec, List.of(),
                client -> Reply.of(client.removeUser(name)));                     // DELETE /api/v1/users/{name}
    }
}
