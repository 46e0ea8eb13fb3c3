package io.learnpulse.job.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.cli.UsageException;
import io.learnpulse.job.JobOptions;
import io.learnpulse.job.parse.InputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live job's options: defaults, the config file, and a one-line reason for every bad value. */
class JobOptionsTest {
    private static final String[] MINIMAL = {"--bootstrap-servers", "localhost:9092"};

    @Test
    void defaultsFollowTheContract() {
        Configuration config = JobOptions.parse(MINIMAL);
        assertThat(config.get(JobOptions.ACTIVITY_TOPIC)).isEqualTo("learner-activity");
        assertThat(config.get(JobOptions.ALERTS_TOPIC)).isEqualTo("learner-alerts");
        assertThat(config.get(JobOptions.METRICS_TOPIC)).isEqualTo("learner-metrics");
        assertThat(config.get(JobOptions.DLQ_TOPIC)).isEqualTo("learner-dlq");
        assertThat(JobOptions.inputFormat(config)).isEqualTo(InputFormat.JSONL);
        assertThat(JobOptions.delivery(config)).isEqualTo(JobOptions.Delivery.EXACTLY_ONCE);
        assertThat(JobOptions.backend(config)).isEqualTo(JobOptions.Backend.ROCKSDB);
        assertThat(JobOptions.timersOnHeap(config)).isTrue();
        assertThat(JobOptions.startPosition(config).kind).isEqualTo(JobOptions.StartPosition.Kind.COMMITTED);
    }

    @Test
    void defaultTransactionTimeoutSuitsAStockBroker() {
        Configuration config = JobOptions.parse(MINIMAL);
        Duration timeout = config.get(JobOptions.TRANSACTION_TIMEOUT);
        assertThat(timeout).as("below a stock broker's transaction.max.timeout.ms").isLessThan(Duration.ofMinutes(15));
        assertThat(timeout).isGreaterThan(config.get(JobOptions.CHECKPOINT_INTERVAL));
    }

    @Test
    void readsAConfigFileUnderTheArguments(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("job.conf"), String.join("\n",
                "bootstrap-servers: kafka:9092",
                "format: xapi",
                "delivery: at-least-once",
                "state-backend: hashmap",
                "rules.low-score.count: 4",
                ""));
        Configuration config = JobOptions.parse(new String[] {"--config", file.toString(), "--format", "jsonl"});
        assertThat(config.get(JobOptions.BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
        assertThat(JobOptions.inputFormat(config)).as("the argument wins").isEqualTo(InputFormat.JSONL);
        assertThat(JobOptions.delivery(config)).isEqualTo(JobOptions.Delivery.AT_LEAST_ONCE);
        assertThat(JobOptions.backend(config)).isEqualTo(JobOptions.Backend.HASHMAP);
        assertThat(config.getString("rules.low-score.count", "")).isEqualTo("4");
    }

    @Test
    void startPositions() {
        assertThat(JobOptions.StartPosition.parse("earliest").kind).isEqualTo(JobOptions.StartPosition.Kind.EARLIEST);
        assertThat(JobOptions.StartPosition.parse("latest").kind).isEqualTo(JobOptions.StartPosition.Kind.LATEST);
        JobOptions.StartPosition iso = JobOptions.StartPosition.parse("timestamp:2026-11-24T10:15:00Z");
        assertThat(iso.kind).isEqualTo(JobOptions.StartPosition.Kind.TIMESTAMP);
        assertThat(iso.timestamp).isEqualTo(Instant.parse("2026-11-24T10:15:00Z").toEpochMilli());
        assertThat(JobOptions.StartPosition.parse("timestamp:1764000000000").timestamp).isEqualTo(1764000000000L);
    }

    @Test
    void badOptionsFailWithOneLineReasons() {
        assertUsage(new String[] {}, "missing required option --bootstrap-servers");
        assertUsage(args("--bogus", "1"), "unknown option --bogus");
        assertUsage(args("--delivery", "twice"), "bad value 'twice' for delivery (expected exactly-once or at-least-once)");
        assertUsage(args("--state-backend", "disk"), "bad value 'disk' for state-backend (expected rocksdb or hashmap)");
        assertUsage(args("--timers", "disk"), "bad value 'disk' for timers (expected heap or rocksdb)");
        assertUsage(args("--format", "csv"), "unknown format 'csv' (expected jsonl or xapi)");
        assertUsage(args("--start-from", "yesterday"), "bad value 'yesterday' for start-from");
        assertUsage(args("--start-from", "timestamp:soon"), "bad start-from timestamp 'soon'");
        assertUsage(args("--checkpoint-interval", "often"), "bad value 'often' for checkpoint-interval");
        assertUsage(args("--transaction-timeout", "5 s"), "transaction-timeout (PT5S) must be longer than checkpoint-interval (PT10S)");
        assertUsage(args("--parallelism", "0"), "parallelism must be at least 1");
        assertUsage(args("--idleness", "0 s"), "idleness must be positive");
        assertUsage(args("--rules.zone", "Mars/Olympus"), "Mars/Olympus");
    }

    @Test
    void atLeastOnceNeedsNoTransactionTimeoutAboveTheInterval() {
        Configuration config = JobOptions.parse(args("--delivery", "at-least-once", "--transaction-timeout", "5 s"));
        assertThat(JobOptions.delivery(config)).isEqualTo(JobOptions.Delivery.AT_LEAST_ONCE);
    }

    private static String[] args(String... more) {
        String[] all = new String[MINIMAL.length + more.length];
        System.arraycopy(MINIMAL, 0, all, 0, MINIMAL.length);
        System.arraycopy(more, 0, all, MINIMAL.length, more.length);
        return all;
    }

    private static void assertUsage(String[] args, String reason) {
        assertThatThrownBy(() -> JobOptions.parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
