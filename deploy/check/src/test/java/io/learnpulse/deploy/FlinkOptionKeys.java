package io.learnpulse.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;

/**
 * The keys of Flink's own configuration options: every {@code public static ConfigOption} of every
 * {@code *Options} class in flink-core's {@code org.apache.flink.configuration} package, which holds
 * the checkpointing, state backend, high-availability, memory, pipeline and metric options.
 */
final class FlinkOptionKeys {
    /**
     * Options of plugins that are not on this classpath: the S3 file system (flink-s3-fs-presto, in
     * the job image) and the Prometheus reporter's own keys under metrics.reporter.NAME.
     */
    private static final List<String> PLUGIN_PREFIXES = List.of("s3.", "metrics.reporter.");

    private FlinkOptionKeys() {}

    static boolean isPluginKey(String key) {
        return PLUGIN_PREFIXES.stream().anyMatch(key::startsWith);
    }

    static Set<String> all() throws IOException, URISyntaxException {
        Set<String> keys = new HashSet<>();
        Path jar = Path.of(CoreOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile flinkCore = new JarFile(jar.toFile())) {
            for (var entries = flinkCore.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith("org/apache/flink/configuration/") && name.endsWith("Options.class")
                        && name.indexOf('/', "org/apache/flink/configuration/".length()) < 0) {
                    keys.addAll(keysOf(name.substring(0, name.length() - ".class".length()).replace('/', '.')));
                }
            }
        }
        return keys;
    }

    private static Set<String> keysOf(String className) {
        Set<String> keys = new HashSet<>();
        try {
            for (Field field : Class.forName(className).getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                    keys.add(((ConfigOption<?>) field.get(null)).key());
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // a class of the package that needs what is not on this classpath: its options are not counted
        }
        return keys;
    }
}
