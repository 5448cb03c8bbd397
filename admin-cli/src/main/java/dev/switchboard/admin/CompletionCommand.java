package dev.switchboard.admin;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = {"Print a bash (and zsh) completion script for sbctl.",
        "Use: source <(sbctl completion), or save it under /etc/bash_completion.d/sbctl."})
final class CompletionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("sbctl", spec.root().commandLine()));
        out.flush();
        return Sbctl.OK;
    }
}
