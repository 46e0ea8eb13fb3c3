package io.learnpulse.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Options declared as rows of a table that other code reads too (Flink {@code ConfigOption}s that
 * feed the job's configuration, the gateway's option list), added to a command as {@code --name
 * VALUE} options, plus {@code --config FILE}: a file of {@code key: value} (or {@code key = value})
 * lines. {@link #values} gives each option's text, the command line over the file; defaults stay
 * with the table's owner, which converts and checks the values.
 */
public final class OptionTable {
    public static final String CONFIG = "config";

    /**
     * One option: {@code --name} on the command line, {@code fileKey} in the config file, its
     * default as shown to the user (null: none) and what it means.
     */
    public record Row(String name, String fileKey, String defaultText, String description) {}

    private final CommandSpec spec;
    private final List<Row> rows;

    private OptionTable(CommandSpec spec, List<Row> rows) {
        this.spec = spec;
        this.rows = List.copyOf(rows);
    }

    /** Adds the rows and {@code --config FILE} to {@code spec}, in the rows' order. */
    public static OptionTable addTo(CommandSpec spec, List<Row> rows) {
        for (Row row : rows) {
            String description = plain(row.description())
                    + (row.fileKey().equals(row.name()) ? "" : " Config file key: " + row.fileKey() + ".");
            OptionSpec.Builder option = OptionSpec.builder("--" + row.name()).paramLabel("VALUE").type(String.class)
                    .description(description);
            if (row.defaultText() != null && !row.defaultText().isEmpty()) {
                // shown as "Default: ..."; the values themselves are read from what was given (see values())
                option.defaultValue(row.defaultText()).showDefaultValue(Visibility.ALWAYS);
            }
            spec.addOption(option.build());
        }
        spec.addOption(OptionSpec.builder("--" + CONFIG).paramLabel("FILE").type(String.class)
                .description(plain("File of `key: value` lines with any of these options; arguments override it."))
                .build());
        return new OptionTable(spec, rows);
    }

    /**
     * The text of every option given, by row name: the config file's lines, then the command line
     * over them. Call it once the command line is parsed.
     *
     * @throws UsageException for an unreadable config file or a key in it that is no option
     */
    public Map<String, String> values() {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> values = new LinkedHashMap<>();
        if (parsed.hasMatchedOption("--" + CONFIG)) {
            values.putAll(readConfigFile(Path.of(parsed.<String>matchedOptionValue("--" + CONFIG, null))));
        }
        for (Row row : rows) {
            if (parsed.hasMatchedOption("--" + row.name())) {
                values.put(row.name(), parsed.matchedOptionValue("--" + row.name(), null));
            }
        }
        return values;
    }

    private Map<String, String> readConfigFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            byKey.put(row.fileKey(), row.name());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String name = byKey.get(key);
            if (name == null) {
                throw new UsageException("unknown key " + key + " in config file " + file);
            }
            values.put(name, properties.getProperty(key).trim());
        }
        return values;
    }

    /** Descriptions are markdown in the README's tables; on the console, without the backticks. */
    private static String plain(String markdown) {
        return markdown.replace("`", "").replace("%", "%%");
    }
}
