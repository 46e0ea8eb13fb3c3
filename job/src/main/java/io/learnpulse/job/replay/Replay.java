package io.learnpulse.job.replay;

import io.learnpulse.job.EventTimeWatermarks;
import io.learnpulse.job.LearnpulseTopology;
import io.learnpulse.job.functions.LearnerAlertFunction;
import io.learnpulse.job.functions.RejectionRouter;
import io.learnpulse.job.io.RecordFileFormat;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.functions.StateRouter;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.Alert;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.SettingsOverride;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Replays a finite file through the same job graph as the live job (a bounded file source instead
 * of Kafka) and writes the alerts, dead letters, daily figures and risk scores to files, each sorted so that two
 * replays of one file give the same files apart from {@code detectedAt}.
 */
public final class Replay {
    /**
     * Alert order of the output file (docs/cli.md): the type by its name as written in the file, not by
     * the enum's declaration order, so that the file's order is what its readers see.
     */
    public static final Comparator<Alert> ALERT_ORDER = Comparator.<Alert>comparingLong(a -> a.eventTime)
            .thenComparing(a -> a.userId)
            .thenComparing(a -> a.type.name())
            .thenComparing(a -> a.alertId);
    private static final Comparator<DailyFigures> FIGURES_ORDER = Comparator.<DailyFigures, String>comparing(f -> f.day)
            .thenComparing(f -> f.userId);
    /** Risk scores by (at, userId, courseId) (docs/alerts.md); a learner has one score a course at a moment. */
    private static final Comparator<LearnerRisk> RISK_ORDER = Comparator.<LearnerRisk>comparingLong(r -> r.at)
            .thenComparing(r -> r.userId)
            .thenComparing(r -> r.courseId);
    private static final Comparator<DeadLetter> DEAD_LETTER_ORDER = Comparator.<DeadLetter, String>comparing(d -> d.reason)
            .thenComparing(d -> String.valueOf(d.raw))
            .thenComparing(d -> String.valueOf(d.detail));

    /** What a replay is asked to do. */
    public static final class Request {
        public Path input;
        public Path output;
        public Path deadLetters;
        public Path dailyFigures;
        /** Where to write the risk scores; not written if null. */
        public Path riskScores;
        /** The course calendar (docs/events.md), read whole before the first event; none if null. */
        public Path calendar;
        /** The settings overrides (docs/events.md), read whole before the first event; none if null. */
        public Path settings;
        public InputFormat format = InputFormat.JSONL;
        public InputOrder order = InputOrder.FILE;
        public RuleConfig rules = RuleConfig.defaults();
        public Duration outOfOrderness = Duration.ofMinutes(1);
        /** Gives the alerts' {@code detectedAt}. */
        public Clock clock = Clock.systemUTC();
    }

    /** What a replay produced. */
    public static final class Result {
        public List<Alert> alerts;
        public List<DeadLetter> deadLetters;
        public List<DailyFigures> dailyFigures;
        public List<LearnerRisk> riskScores;
        /** Inputs read from the file, valid or not. */
        public long inputs;
        public long duplicates;
        /** Valid calendar records, and the rejected ones (among the dead letters). */
        public long calendarItems;
        public long calendarRejected;
        /** Valid settings records, and the rejected ones (among the dead letters). */
        public long settingsRead;
        public long settingsRejected;
    }

    private Replay() {}

    /** Runs the replay on {@code env} (a local environment or a test's MiniCluster) and writes its files. */
    public static Result run(StreamExecutionEnvironment env, Request request) throws Exception {
        return run(env, request, job -> {});
    }

    /** The same, handing the job to {@code started} once submitted (to follow it with {@link #inputsRead}). */
    public static Result run(StreamExecutionEnvironment env, Request request, Consumer<JobClient> started)
            throws Exception {
        env.getConfig().enableObjectReuse(); // the topology is safe with it (see LearnpulseTopology)
        List<CalendarItem> calendarItems = new ArrayList<>();
        List<String> calendarRejections = new ArrayList<>();
        if (request.calendar != null) {
            read(request.calendar, StateInput.Kind.CALENDAR, input -> calendarItems.add(input.item), calendarRejections);
        }
        List<SettingsOverride> settings = new ArrayList<>();
        List<String> settingsRejections = new ArrayList<>();
        if (request.settings != null) {
            read(request.settings, StateInput.Kind.SETTINGS, input -> {
                if (StateRouter.unfit(input, request.rules) == null) {
                    settings.add(input.settings);
                } else {
                    settingsRejections.add(input.raw);
                }
            }, settingsRejections);
        }
        RecordFileFormat format = request.order == InputOrder.TIME
                ? RecordFileFormat.inTimeOrder(request.format) : new RecordFileFormat(request.format);
        FileSource<InputRecord> source = FileSource
                .forRecordStreamFormat(format, new org.apache.flink.core.fs.Path(request.input.toUri()))
                .build();
        // one reader, so that the watermarks, and which events are late, follow the file's order
        DataStream<InputRecord> input = env
                .fromSource(source, EventTimeWatermarks.forBoundedInput(request.outOfOrderness), "replay-file")
                .uid("replay-file")
                .setParallelism(1);
        // the calendar and the settings are known before the first event (docs/time-and-delivery.md): read whole
        // here, they are the rule operator's initial calendar and settings; their rejected lines take the live
        // inputs' way to the dead letters
        LearnpulseTopology.Outputs outputs = LearnpulseTopology.build(input,
                LearnpulseTopology.boundedState(env, calendarRejections, settingsRejections), calendarItems, settings,
                request.rules, request.clock);

        CloseableIterator<Alert> alerts = outputs.alerts.collectAsync();
        CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters.collectAsync();
        CloseableIterator<DailyFigures> figures = outputs.dailyFigures.collectAsync();
        CloseableIterator<LearnerRisk> risks = outputs.riskScores.collectAsync();
        JobClient job = env.executeAsync("learnpulse replay of " + request.input.getFileName());
        started.accept(job);

        // each output must be drained while the job runs, or its collect sink stalls the job
        ExecutorService drains = Executors.newFixedThreadPool(4);
        Result result = new Result();
        JobExecutionResult executed;
        try {
            CompletableFuture<List<Alert>> alertList = drain(alerts, drains);
            CompletableFuture<List<DeadLetter>> deadLetterList = drain(deadLetters, drains);
            CompletableFuture<List<DailyFigures>> figureList = drain(figures, drains);
            CompletableFuture<List<LearnerRisk>> riskList = drain(risks, drains);
            executed = job.getJobExecutionResult().get();
            result.alerts = sorted(alertList.get(), ALERT_ORDER);
            result.deadLetters = sorted(deadLetterList.get(), DEAD_LETTER_ORDER);
            result.dailyFigures = sorted(figureList.get(), FIGURES_ORDER);
            result.riskScores = sorted(riskList.get(), RISK_ORDER);
        } finally {
            drains.shutdownNow();
        }
        result.inputs = count(executed.getAllAccumulatorResults(), RejectionRouter.INPUTS_ACCUMULATOR);
        result.duplicates = count(executed.getAllAccumulatorResults(), LearnerAlertFunction.DUPLICATES_ACCUMULATOR);
        result.calendarItems = calendarItems.size();
        result.calendarRejected = calendarRejections.size();
        result.settingsRead = settings.size();
        result.settingsRejected = settingsRejections.size();

        write(request.output, result.alerts, JsonCodec::alert);
        write(request.deadLetters, result.deadLetters, JsonCodec::deadLetter);
        if (request.dailyFigures != null) {
            write(request.dailyFigures, result.dailyFigures, JsonCodec::dailyFigures);
        }
        if (request.riskScores != null) {
            write(request.riskScores, result.riskScores, JsonCodec::learnerRisk);
        }
        return result;
    }

    /** Hands a calendar's or settings file's valid records to {@code valid} in file order; collects its rejected lines. */
    private static void read(Path file, StateInput.Kind kind, Consumer<StateInput> valid, List<String> rejections)
            throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            StateInput input = kind.parse(line);
            if (input.rejection == null) {
                valid.accept(input);
            } else {
                rejections.add(line);
            }
        }
    }

    /**
     * Inputs read so far by a running replay. Its accumulators reach the JobManager with each
     * TaskManager heartbeat, so the count is as old as the last one.
     */
    public static long inputsRead(JobClient job) throws Exception {
        return count(job.getAccumulators().get(), RejectionRouter.INPUTS_ACCUMULATOR);
    }

    private static long count(Map<String, Object> accumulators, String name) {
        Object count = accumulators.get(name);
        return count == null ? 0 : (Long) count;
    }

    private static <T> CompletableFuture<List<T>> drain(CloseableIterator<T> iterator, ExecutorService executor) {
        return CompletableFuture.supplyAsync(() -> {
            List<T> items = new ArrayList<>();
            try (iterator) {
                iterator.forEachRemaining(items::add);
            } catch (Exception e) {
                throw new IllegalStateException("collecting the replay's output failed", e);
            }
            return items;
        }, executor);
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        items.sort(order);
        return items;
    }

    private static <T> void write(Path file, List<T> items, Function<T, String> toJson) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (T item : items) {
                out.write(toJson.apply(item));
                out.write('\n');
            }
        }
    }
}
