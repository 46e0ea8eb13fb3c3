package io.learnpulse.bench.studies;

import io.learnpulse.cli.Cli;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The top frames by CPU of the threads whose name begins with a prefix, from a JFR recording: the
 * samples of Java code ({@code jdk.ExecutionSample}) and of native code such as RocksDB's JNI calls
 * ({@code jdk.NativeMethodSample}, marked "native"), by the method on top of the stack ("self") and
 * by every method of chosen packages on it ("inclusive"), in per cent of those threads' samples. How
 * {@code bench/results/profile.md} was made from a {@link RocksDbHotPath} run.
 */
@Command(name = "jfr-top-frames", description = "Top frames by CPU of some threads in a JFR recording.")
public final class JfrTopFrames implements Callable<Integer> {
    @Parameters(paramLabel = "RECORDING", description = "The .jfr file.")
    Path recording;

    @Option(names = "--threads", paramLabel = "PREFIX", description = "Threads whose name begins with this.")
    String threads = "learner-rules";

    @Option(names = "--top", paramLabel = "N", description = "Rows of each table.")
    int top = 20;

    @Option(names = "--inclusive-of", paramLabel = "PREFIX", split = ",",
            description = "The inclusive table lists only methods of classes beginning with one of these.")
    List<String> inclusiveOf = List.of("io.learnpulse.", "org.rocksdb.", "org.apache.flink.state.",
            "org.apache.flink.runtime.state.", "org.apache.flink.api.java.typeutils.",
            "org.apache.flink.streaming.api.operators.InternalTimerServiceImpl",
            "org.apache.flink.streaming.runtime.tasks.SubtaskCheckpointCoordinatorImpl");

    public static void main(String[] args) {
        System.exit(Cli.run(new JfrTopFrames(), args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            boolean nativeSample = type.equals("jdk.NativeMethodSample");
            if (!nativeSample && !type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            String name = thread == null ? null : thread.getJavaName();
            if (name == null || !name.startsWith(threads) || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(method(frames.get(0)) + (nativeSample ? " (native)" : ""), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String className = frame.getMethod().getType().getName();
                if (inclusiveOf.stream().anyMatch(className::startsWith) && seen.add(method(frame))) {
                    inclusive.merge(method(frame), 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d samples of threads '%s*'%n", samples, threads);
        print("self", self, samples);
        print("inclusive", inclusive, samples);
        return Cli.DONE;
    }

    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private void print(String title, Map<String, Integer> counts, int samples) {
        System.out.printf(Locale.ROOT, "%n| %s | %% of samples |%n|---|---:|%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "| `%s` | %.1f |%n", e.getKey(), 100.0 * e.getValue() / samples));
    }
}
