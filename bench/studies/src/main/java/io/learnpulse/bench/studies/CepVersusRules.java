package io.learnpulse.bench.studies;

import io.learnpulse.cli.Cli;
import io.learnpulse.job.EventTimeWatermarks;
import io.learnpulse.job.LearnpulseTopology;
import io.learnpulse.job.functions.RejectionRouter;
import io.learnpulse.job.io.RecordFileFormat;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Why the rules are one keyed function and not Flink CEP: the same file through (a) a CEP pattern
 * for one rule alone (three consecutive low scores) and (b) learnpulse's rule operator running all
 * six rules, both on RocksDB, parallelism 1. Prints events/s of each and their ratio. A measurement,
 * not a test; how to run it and its committed result: {@code bench/studies/results/cep-vs-rules.md}.
 */
@Command(name = "cep-versus-rules", description = "The rule operator against a Flink CEP pattern, on the same file.")
public final class CepVersusRules implements Callable<Integer> {
    @Option(names = "--learners", paramLabel = "N", description = "Synthetic learners of the file.")
    int learners = 5000;

    @Option(names = "--days", paramLabel = "D", description = "Days of their activity.")
    int days = 14;

    public static void main(String[] args) {
        System.exit(Cli.run(new CepVersusRules(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path file = Files.createTempFile("learnpulse-cep-", ".jsonl");
        long events;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            events = new SyntheticLearners(42, learners, Instant.parse("2026-01-05T00:00:00Z"), 0.0, 6.0).write(days, out);
        }
        try {
            double rules = run(file, false);
            double cep = run(file, true);
            System.out.printf(Locale.ROOT, "%n| %,d events, RocksDB, parallelism 1 | events/s | ratio |%n|---|---|---|%n", events);
            System.out.printf(Locale.ROOT, "| learnpulse rule operator, all six rules | %,.0f | 1.00 |%n", events / rules);
            System.out.printf(Locale.ROOT, "| Flink CEP, CONSECUTIVE_LOW_SCORES alone | %,.0f | %.2f |%n", events / cep, rules / cep);
        } finally {
            Files.deleteIfExists(file);
        }
        return Cli.DONE;
    }

    /** Seconds to run the file through the rules or the CEP pattern. */
    private static double run(Path file, boolean cep) throws Exception {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        config.set(RocksDBOptions.TIMER_SERVICE_FACTORY, PriorityQueueStateType.HEAP);
        config.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
        DataStream<InputRecord> input = env
                .fromSource(FileSource.forRecordStreamFormat(new RecordFileFormat(InputFormat.JSONL),
                                new org.apache.flink.core.fs.Path(file.toUri())).build(),
                        EventTimeWatermarks.forBoundedInput(Duration.ofMinutes(1)), "file")
                .uid("file");
        if (cep) {
            DataStream<ActivityEvent> assessments = input.process(new RejectionRouter()).uid("route")
                    .filter(e -> e.type == EventType.ASSESSMENT).uid("assessments");
            Pattern<ActivityEvent, ?> lowStreak = Pattern
                    .<ActivityEvent>begin("low", AfterMatchSkipStrategy.skipPastLastEvent())
                    .where(SimpleCondition.of(e -> e.score < 0.60))
                    .times(3)
                    .consecutive();
            CEP.pattern(assessments.keyBy(e -> e.userId), lowStreak)
                    .inEventTime()
                    .process(new PatternProcessFunction<ActivityEvent, String>() {
                        @Override
                        public void processMatch(Map<String, List<ActivityEvent>> match, Context ctx, Collector<String> out) {
                            out.collect(match.get("low").get(2).eventId);
                        }
                    })
                    .uid("cep")
                    .sinkTo(new DiscardingSink<>()).uid("cep-sink");
        } else {
            env.getConfig().enableObjectReuse(); // as the job and the replay run the topology
            LearnpulseTopology.Outputs outputs = LearnpulseTopology.build(input,
                    LearnpulseTopology.boundedState(env, List.of(), List.of()), List.of(), List.of(), RuleConfig.defaults(),
                    Clock.systemUTC());
            outputs.alerts.sinkTo(new DiscardingSink<>()).uid("alerts");
            outputs.dailyFigures.sinkTo(new DiscardingSink<>()).uid("figures");
            outputs.deadLetters.sinkTo(new DiscardingSink<>()).uid("dead-letters");
        }
        return env.execute(cep ? "cep" : "rules").getNetRuntime() / 1e3;
    }
}
