package io.learnpulse.job.replay;

import io.learnpulse.job.RuleOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of {@code learnpulse replay} (docs/cli.md), besides the rule options. */
public final class ReplayOptions {
    private ReplayOptions() {}

    public static final ConfigOption<String> INPUT = ConfigOptions.key("input").stringType().noDefaultValue()
            .withDescription("The file to replay (required).");
    public static final ConfigOption<String> OUTPUT = ConfigOptions.key("output").stringType().noDefaultValue()
            .withDescription("Where to write the alerts, one JSON line each, sorted by (eventTime, userId, type) (required).");
    public static final ConfigOption<String> FORMAT = ConfigOptions.key("format").stringType().defaultValue("jsonl")
            .withDescription("`jsonl` (learnpulse events) or `xapi` (statements, one per line or a JSON array).");
    public static final ConfigOption<String> DEAD_LETTER = ConfigOptions.key("dead-letter").stringType().noDefaultValue()
            .withDescription("Where to write rejected input; default: beside the output, `<output>.dlq.jsonl`.");
    public static final ConfigOption<String> METRICS = ConfigOptions.key("metrics").stringType().noDefaultValue()
            .withDescription("Where to write the learners' daily figures; none written if not given.");
    public static final ConfigOption<String> RISK = ConfigOptions.key("risk").stringType().noDefaultValue()
            .withDescription("Where to write the learners' risk scores (AT_RISK), sorted by (at, userId, courseId); "
                    + "none written if not given.");
    public static final ConfigOption<String> ORDER = ConfigOptions.key("order").stringType().defaultValue("file")
            .withDescription("`file` (file order: late events are those a live job would see late) or `time` "
                    + "(the valid input sorted by (timestamp, eventId) first, held in memory: for exports listed newest first).");
    public static final ConfigOption<String> CALENDAR = ConfigOptions.key("calendar").stringType().noDefaultValue()
            .withDescription("The course calendar, one JSON item per line (docs/events.md), read whole before the first event; none if not given.");
    public static final ConfigOption<String> SETTINGS = ConfigOptions.key("settings").stringType().noDefaultValue()
            .withDescription("The cohorts' and learners' settings overrides, one JSON record per line (docs/events.md), read whole before the first event; none if not given.");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism").intType()
            .noDefaultValue()
            .withDescription("Parallelism of the replay's rule operator; default: the number of cores.");

    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> all = new ArrayList<>(List.of(INPUT, OUTPUT, FORMAT, DEAD_LETTER, METRICS, RISK, ORDER, CALENDAR,
                SETTINGS, PARALLELISM));
        all.addAll(RuleOptions.all());
        return all;
    }
}
