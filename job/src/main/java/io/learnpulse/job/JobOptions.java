package io.learnpulse.job;

import io.learnpulse.cli.Cli;
import io.learnpulse.cli.UsageException;
import io.learnpulse.job.parse.InputFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The options of the live job ({@code learnpulse job}, {@code flink run learnpulse-job.jar}),
 * besides the rule options of {@link RuleOptions}. {@link #parse} reads and checks them all, so a
 * bad value fails at start with a one-line reason.
 */
public final class JobOptions {
    private JobOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("bootstrap-servers")
            .stringType().noDefaultValue()
            .withDescription("Kafka bootstrap servers, HOST:PORT[,HOST:PORT...] (required).");
    public static final ConfigOption<String> ACTIVITY_TOPIC = ConfigOptions.key("topic.activity")
            .stringType().defaultValue("learner-activity")
            .withDescription("Topic of the activity events (input).");
    public static final ConfigOption<String> CALENDAR_TOPIC = ConfigOptions.key("topic.calendar")
            .stringType().defaultValue("course-calendar")
            .withDescription("Compacted topic of the course-calendar items (input, key courseId/assessmentId), read whole from its start.");
    public static final ConfigOption<String> SETTINGS_TOPIC = ConfigOptions.key("topic.settings")
            .stringType().defaultValue("learner-settings")
            .withDescription("Compacted topic of the cohorts' and learners' settings overrides (input, key scope:id), read whole from its start.");
    public static final ConfigOption<String> ALERTS_TOPIC = ConfigOptions.key("topic.alerts")
            .stringType().defaultValue("learner-alerts")
            .withDescription("Topic of the alerts, keyed by userId.");
    public static final ConfigOption<String> METRICS_TOPIC = ConfigOptions.key("topic.metrics")
            .stringType().defaultValue("learner-metrics")
            .withDescription("Topic of the learners' daily figures, keyed by userId.");
    public static final ConfigOption<String> RISK_TOPIC = ConfigOptions.key("topic.risk")
            .stringType().defaultValue("learner-risk")
            .withDescription("Topic of the learners' risk scores (AT_RISK), keyed by userId.");
    public static final ConfigOption<String> DLQ_TOPIC = ConfigOptions.key("topic.dlq")
            .stringType().defaultValue("learner-dlq")
            .withDescription("Topic of the dead letters (rejected and late input).");
    public static final ConfigOption<String> FORMAT = ConfigOptions.key("format")
            .stringType().defaultValue("jsonl")
            .withDescription("`jsonl` (learnpulse event JSON) or `xapi` (one xAPI statement or a JSON array of them per record).");
    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("group-id")
            .stringType().defaultValue("learnpulse-job")
            .withDescription("Kafka consumer group; the job commits its offsets there on each checkpoint (for monitoring and `start-from: committed`).");
    public static final ConfigOption<String> START_FROM = ConfigOptions.key("start-from")
            .stringType().defaultValue("committed")
            .withDescription("Where a fresh start (not a restore) begins reading: `committed` (the group's offsets, else earliest), "
                    + "`earliest`, `latest`, or `timestamp:<ISO instant or epoch millis>` (re-runs history from Kafka).");
    public static final ConfigOption<String> DELIVERY = ConfigOptions.key("delivery")
            .stringType().defaultValue("exactly-once")
            .withDescription("`exactly-once` (transactional sinks; output visible to read_committed consumers at each checkpoint) "
                    + "or `at-least-once` (visible at once; a recovery may repeat alerts, deduplicate by alertId).");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Checkpoint interval; with exactly-once, also the latency of the output.");
    public static final ConfigOption<String> CHECKPOINT_DIR = ConfigOptions.key("checkpoint-dir")
            .stringType().noDefaultValue()
            .withDescription("Checkpoint storage URI, e.g. file:///data/checkpoints or s3://...; default: the cluster's "
                    + "`execution.checkpointing.dir`, else the JobManager's memory (no recovery after a JobManager loss).");
    public static final ConfigOption<String> STATE_BACKEND = ConfigOptions.key("state-backend")
            .stringType().defaultValue("rocksdb")
            .withDescription("`rocksdb` (incremental checkpoints, state larger than memory) or `hashmap` (state on the heap).");
    public static final ConfigOption<String> TIMERS = ConfigOptions.key("timers")
            .stringType().defaultValue("heap")
            .withDescription("With RocksDB, where Flink's event-time timers live: `heap` or `rocksdb`. The rule operator "
                    + "registers none (it wakes each learner from an index of its own on the heap, rebuilt from the state "
                    + "after a restore); only timers restored from a savepoint of a version before that live here.");
    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("idleness")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("A partition without input for this long (wall-clock) stops holding the watermark back.");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("transactional-id-prefix")
            .stringType().defaultValue("learnpulse")
            .withDescription("Prefix of the sinks' Kafka transactional ids: unique per job on a Kafka cluster, "
                    + "and kept the same across restarts and savepoint upgrades.");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("transaction-timeout")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("Kafka transaction.timeout.ms of the exactly-once sinks: above the checkpoint interval, "
                    + "at most the broker's transaction.max.timeout.ms (15 min by default).");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism")
            .intType().noDefaultValue()
            .withDescription("Parallelism of the job; default: the cluster's `parallelism.default` (local: the number of cores).");

    /** Delivery guarantee of the Kafka sinks. */
    public enum Delivery {
        EXACTLY_ONCE, AT_LEAST_ONCE
    }

    /** Where the state lives. */
    public enum Backend {
        ROCKSDB, HASHMAP
    }

    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> all = new ArrayList<>(List.of(BOOTSTRAP_SERVERS, ACTIVITY_TOPIC, CALENDAR_TOPIC, SETTINGS_TOPIC,
                ALERTS_TOPIC, METRICS_TOPIC, RISK_TOPIC, DLQ_TOPIC, FORMAT, GROUP_ID, START_FROM, DELIVERY, CHECKPOINT_INTERVAL,
                CHECKPOINT_DIR, STATE_BACKEND, TIMERS, IDLENESS, TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT,
                PARALLELISM));
        all.addAll(RuleOptions.all());
        return all;
    }

    /**
     * Reads the arguments as {@code learnpulse job} does and checks every value, throwing
     * {@link UsageException} with a one-line reason for the first unusable one.
     */
    public static Configuration parse(String... args) {
        return Cli.parse(new JobCommand(), args).options();
    }

    /** The values given ({@link io.learnpulse.cli.OptionTable#values}) as the job's configuration, checked. */
    public static Configuration read(Map<String, String> values) {
        Configuration config = ConfigOptionArguments.configuration(values, all());
        validate(config);
        return config;
    }

    /** Checks the values that their type alone does not. */
    public static void validate(Configuration config) {
        ConfigOptionArguments.require(config, BOOTSTRAP_SERVERS);
        for (ConfigOption<String> topic : List.of(ACTIVITY_TOPIC, CALENDAR_TOPIC, SETTINGS_TOPIC, ALERTS_TOPIC, METRICS_TOPIC,
                RISK_TOPIC, DLQ_TOPIC)) {
            if (config.get(topic).isBlank()) {
                throw new UsageException(topic.key() + " must not be empty");
            }
        }
        inputFormat(config);
        startPosition(config);
        delivery(config);
        backend(config);
        timersOnHeap(config);
        Duration interval = config.get(CHECKPOINT_INTERVAL);
        if (interval.toMillis() < 10) {
            throw new UsageException("checkpoint-interval must be at least 10 ms, not " + interval);
        }
        if (delivery(config) == Delivery.EXACTLY_ONCE) {
            if (config.get(TRANSACTIONAL_ID_PREFIX).isBlank()) {
                throw new UsageException("transactional-id-prefix must not be empty with exactly-once delivery");
            }
            if (config.get(TRANSACTION_TIMEOUT).compareTo(interval) <= 0) {
                throw new UsageException("transaction-timeout (" + config.get(TRANSACTION_TIMEOUT)
                        + ") must be longer than checkpoint-interval (" + interval + ")");
            }
        }
        if (config.get(IDLENESS).isNegative() || config.get(IDLENESS).isZero()) {
            throw new UsageException("idleness must be positive");
        }
        if (config.getOptional(PARALLELISM).map(p -> p < 1).orElse(false)) {
            throw new UsageException("parallelism must be at least 1");
        }
        try {
            RuleOptions.ruleConfig(config);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public static InputFormat inputFormat(Configuration config) {
        try {
            return InputFormat.fromName(config.get(FORMAT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public static Delivery delivery(Configuration config) {
        return choice(config, DELIVERY, Delivery.class);
    }

    public static Backend backend(Configuration config) {
        return choice(config, STATE_BACKEND, Backend.class);
    }

    public static boolean timersOnHeap(Configuration config) {
        String value = config.get(TIMERS).trim().toLowerCase(Locale.ROOT);
        if (!value.equals("heap") && !value.equals("rocksdb")) {
            throw new UsageException("bad value '" + config.get(TIMERS) + "' for timers (expected heap or rocksdb)");
        }
        return value.equals("heap");
    }

    /** The start position option, read. */
    public static StartPosition startPosition(Configuration config) {
        return StartPosition.parse(config.get(START_FROM));
    }

    /** Where a fresh start of the job begins reading the activity topic. */
    public static final class StartPosition {
        /** One of the plain positions, or TIMESTAMP with {@link #timestamp}. */
        public enum Kind {
            COMMITTED, EARLIEST, LATEST, TIMESTAMP
        }

        public final Kind kind;
        /** Epoch millis, for TIMESTAMP. */
        public final long timestamp;

        private StartPosition(Kind kind, long timestamp) {
            this.kind = kind;
            this.timestamp = timestamp;
        }

        public static StartPosition parse(String value) {
            String v = value.trim();
            String lower = v.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "committed":
                    return new StartPosition(Kind.COMMITTED, 0);
                case "earliest":
                    return new StartPosition(Kind.EARLIEST, 0);
                case "latest":
                    return new StartPosition(Kind.LATEST, 0);
                default:
                    break;
            }
            if (lower.startsWith("timestamp:")) {
                String time = v.substring("timestamp:".length()).trim();
                try {
                    return new StartPosition(Kind.TIMESTAMP, time.chars().allMatch(Character::isDigit) && !time.isEmpty()
                            ? Long.parseLong(time)
                            : Instant.parse(time).toEpochMilli());
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw new UsageException("bad start-from timestamp '" + time
                            + "' (expected an ISO instant such as 2026-11-24T00:00:00Z, or epoch millis)");
                }
            }
            throw new UsageException("bad value '" + value
                    + "' for start-from (expected committed, earliest, latest or timestamp:<ISO instant or millis>)");
        }
    }

    private static <E extends Enum<E>> E choice(Configuration config, ConfigOption<String> option, Class<E> type) {
        String value = config.get(option);
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new UsageException("bad value '" + value + "' for " + option.key()
                + " (expected " + String.join(" or ", names) + ")");
    }
}
