package dev.switchboard.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "databases", description = "List, add, remove or move databases (written durably: catalog or config "
        + "file).",
        subcommands = {DatabasesListCommand.class, DatabasesAddCommand.class, DatabasesRemoveCommand.class,
                DatabasesMoveCommand.class})
final class DatabasesCommand {
    @ParentCommand Sbctl root;
}
