package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "evict", description = "Retire the pool of one database (work in flight finishes first).")
final class EvictCommand implements Callable<Integer> {
    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "DB", description = "Database name.") String database;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, List.of(), client -> Reply.of(client.evict(database)));   // POST /api/v1/pools/{db}/evict
    }
}
