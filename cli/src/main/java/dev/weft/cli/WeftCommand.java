package dev.weft.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code weft}: the top-level command; alone it is a usage error naming the subcommands. */
@Command(name = "weft", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Weft, a NUMA-aware work-stealing ExecutorService: look at the machine, measure the pool.",
        synopsisSubcommandLabel = "(topology | bench | help)",
        footer = {"", "Exit codes: 0 success, 1 failure while running, 2 bad usage.",
                "Errors are one line on stderr; set WEFT_DEBUG=1 for stack traces of unexpected errors."})
final class WeftCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("weft: missing command: use 'weft topology' or 'weft bench' (see 'weft --help')");
        return Main.EXIT_USAGE;
    }
}
