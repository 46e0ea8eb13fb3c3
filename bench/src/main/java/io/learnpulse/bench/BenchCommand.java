package io.learnpulse.bench;

import io.learnpulse.cli.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code learnpulse bench [--quick]} (docs/cli.md): the benchmark. It runs in a JVM of its own on a
 * snapshot of the classpath ({@link BenchMain#runFromSnapshot}), where this command runs again as
 * {@code ChildMain bench} and measures.
 */
@Command(name = "bench", description = {
        "The benchmark: every measurement of bench/README.md in one run, one table (bench/results/latest.md).",
        "About 20 minutes on 2 cores; --quick proves the harness in a few; --rows runs chosen rows."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options = new BenchOptions();

    /** The options of these arguments, as {@code learnpulse bench} reads them. */
    static BenchOptions parse(String... args) {
        BenchCommand command = Cli.parse(new BenchCommand(), args);
        return command.options.resolve(command.spec.commandLine().getParseResult());
    }

    /** The arguments after {@code bench}: what the parse saw, less the verbs before (the root takes no values). */
    private List<String> ownArguments() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        return spec.parent() == null ? all : all.subList(all.indexOf(spec.name()) + 1, all.size());
    }

    @Override
    public Integer call() throws Exception {
        options.resolve(spec.commandLine().getParseResult());
        if (!BenchMain.onSnapshot()) {
            return BenchMain.runFromSnapshot(ownArguments());
        }
        Path written = BenchMain.run(options);
        spec.commandLine().getErr().println("bench: table written to " + written);
        return Cli.DONE;
    }
}
