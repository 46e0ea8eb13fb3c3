package io.learnpulse.job;

import io.learnpulse.cli.OptionTable;
import io.learnpulse.cli.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

/**
 * Flink {@code ConfigOption}s as command-line options: the rows of an {@link OptionTable} (the key
 * is the option's name on the command line and in the config file), and the text given read back
 * into a {@link Configuration}, each value checked against its option's type.
 */
public final class ConfigOptionArguments {
    private ConfigOptionArguments() {}

    public static List<OptionTable.Row> rows(List<ConfigOption<?>> options) {
        return options.stream()
                .map(option -> new OptionTable.Row(option.key(), option.key(), defaultText(option), description(option)))
                .toList();
    }

    /** The values given, as a configuration of {@code options}; a value its option cannot read is refused. */
    public static Configuration configuration(Map<String, String> values, List<ConfigOption<?>> options) {
        Configuration config = Configuration.fromMap(values);
        for (ConfigOption<?> option : options) {
            try {
                config.get(option);
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad value '" + values.get(option.key()) + "' for " + option.key()
                        + ": " + e.getMessage());
            }
        }
        return config;
    }

    public static <T> T require(Configuration config, ConfigOption<T> option) {
        T value = config.get(option);
        if (value == null) {
            throw new UsageException("missing required option --" + option.key());
        }
        return value;
    }

    /** The default as the README's tables write it: durations in Flink's own form ({@code 10 s}). */
    public static String defaultText(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return null;
        }
        Object value = option.defaultValue();
        return value instanceof Duration duration ? TimeUtils.formatWithHighestUnit(duration) : String.valueOf(value);
    }

    /** learnpulse's options have plain-text descriptions (one text block each). */
    private static String description(ConfigOption<?> option) {
        return option.description().getBlocks().stream()
                .filter(TextElement.class::isInstance)
                .map(block -> ((TextElement) block).getFormat())
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }
}
