package io.learnpulse.job.testutils;

import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.learnpulse.job.records.InputRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Starts the live job, as {@code learnpulse job} would, on the test's MiniCluster. */
public final class LiveJobs {
    private LiveJobs() {}

    /**
     * The options every live test shares: read from the beginning, checkpoint often, and an
     * idleness far longer than any test, so that no partition is ever declared idle while it
     * still has input (which could make events late, and the comparison with the replay unfair).
     * The transaction timeout stays at its default, which the test broker's stock
     * {@code transaction.max.timeout.ms} (15 min) must accept.
     */
    public static Map<String, String> testOptions(TestTopics topics, String checkpointDir) {
        Map<String, String> options = new LinkedHashMap<>(topics.jobOptions());
        options.put("start-from", "earliest");
        options.put("checkpoint-interval", "1 s");
        options.put("checkpoint-dir", checkpointDir);
        options.put("idleness", "10 min");
        options.put("transactional-id-prefix", "lp-" + topics.alerts);
        options.put("group-id", "lp-" + topics.alerts);
        options.put("parallelism", "2");
        return options;
    }

    public static String[] args(Map<String, String> options) {
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args.toArray(new String[0]);
    }

    /**
     * Submits the job with these options, a fixed-delay restart strategy and the tests' fixed clock
     * ({@link TestClock}); returns at once.
     */
    public static JobClient start(Map<String, String> options) throws Exception {
        return start(options, UnaryOperator.identity());
    }

    /** The same with {@code sourceStage} after the job's source (see {@link FailureHook#stage}). */
    public static JobClient start(Map<String, String> options, UnaryOperator<DataStream<InputRecord>> sourceStage)
            throws Exception {
        Configuration parsed = JobOptions.parse(args(options));
        Configuration flink = LearnpulseJob.flinkConfiguration(parsed);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        LearnpulseJob.build(env, parsed, sourceStage, TestClock.FIXED);
        return env.executeAsync(LearnpulseJob.JOB_NAME);
    }
}
