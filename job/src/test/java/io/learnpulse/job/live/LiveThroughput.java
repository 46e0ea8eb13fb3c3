package io.learnpulse.job.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.learnpulse.job.testutils.FlinkRest;
import io.learnpulse.job.testutils.LearnerStream;
import io.learnpulse.job.testutils.LiveJobs;
import io.learnpulse.job.testutils.TestTopics;
import io.learnpulse.kafka.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * An informal measurement, not a test: events per second of the live job's rule operator, reading
 * a pre-filled Kafka topic, on each state backend. Run with the test classpath:
 *
 * <pre>
 * mvn -q -B -pl job -am test-compile
 * mvn -q -B -pl job dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java @bin/jvm.options -cp job/target/test-classes:job/target/classes:$(cat /tmp/cp.txt) \
 *     io.learnpulse.job.live.LiveThroughput [learners] [days] [parallelism] [backend:timers,...]
 * </pre>
 */
public final class LiveThroughput {
    private LiveThroughput() {}

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String[] backends = (args.length > 3 ? args[3] : "hashmap:heap,rocksdb:heap,rocksdb:rocksdb").split(",");
        LearnerStream stream = LearnerStream.generate(1, learners, days, 4);
        long events = stream.events.size() + stream.closing.size();
        System.out.printf(Locale.ROOT, "%,d events of %,d learners over %d days, parallelism %d%n",
                events, learners, days, parallelism);

        Configuration clusterConfig = new Configuration();
        clusterConfig.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(250));
        clusterConfig.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .setConfiguration(clusterConfig)
                .build());
        cluster.start();
        TestStreamEnvironment.setAsContext(cluster, parallelism);
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get());
        try (LocalKafka kafka = LocalKafka.start()) {
            TestTopics topics = TestTopics.create(kafka, 4);
            long publishStart = System.nanoTime();
            topics.publish(stream.all());
            System.out.printf(Locale.ROOT, "published in %.1f s%n", (System.nanoTime() - publishStart) / 1e9);
            Path checkpoints = Files.createTempDirectory("learnpulse-throughput-");
            List<String> results = new ArrayList<>();
            for (String choice : backends) {
                String[] backend = choice.split(":");
                Map<String, String> options = LiveJobs.testOptions(topics, checkpoints.toUri().toString());
                options.put("parallelism", Integer.toString(parallelism));
                options.put("state-backend", backend[0]);
                options.put("timers", backend[1]);
                options.put("checkpoint-interval", "10 s");
                options.put("group-id", "throughput-" + backend[0] + "-" + backend[1]);
                options.put("transactional-id-prefix", "throughput-" + backend[0] + "-" + backend[1]);
                String result = run(rest, options, stream.events.size(), backend[0] + "/" + backend[1] + " timers");
                System.out.println(result);
                results.add(result);
            }
            System.out.println("summary:");
            results.forEach(System.out::println);
        } finally {
            cluster.close();
        }
    }

    private static String run(FlinkRest rest, Map<String, String> options, long events, String label)
            throws Exception {
        Configuration parsed = JobOptions.parse(LiveJobs.args(options));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                LearnpulseJob.flinkConfiguration(parsed));
        LearnpulseJob.build(env, parsed);
        JobClient job = env.executeAsync(label);
        String jobId = job.getJobID().toHexString();
        long[] first = {0, 0}; // when the rules first reported input, and how much
        long[] count = {0};
        Awaitility.await(label + ": every event through the rules").atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100)).pollInSameThread()
                .until(() -> {
                    count[0] = rulesRecordsIn(rest, jobId);
                    if (first[0] == 0 && count[0] > 0) {
                        first[0] = System.nanoTime();
                        first[1] = count[0];
                    }
                    return count[0] >= events;
                });
        long doneAt = System.nanoTime();
        job.cancel().get();
        double seconds = (doneAt - first[0]) / 1e9;
        long measured = count[0] - first[1];
        return String.format(Locale.ROOT, "%-24s %,d events in %.1f s: %,.0f events/s", label, measured,
                seconds, measured / seconds);
    }

    /** The task-level numRecordsIn of the learner-rules vertex, summed over its subtasks. */
    private static long rulesRecordsIn(FlinkRest rest, String jobId) {
        try {
            for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
                if (!vertex.path("name").asText().startsWith("learner-rules")) {
                    continue;
                }
                String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics?get=numRecordsIn&agg=sum";
                JsonNode values = rest.get(path);
                return values.size() == 0 ? 0 : (long) values.get(0).path("sum").asDouble();
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
