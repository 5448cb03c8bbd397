package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List databases and templates with their pool settings (never passwords).")
final class DatabasesListCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("name", "template", "jdbcUrl", "username", "poolMode", "keepWarm",
            "pool.maxPoolSize", "pool.minIdle", "pool.connectionTimeoutMillis");

    @ParentCommand DatabasesCommand databases;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return databases.root.run(spec, COLUMNS, client -> Reply.of(client.databases()));   // GET /api/v1/databases
    }
}
