package dev.switchboard.admin;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "kill", description = "Close one client session (its transaction is rolled back).")
final class KillCommand implements Callable<Integer> {
    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "Session id, as `sbctl sessions` shows it.") String id;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, List.of(), client -> Reply.of(client.kill(id)));       // DELETE /api/v1/sessions/{id}
    }
}
