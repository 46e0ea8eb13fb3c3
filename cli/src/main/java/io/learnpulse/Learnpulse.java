package io.learnpulse;

import io.learnpulse.analysis.EvaluateCommand;
import io.learnpulse.analysis.FitRiskCommand;
import io.learnpulse.analysis.ImportOuladCommand;
import io.learnpulse.bench.BenchCommand;
import io.learnpulse.cli.Cli;
import io.learnpulse.demo.DemoCommand;
import io.learnpulse.demo.PublishCommand;
import io.learnpulse.gateway.GatewayCommand;
import io.learnpulse.job.JobCommand;
import io.learnpulse.job.replay.ReplayCommand;
import io.learnpulse.synthetic.GenerateCommand;

/**
 * {@code bin/learnpulse}: every verb of every module under one command (docs/cli.md). A new verb is
 * a picocli command in its module ({@link io.learnpulse.cli.Cli} explains what it may be) and one
 * line here.
 */
public final class Learnpulse {
    private Learnpulse() {}

    public static void main(String[] args) {
        System.exit(Cli.run(Cli.root("Watches learner activity and raises alerts while a learner struggles or shines.",
                new DemoCommand(),
                new ReplayCommand(),
                new ImportOuladCommand(),
                new EvaluateCommand(),
                new FitRiskCommand(),
                new JobCommand(),
                new GatewayCommand(),
                new BenchCommand(),
                new GenerateCommand(),
                new PublishCommand()), System.out, System.err, args));
    }
}
