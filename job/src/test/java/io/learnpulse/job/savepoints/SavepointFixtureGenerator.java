package io.learnpulse.job.savepoints;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Takes a savepoint fixture from the job as it is in this checkout: runs {@link FixtureJob} on a
 * local MiniCluster at parallelism 2 on RocksDB over {@code savepoints/input/}, stops it with a
 * canonical savepoint after the input's {@code stop-after} events, and writes the savepoint to
 * {@code DIR/savepoint/} with {@code DIR/fixture.properties} saying how it was made
 * (savepoints/README.md).
 *
 * <p>Run: {@code java ... SavepointFixtureGenerator INPUT_DIR DIR COMMIT [no-calendar]}.
 */
public final class SavepointFixtureGenerator {
    private SavepointFixtureGenerator() {}

    public static void main(String[] args) throws Exception {
        FixtureInput input = FixtureInput.read(Path.of(args[0]));
        Path dir = Path.of(args[1]).toAbsolutePath();
        boolean calendar = !(args.length > 3 && args[3].equals("no-calendar"));
        if (!calendar) {
            input = input.withoutCalendarAndSettings();
        }
        Configuration flink = FixtureJob.configuration("rocksdb", null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, flink);
        FixtureJob.build(env, input, input.stopAfter, "fixture");
        Path taken = dir.resolve("taken");
        FixtureJob.Stopped stopped = FixtureJob.runAndStop(env, "fixture", taken.toUri().toString());
        // the savepoint's own directory (savepoint-<job>-<random>) under a fixed name: its paths are relative
        Path savepoint = Path.of(java.net.URI.create(stopped.savepoint));
        Files.move(savepoint, dir.resolve("savepoint"));
        Files.delete(taken);
        Files.writeString(dir.resolve("fixture.properties"), String.join("\n",
                "commit=" + args[2],
                "backend=rocksdb",
                "parallelism=2",
                "calendar-and-settings=" + calendar,
                "stopped-after=" + input.stopAfter,
                "outputs-before-stop=" + stopped.outputs.size(),
                "") , StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir.resolve("savepoint"))) {
            files.forEach(f -> System.out.println(f + " " + f.toFile().length()));
        }
    }
}
