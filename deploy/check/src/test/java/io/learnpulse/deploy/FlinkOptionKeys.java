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
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * The keys of Flink's own configuration options: every {@code public static ConfigOption} of every
 * {@code *Options} class in flink-core's {@code org.apache.flink.configuration} package, which holds
 * the checkpointing, state backend, high-availability, memory, pipeline and metric options, and in
 * the RocksDB state backend's {@code org.apache.flink.state.rocksdb} (its local directory, memory
 * and column family options; the backend ships in Flink's lib/).
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
        keys.addAll(keysInPackageOf(CoreOptions.class));
        keys.addAll(keysInPackageOf(RocksDBOptions.class));
        return keys;
    }

    /** The keys of the {@code *Options} classes in the package (not its subpackages) and jar of {@code member}. */
    private static Set<String> keysInPackageOf(Class<?> member) throws IOException, URISyntaxException {
        Set<String> keys = new HashSet<>();
        String folder = member.getPackageName().replace('.', '/') + "/";
        Path jar = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile classes = new JarFile(jar.toFile())) {
            for (var entries = classes.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith(folder) && name.endsWith("Options.class") && name.indexOf('/', folder.length()) < 0) {
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
