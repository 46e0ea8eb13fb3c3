package io.learnpulse.job;

import io.learnpulse.cli.Cli;
import io.learnpulse.cli.OptionTable;
import io.learnpulse.cli.SpecifiedCommand;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code learnpulse job} (docs/cli.md) and {@code flink run learnpulse-job.jar}: its options are
 * {@link JobOptions#all()}, so the Flink configuration, the help and the README's table are one list.
 */
public final class JobCommand implements SpecifiedCommand, Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("job");
    private final OptionTable options = OptionTable.addTo(spec, ConfigOptionArguments.rows(JobOptions.all()));

    public JobCommand() {
        spec.usageMessage().description(
                "The streaming job: activity in from Kafka; alerts, daily figures and dead letters out to Kafka.",
                "Here it runs on a local Flink; learnpulse-job.jar takes the same options on a cluster (flink run).");
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    /** The options given, read and checked; once the arguments are parsed. */
    Configuration options() {
        return JobOptions.read(options.values());
    }

    @Override
    public Integer call() throws Exception {
        LearnpulseJob.run(options());
        return Cli.DONE;
    }
}
