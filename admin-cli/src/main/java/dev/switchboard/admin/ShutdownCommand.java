package dev.switchboard.admin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "shutdown", description = {"Stop the proxy: stop accepting, let work in flight finish for up to the "
        + "drain time, then exit.", "Returns once the server has started draining."})
final class ShutdownCommand implements Callable<Integer> {
    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;
    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long work in flight may take to finish (default: the server's registry.drainTimeout).")
    Duration drain;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, List.of(), client -> Reply.of(client.shutdown(drain)));   // POST /api/v1/shutdown
    }
}
