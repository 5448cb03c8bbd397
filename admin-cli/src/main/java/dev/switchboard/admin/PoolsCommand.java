package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "pools", description = "List the open backend pools: mode, state, size, active, idle, waiting.")
final class PoolsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("database", "mode", "state", "maxPoolSize", "active", "idle",
            "waiting", "total", "keepWarm", "createdAt", "lastUsedAt");

    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, COLUMNS, client -> Reply.of(client.pools()));          // GET /api/v1/pools
    }
}
