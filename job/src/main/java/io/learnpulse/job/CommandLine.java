package io.learnpulse.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Reads options from {@code --key value} arguments over an optional {@code --config FILE} (lines of
 * {@code key: value}, as in Flink's own configuration) over the defaults. Every key must be known:
 * a typo fails at start instead of silently running with a default.
 */
public final class CommandLine {
    public static final ConfigOption<String> CONFIG_FILE = org.apache.flink.configuration.ConfigOptions
            .key("config").stringType().noDefaultValue()
            .withDescription("File of `key: value` lines with any of these options; arguments override it.");

    private CommandLine() {}

    /** Thrown for unusable arguments; its message is the one line the user sees. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Configuration parse(String[] args, Collection<ConfigOption<?>> options) {
        Set<String> known = new TreeSet<>();
        known.add(CONFIG_FILE.key());
        for (ConfigOption<?> option : options) {
            known.add(option.key());
        }
        Map<String, String> fromArgs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (options are --name value)");
            }
            String key = arg.substring(2);
            if (!known.contains(key)) {
                throw new UsageException("unknown option --" + key);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option --" + key + " needs a value");
            }
            fromArgs.put(key, args[++i]);
        }
        Map<String, String> merged = new LinkedHashMap<>();
        String configFile = fromArgs.get(CONFIG_FILE.key());
        if (configFile != null) {
            merged.putAll(readConfigFile(Path.of(configFile), known));
        }
        merged.putAll(fromArgs);
        Configuration config = Configuration.fromMap(merged);
        for (ConfigOption<?> option : options) {
            try {
                config.get(option);
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad value '" + merged.get(option.key()) + "' for " + option.key()
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

    private static Map<String, String> readConfigFile(Path file, Set<String> known) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new UsageException("unknown option '" + key + "' in " + file);
            }
            values.put(key, properties.getProperty(key).trim());
        }
        return values;
    }
}
