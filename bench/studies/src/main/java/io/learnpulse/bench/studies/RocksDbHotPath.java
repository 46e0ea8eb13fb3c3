package io.learnpulse.bench.studies;

import io.learnpulse.cli.Cli;
import io.learnpulse.job.EventTimeWatermarks;
import io.learnpulse.job.LearnpulseTopology;
import io.learnpulse.job.io.RecordFileFormat;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The rule operator's hot path on RocksDB in one JVM, so that a profiler sees nothing else (issue
 * 12): the bench's workload (seeded, Zipf-skewed learners enrolled in their course) from a file
 * through the job's topology on RocksDB (incremental checkpoints, heap timers, exactly-once
 * checkpoints every 10 s, parallelism 2, object reuse) into discarding sinks; beside it, on the same
 * file, the stateless ceiling (parse and write each event as JSON) and the same topology on the heap
 * backend. Prints events/s and events per CPU-second of each, and their ratios to the ceiling. A measurement, not a test; how to
 * run it under JFR and its committed result: {@code bench/results/profile.md}.
 */
@Command(name = "rocksdb-hot-path", description = "The rule operator on RocksDB against the stateless ceiling, on one file.")
public final class RocksDbHotPath implements Callable<Integer> {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    @Option(names = "--learners", paramLabel = "N", description = "Learners of the workload.")
    int learners = 10_000;

    @Option(names = "--events", paramLabel = "N", description = "Events of the workload.")
    long events = 500_000;

    @Option(names = "--zipf", paramLabel = "S", description = "Zipf exponent of activity across learners.")
    double zipf = 0.5;

    @Option(names = "--busiest-events-per-day", paramLabel = "N", description = "Mean events of the busiest learner on an active day.")
    double busiestEventsPerDay = 40;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism of each job.")
    int parallelism = 2;

    @Option(names = "--checkpoint-interval", paramLabel = "S", description = "Seconds between checkpoints.")
    int checkpointSeconds = 10;

    @Option(names = "--runs", paramLabel = "RUN", split = ",",
            description = "Which runs, in order: ceiling, rocksdb, hashmap (a run may repeat).")
    List<String> runs = List.of("ceiling", "rocksdb", "hashmap", "ceiling", "rocksdb", "hashmap");

    public static void main(String[] args) {
        System.exit(Cli.run(new RocksDbHotPath(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("learnpulse-hot-path-");
        Path file = work.resolve("events");
        long written = write(file);
        try {
            System.out.printf(Locale.ROOT, "%n| %,d events of %,d learners, parallelism %d | events/s | × ceiling "
                    + "| events per CPU-s | × ceiling |%n|---|---:|---:|---:|---:|%n", written, learners, parallelism);
            double ceiling = Double.NaN;
            double ceilingPerCpu = Double.NaN;
            for (String run : runs) {
                double cpu0 = processCpuSeconds();
                double rate = written / seconds(file, work, run);
                double perCpu = written / (processCpuSeconds() - cpu0);
                if (run.equals("ceiling")) {
                    ceiling = rate;
                    ceilingPerCpu = perCpu;
                }
                System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f | %,.0f | %.2f |%n", run, rate, rate / ceiling,
                        perCpu, perCpu / ceilingPerCpu);
            }
        } finally {
            // quietly: the last job's checkpoints may still be going away as Flink subsumes them
            org.apache.flink.util.FileUtils.deleteDirectoryQuietly(work.toFile());
        }
        return Cli.DONE;
    }

    /**
     * The bench's steady workload, day after day of the same learners until the event budget is
     * spent, in four files split by learner like the bench's four Kafka partitions (each file one
     * split of the source, in event-time order).
     */
    private long write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SyntheticLearners population = new SyntheticLearners(42, learners, START, zipf, busiestEventsPerDay);
        BufferedWriter[] parts = new BufferedWriter[4];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Files.newBufferedWriter(dir.resolve("part-" + i + ".jsonl"), StandardCharsets.UTF_8);
        }
        long[] count = {0};
        try {
            for (int day = 0; count[0] < events; day++) {
                population.generateDay(day, event -> {
                    if (count[0] < events) {
                        try {
                            BufferedWriter out = parts[Math.floorMod(event.userId.hashCode(), parts.length)];
                            out.write(event.json);
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        count[0]++;
                    }
                });
            }
        } finally {
            for (BufferedWriter part : parts) {
                part.close();
            }
        }
        return count[0];
    }

    /**
     * CPU-seconds this JVM has used: on a machine shared with other work, events per CPU-second
     * compare runs better than events per second do.
     */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Seconds of one run over the file, as Flink reports the job's run time. */
    private double seconds(Path file, Path work, String run) throws Exception {
        Configuration config = new Configuration();
        if (!run.equals("ceiling")) {
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(checkpointSeconds));
            config.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints-" + run).toUri().toString());
            // as LearnpulseJob.flinkConfiguration sets them
            if (run.equals("rocksdb")) {
                config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
                config.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
                config.set(RocksDBOptions.TIMER_SERVICE_FACTORY, PriorityQueueStateType.HEAP);
            } else if (run.equals("hashmap")) {
                config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
            } else {
                throw new IllegalArgumentException("unknown run: " + run + " (expected ceiling, rocksdb or hashmap)");
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        env.getConfig().enableObjectReuse(); // as the job and the replay run the topology
        DataStream<InputRecord> input = env
                .fromSource(FileSource.forRecordStreamFormat(new RecordFileFormat(InputFormat.JSONL),
                                new org.apache.flink.core.fs.Path(file.toUri())).build(),
                        EventTimeWatermarks.forBoundedInput(Duration.ofMinutes(1)), "file")
                .uid("file");
        if (run.equals("ceiling")) {
            input.map(record -> record.isEvent() ? JsonCodec.event(record.event) : JsonCodec.deadLetter(record.rejection))
                    .returns(Types.STRING).uid("ceiling")
                    .sinkTo(new DiscardingSink<>()).uid("ceiling-sink");
        } else {
            LearnpulseTopology.Outputs outputs = LearnpulseTopology.build(input,
                    LearnpulseTopology.boundedState(env, List.of(), List.of()), List.of(), List.of(), RuleConfig.defaults(),
                    Clock.systemUTC());
            outputs.alerts.sinkTo(new DiscardingSink<>()).uid("alerts");
            outputs.dailyFigures.sinkTo(new DiscardingSink<>()).uid("figures");
            outputs.deadLetters.sinkTo(new DiscardingSink<>()).uid("dead-letters");
        }
        return env.execute(run).getNetRuntime() / 1e3;
    }
}
