package io.learnpulse.job;

import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.RuleSettings;
import io.learnpulse.risk.RiskModelFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The options of the rules and of event time, shared by the replay and the live job. The
 * overridable ones (all but the zone, the risk model, the dedup window and the forget period) take their names,
 * defaults, descriptions and ranges from {@link RuleSettings}.
 */
public final class RuleOptions {
    private RuleOptions() {}

    public static final ConfigOption<String> ZONE = ConfigOptions.key("rules.zone")
            .stringType().defaultValue("UTC")
            .withDescription("Time zone of calendar days (day ends, daily figures).");
    public static final ConfigOption<String> RISK_MODEL = ConfigOptions.key("rules.risk.model")
            .stringType().noDefaultValue()
            .withDescription("AT_RISK: the risk model file (JSON, as `fit-risk` writes it); default: the bundled model, "
                    + "fitted on OULAD's 2013 presentations.");
    public static final ConfigOption<Duration> DEDUP_WINDOW = ConfigOptions.key("rules.dedup-window")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("An eventId seen again within this much event time is a duplicate and ignored.");
    public static final ConfigOption<Duration> FORGET_AFTER = ConfigOptions.key("rules.forget-after")
            .durationType().defaultValue(Duration.ofDays(30))
            .withDescription("A learner silent for more than this (event time) is forgotten: all state dropped.");
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("How far behind the highest event time an event may be and still count (not late).");

    /** One option per overridable setting, in the order of {@link RuleSettings#all}. */
    private static final List<ConfigOption<?>> OVERRIDABLE = RuleSettings.all().stream()
            .<ConfigOption<?>>map(RuleOptions::option)
            .toList();

    private static ConfigOption<?> option(RuleSettings.Setting s) {
        ConfigOptions.OptionBuilder key = ConfigOptions.key(s.optionKey());
        switch (s.kind()) {
            case FRACTION:
                return key.doubleType().defaultValue(s.defaultValue()).withDescription(s.description());
            case COUNT:
                return key.intType().defaultValue(s.defaultCount()).withDescription(s.description());
            default:
                return key.durationType().defaultValue(s.defaultDuration()).withDescription(s.description());
        }
    }

    /** The rule options: the zone, the overridable settings, the dedup window, forgetting, and the watermark's bound. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> all = new ArrayList<>();
        all.add(ZONE);
        all.addAll(OVERRIDABLE);
        all.add(RISK_MODEL);
        all.addAll(List.of(DEDUP_WINDOW, FORGET_AFTER, OUT_OF_ORDERNESS));
        return all;
    }

    public static RuleConfig ruleConfig(Configuration config) {
        RuleConfig.Builder rules = RuleConfig.builder()
                .zone(ZoneId.of(config.get(ZONE)))
                .dedupWindow(config.get(DEDUP_WINDOW))
                .forgetAfter(config.get(FORGET_AFTER))
                .riskModel(config.getOptional(RISK_MODEL).map(file -> RiskModelFile.read(Path.of(file))).orElse(null));
        for (ConfigOption<?> option : OVERRIDABLE) {
            Object value = config.get(option);
            String key = option.key().substring("rules.".length());
            rules.set(key, value instanceof Duration d ? d.toMillis() : ((Number) value).doubleValue());
        }
        return rules.build();
    }
}
