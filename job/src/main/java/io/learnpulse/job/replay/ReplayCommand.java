package io.learnpulse.job.replay;

import io.learnpulse.cli.Cli;
import io.learnpulse.cli.OptionTable;
import io.learnpulse.cli.SpecifiedCommand;
import io.learnpulse.cli.UsageException;
import io.learnpulse.job.ConfigOptionArguments;
import io.learnpulse.job.RuleOptions;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.DeadLetter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code learnpulse replay} (docs/cli.md): replays a file on a local Flink and prints progress and a
 * summary on stderr. Its options are {@link ReplayOptions#all()}.
 */
public final class ReplayCommand implements SpecifiedCommand, Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("replay");
    private final OptionTable options = OptionTable.addTo(spec, ConfigOptionArguments.rows(ReplayOptions.all()));

    public ReplayCommand() {
        spec.usageMessage().description("Replays a file of events through the live job's graph, on a local Flink.",
                "Writes the alerts (sorted), the dead letters and, if asked, the daily figures; progress and a summary on stderr.");
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Configuration config = ConfigOptionArguments.configuration(options.values(), ReplayOptions.all());
        Replay.Request request = request(config);
        long started = System.nanoTime();
        Replay.Result result;
        AtomicReference<JobClient> job = new AtomicReference<>();
        AtomicLong read = new AtomicLong();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replay-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> {
            try {
                if (job.get() != null) {
                    read.set(Replay.inputsRead(job.get()));
                }
            } catch (Exception e) {
                // the job is ending: its last count stands until the summary
            }
            err.println("replay: " + inputsRead(read.get(), started));
        }, 2, 2, TimeUnit.SECONDS);
        try (LocalFlink flink = new LocalFlink(parallelism(config))) {
            result = Replay.run(flink.env(), request, job::set);
        } finally {
            progress.shutdownNow();
        }
        printSummary(err, request, result, started);
        return Cli.DONE;
    }

    static Replay.Request request(Configuration config) {
        Replay.Request request = new Replay.Request();
        request.input = Path.of(ConfigOptionArguments.require(config, ReplayOptions.INPUT));
        request.output = Path.of(ConfigOptionArguments.require(config, ReplayOptions.OUTPUT));
        if (!Files.isRegularFile(request.input) || !Files.isReadable(request.input)) {
            throw new UsageException("cannot read input file " + request.input);
        }
        String deadLetters = config.get(ReplayOptions.DEAD_LETTER);
        request.deadLetters = deadLetters != null ? Path.of(deadLetters) : besideOutput(request.output);
        String figures = config.get(ReplayOptions.METRICS);
        request.dailyFigures = figures != null ? Path.of(figures) : null;
        String risk = config.get(ReplayOptions.RISK);
        request.riskScores = risk != null ? Path.of(risk) : null;
        request.calendar = readableFile(config, ReplayOptions.CALENDAR, "calendar");
        request.settings = readableFile(config, ReplayOptions.SETTINGS, "settings");
        try {
            request.format = InputFormat.fromName(config.get(ReplayOptions.FORMAT));
            request.order = InputOrder.fromName(config.get(ReplayOptions.ORDER));
            request.rules = RuleOptions.ruleConfig(config);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new UsageException(e.getMessage());
        }
        request.outOfOrderness = config.get(RuleOptions.OUT_OF_ORDERNESS);
        if (parallelism(config) < 1) {
            throw new UsageException("parallelism must be at least 1");
        }
        return request;
    }

    /** The file an option names, if any, checked to be readable. */
    private static Path readableFile(Configuration config, ConfigOption<String> option, String what) {
        String name = config.get(option);
        if (name == null) {
            return null;
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("cannot read " + what + " file " + file);
        }
        return file;
    }

    private static int parallelism(Configuration config) {
        return config.getOptional(ReplayOptions.PARALLELISM).orElse(Runtime.getRuntime().availableProcessors());
    }

    /** {@code alerts.jsonl} gives {@code alerts.dlq.jsonl}. */
    static Path besideOutput(Path output) {
        String name = output.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return output.resolveSibling(base + ".dlq.jsonl");
    }

    private static String inputsRead(long read, long started) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return String.format(Locale.ROOT, "%,d inputs read in %.1f s (%,.0f/s)", read, seconds, read / seconds);
    }

    private static void printSummary(PrintWriter err, Replay.Request request, Replay.Result result, long started) {
        long rejected = result.deadLetters.stream().filter(d -> !DeadLetter.LATE.equals(d.reason)).count()
                - result.calendarRejected - result.settingsRejected;
        err.println("replay: " + inputsRead(result.inputs, started));
        err.printf(Locale.ROOT, "events: %,d valid, %,d duplicates ignored%n", result.inputs - rejected, result.duplicates);
        if (request.calendar != null) {
            err.printf(Locale.ROOT, "calendar: %,d items, %,d rejected (dead-lettered) <- %s%n", result.calendarItems,
                    result.calendarRejected, request.calendar);
        }
        if (request.settings != null) {
            err.printf(Locale.ROOT, "settings: %,d overrides, %,d rejected (dead-lettered) <- %s%n", result.settingsRead,
                    result.settingsRejected, request.settings);
        }
        Map<String, Long> byType = new TreeMap<>(result.alerts.stream()
                .collect(Collectors.groupingBy(a -> a.type.name(), Collectors.counting())));
        for (AlertType type : AlertType.values()) {
            byType.putIfAbsent(type.name(), 0L);
        }
        err.printf(Locale.ROOT, "alerts: %,d %s -> %s%n", result.alerts.size(), byType, request.output);
        err.printf(Locale.ROOT, "dead letters: %,d %s -> %s%n", result.deadLetters.size(),
                new TreeMap<>(result.deadLetters.stream().collect(Collectors.groupingBy(d -> d.reason, Collectors.counting()))),
                request.deadLetters);
        err.printf(Locale.ROOT, "daily figures: %,d%s%n", result.dailyFigures.size(),
                request.dailyFigures != null ? " -> " + request.dailyFigures : " (not written; use --metrics FILE)");
        err.printf(Locale.ROOT, "risk scores: %,d%s%n", result.riskScores.size(),
                request.riskScores != null ? " -> " + request.riskScores : " (not written; use --risk FILE)");
        long late = result.deadLetters.stream().filter(d -> DeadLetter.LATE.equals(d.reason)).count();
        if (request.order == InputOrder.FILE && late * 100 > result.inputs) {
            err.printf(Locale.ROOT, "warning: %,d of %,d inputs (%.1f%%) were late in file order; if the file is not "
                    + "in time order (an LRS export lists newest first), replay it with --order time%n",
                    late, result.inputs, 100.0 * late / result.inputs);
        }
    }
}
