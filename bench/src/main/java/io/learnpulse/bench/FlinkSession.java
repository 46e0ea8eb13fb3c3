package io.learnpulse.bench;

import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.learnpulse.job.kafka.KafkaConnectors;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.testkit.FlinkRest;
import io.learnpulse.testkit.Wait;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One local Flink cluster child process and the jobs the bench submits to it, one at a time: the
 * live job exactly as {@code learnpulse job} builds it ({@link LearnpulseJob#build}), or the
 * stateless ceiling job. The bench starts one for each kind of job it measures ({@link FlinkClusters}).
 */
final class FlinkSession implements AutoCloseable {
    private final Child child;
    private final int port;
    private final FlinkRest rest;

    private FlinkSession(Child child, int port) {
        this.child = child;
        this.port = port;
        this.rest = FlinkRest.onLocalPort(port);
    }

    /** Starts the cluster process {@code name} (its log: {@code logDir/<name>.library.log}) with {@code slots} slots. */
    static FlinkSession start(java.nio.file.Path logDir, String name, int slots) throws Exception {
        Child child = Child.start(name, logDir, "2g", "flink",
                java.util.List.of("--slots", Integer.toString(slots), "--managed-mb", "512"));
        int port = Integer.parseInt(child.await("ready", Duration.ofMinutes(2)));
        return new FlinkSession(child, port);
    }

    FlinkRest rest() {
        return rest;
    }

    /**
     * The records into the job's task whose name contains {@code taskNamePart}, summed over its
     * subtasks, as its counters stand now: asked of the cluster's process ({@link RecordsInReporter}),
     * which costs the cluster no metric fetch.
     */
    long recordsIn(String jobId, String taskNamePart) throws InterruptedException {
        return Long.parseLong(child.ask("records-in " + jobId + " " + taskNamePart, "records-in", Duration.ofSeconds(10)));
    }

    /**
     * Collects the cluster process's garbage (a full GC) and waits for it, so that a throughput run
     * starts on a heap without the garbage of the runs before it: a collection of that garbage then
     * falls in no measured drain, or in some and not others.
     */
    void collectGarbage() throws InterruptedException {
        child.ask("gc", "gc", Duration.ofSeconds(60));
    }

    Child child() {
        return child;
    }

    /** Submits the live job with these options ({@code --key value} of JobOptions and RuleOptions). */
    JobClient submitJob(Map<String, String> options, String name) throws Exception {
        Configuration parsed = JobOptions.parse(args(options));
        StreamExecutionEnvironment env = remote(LearnpulseJob.flinkConfiguration(parsed));
        LearnpulseJob.build(env, parsed);
        return env.executeAsync(name);
    }

    /**
     * Submits the ceiling: the same Kafka source and parser as the job, each input written straight
     * back as JSON to {@code outputTopic}; no keyBy, no state, no checkpoints, at-least-once; object
     * reuse on, as in the job.
     */
    JobClient submitCeiling(Map<String, String> options, String outputTopic, String name) throws Exception {
        Configuration parsed = JobOptions.parse(args(options));
        StreamExecutionEnvironment env = remote(new Configuration());
        env.setParallelism(parsed.get(JobOptions.PARALLELISM));
        // as the job has it (LearnpulseJob.build): without it each record is copied on its way from
        // the source to the parse, work the job does not do (2% of the ceiling's thread in a JFR)
        env.getConfig().enableObjectReuse();
        env.fromSource(KafkaConnectors.activitySource(parsed), WatermarkStrategy.<InputRecord>noWatermarks(), "kafka-activity")
                .map(record -> record.isEvent() ? JsonCodec.event(record.event) : JsonCodec.deadLetter(record.rejection))
                .returns(Types.STRING)
                .name("ceiling-parse-and-write")
                .sinkTo(KafkaSink.<String>builder()
                        .setBootstrapServers(parsed.get(JobOptions.BOOTSTRAP_SERVERS))
                        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                                .setTopic(outputTopic)
                                .setValueSerializationSchema(new SimpleStringSchema())
                                .build())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("kafka-ceiling-out");
        return env.executeAsync(name);
    }

    /** Waits until the job and all its tasks run. */
    void awaitRunning(JobClient job, Duration timeout) {
        String id = job.getJobID().toHexString();
        Wait.until("job " + id + " running", timeout, () -> rest.running(id));
    }

    /**
     * Cancels the job, unless it already ended (a failure is reported by whoever found it), and waits
     * until it has ended, so that the next job does not start beside its tasks.
     */
    void cancel(JobClient job) {
        String id = job.getJobID().toHexString();
        try {
            if (!rest.ended(id)) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            Wait.until("job " + id + " ended", Duration.ofSeconds(60), () -> rest.ended(id));
        } catch (Exception e) {
            System.err.println("bench: cancelling job " + id + " failed: " + String.valueOf(e.getMessage()).split("\n")[0]);
        }
    }

    double cpuSeconds() {
        return child.cpuSeconds();
    }

    private StreamExecutionEnvironment remote(Configuration config) {
        return StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", port, config);
    }

    private static String[] args(Map<String, String> options) {
        return options.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of("--" + e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }

    @Override
    public void close() {
        child.close();
    }
}
