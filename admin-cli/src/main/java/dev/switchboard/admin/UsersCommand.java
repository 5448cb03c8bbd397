package dev.switchboard.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "users", description = "List, add or remove users (written durably: catalog or config file).",
        subcommands = {UsersListCommand.class, UsersAddCommand.class, UsersRemoveCommand.class})
final class UsersCommand {
    @ParentCommand Sbctl root;
}
