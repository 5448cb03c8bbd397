package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "resume", description = "Resume a paused database.")
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "DB", description = "Database name.") String database;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, List.of(), client -> Reply.of(client.resume(database)));  // POST …/pools/{db}/resume
    }
}
