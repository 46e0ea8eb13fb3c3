package io.learnpulse.job;

import io.learnpulse.cli.Cli;
import io.learnpulse.job.kafka.JsonRecordSerializer;
import io.learnpulse.job.kafka.KafkaConnectors;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.records.StateInput;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live job (docs/cli.md: {@code learnpulse job}, {@code flink run learnpulse-job.jar}): the
 * shared {@link LearnpulseTopology} between Kafka sources of activity, of the course calendar and of the settings, and
 * Kafka sinks of alerts, daily figures, risk scores and dead letters, checkpointed, on RocksDB by default.
 */
public final class LearnpulseJob {
    public static final String JOB_NAME = "learnpulse";

    private LearnpulseJob() {}

    /** The job jar's entry ({@code flink run}): the same command line as {@code learnpulse job}. */
    public static void main(String[] args) {
        int status = Cli.run(new JobCommand(), args);
        if (status != Cli.DONE) {
            System.exit(status);
        }
    }

    /** Runs the job with these options until it is cancelled (or, on a cluster, submits it). */
    static void run(Configuration options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(options));
        if (env instanceof LocalStreamEnvironment && !options.contains(JobOptions.CHECKPOINT_DIR)) {
            // a local run has no cluster configuration: keep its checkpoints on disk, not in memory
            env.configure(localCheckpointDirectory());
        }
        build(env, options);
        env.execute(JOB_NAME);
    }

    /**
     * The Flink settings the job's options imply: checkpointing, state backend, timers. They are
     * job-level settings, so they apply on a cluster too (over its {@code config.yaml}).
     */
    public static Configuration flinkConfiguration(Configuration options) {
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.NAME, JOB_NAME);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.get(JobOptions.CHECKPOINT_INTERVAL));
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        options.getOptional(JobOptions.CHECKPOINT_DIR)
                .ifPresent(dir -> flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
        if (JobOptions.backend(options) == JobOptions.Backend.ROCKSDB) {
            flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            // only timers restored from an earlier version's savepoint (the rule operator registers none)
            flink.set(RocksDBOptions.TIMER_SERVICE_FACTORY, JobOptions.timersOnHeap(options)
                    ? PriorityQueueStateType.HEAP : PriorityQueueStateType.ROCKSDB);
        } else {
            flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        }
        return flink;
    }

    /** Adds the job to {@code env}: the Kafka source, the topology, the four Kafka sinks. */
    public static void build(StreamExecutionEnvironment env, Configuration options) {
        build(env, options, UnaryOperator.identity(), Clock.systemUTC());
    }

    /**
     * The same with {@code sourceStage} applied to the source's stream before the topology: the
     * place where a test plugs in a stage of its own (such as one that fails the job once); and
     * {@code clock}, which gives the alerts' {@code detectedAt} (a test fixes it).
     */
    public static void build(StreamExecutionEnvironment env, Configuration options,
            UnaryOperator<DataStream<InputRecord>> sourceStage, Clock clock) {
        options.getOptional(JobOptions.PARALLELISM).ifPresent(env::setParallelism);
        env.getConfig().enableObjectReuse(); // the topology is safe with it (see LearnpulseTopology)
        DataStream<InputRecord> input = sourceStage.apply(env
                .fromSource(KafkaConnectors.activitySource(options),
                        EventTimeWatermarks.forLiveInput(options.get(RuleOptions.OUT_OF_ORDERNESS),
                                options.get(JobOptions.IDLENESS)),
                        "kafka-activity")
                .uid("kafka-activity"));
        // one reader each: calendar and settings are small, and one subtask keeps their records in topic order
        DataStream<StateInput> calendar = env
                .fromSource(KafkaConnectors.calendarSource(options), EventTimeWatermarks.forStateInput(), "kafka-calendar")
                .uid("kafka-calendar")
                .setParallelism(1);
        DataStream<StateInput> settings = env
                .fromSource(KafkaConnectors.settingsSource(options), EventTimeWatermarks.forStateInput(), "kafka-settings")
                .uid("kafka-settings")
                .setParallelism(1);
        LearnpulseTopology.Outputs outputs = LearnpulseTopology.build(input, calendar.union(settings), List.of(),
                List.of(), RuleOptions.ruleConfig(options), clock);
        outputs.alerts
                .sinkTo(KafkaConnectors.sink(options, "alerts",
                        JsonRecordSerializer.alerts(options.get(JobOptions.ALERTS_TOPIC))))
                .name("kafka-alerts")
                .uid("kafka-alerts");
        outputs.dailyFigures
                .sinkTo(KafkaConnectors.sink(options, "metrics",
                        JsonRecordSerializer.dailyFigures(options.get(JobOptions.METRICS_TOPIC))))
                .name("kafka-metrics")
                .uid("kafka-metrics");
        outputs.riskScores
                .sinkTo(KafkaConnectors.sink(options, "risk",
                        JsonRecordSerializer.learnerRisk(options.get(JobOptions.RISK_TOPIC))))
                .name("kafka-risk")
                .uid("kafka-risk");
        outputs.deadLetters
                .sinkTo(KafkaConnectors.sink(options, "dlq",
                        JsonRecordSerializer.deadLetters(options.get(JobOptions.DLQ_TOPIC))))
                .name("kafka-dlq")
                .uid("kafka-dlq");
    }

    private static Configuration localCheckpointDirectory() {
        Configuration local = new Configuration();
        local.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "learnpulse-checkpoints").toUri().toString());
        return local;
    }
}
