package io.learnpulse.job.savepoints;

import io.learnpulse.job.EventTimeWatermarks;
import io.learnpulse.job.LearnpulseTopology;
import io.learnpulse.job.RuleOptions;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.testutils.TestClock;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The job's topology ({@link LearnpulseTopology}, every uid of it) between the fixed input of a
 * savepoint fixture and outputs collected in this JVM (the MiniCluster's), run as data teams run an
 * upgrade: stopped with a canonical savepoint, no drain, after a fixed number of events, or restored
 * from one and run to the end of the input.
 *
 * <p>Deterministic: one source subtask reads the calendar and settings lines, then the events,
 * whose watermarks come from the job's per-event generator; the events only once a checkpoint that
 * followed the calendar and settings has completed, so that every rule subtask has learned those
 * before its first event, at the same (initial) watermark in every run ({@link StopAfter}). It
 * stops after exactly {@code stopAfter} events and waits there for the savepoint, whose barrier
 * therefore follows exactly those events into every subtask.
 */
final class FixtureJob {
    /** The uid of the source: its state is the position in the fixture's input. */
    static final String INPUT_UID = "fixture-input";
    private static final String CALENDAR = "calendar ";
    private static final String SETTINGS = "settings ";
    /** Never stop: run to the end of the input. */
    static final int NO_STOP = Integer.MAX_VALUE;
    private static final Duration WAIT = Duration.ofMinutes(2);

    /** The outputs of each run by its name, and the futures that say it has stopped reading. */
    private static final Map<String, Queue<String>> OUTPUTS = new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Void>> STOPPED = new ConcurrentHashMap<>();

    private FixtureJob() {}

    /** The Flink settings of the live job's state on {@code backend} (rocksdb or hashmap), restoring {@code savepoint} if given. */
    static Configuration configuration(String backend, String savepoint) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(100));
        flink.set(StateBackendOptions.STATE_BACKEND, backend);
        if (backend.equals("rocksdb")) {
            flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            flink.set(RocksDBOptions.TIMER_SERVICE_FACTORY, PriorityQueueStateType.HEAP); // the job's default
        }
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        return flink;
    }

    /**
     * Adds the job to {@code env} as run {@code run}: it reads the input (from where its savepoint
     * left off, if restored) and stops reading after {@code stopAfter} events.
     */
    static void build(StreamExecutionEnvironment env, FixtureInput input, int stopAfter, String run) {
        OUTPUTS.put(run, new ConcurrentLinkedQueue<>());
        STOPPED.put(run, new CompletableFuture<>());
        env.getConfig().enableObjectReuse(); // as the job does
        // one source, the calendar and settings first: see StopAfter for why
        List<String> lines = new ArrayList<>();
        input.calendar.forEach(line -> lines.add(CALENDAR + line));
        input.settings.forEach(line -> lines.add(SETTINGS + line));
        int stateLines = lines.size();
        lines.addAll(input.events);
        DataStream<FixtureRecord> records = env
                .fromSource(new DataGeneratorSource<>(new Lines(new ArrayList<>(lines)), lines.size(),
                                new StopAfter(run, stateLines, stopAfter == NO_STOP ? NO_STOP : stateLines + stopAfter),
                                TypeInformation.of(FixtureRecord.class)),
                        WatermarkStrategy.noWatermarks(), INPUT_UID)
                .uid(INPUT_UID)
                .setParallelism(1);
        DataStream<InputRecord> events = records
                .flatMap((FixtureRecord r, Collector<InputRecord> out) -> {
                    if (r.event != null) {
                        out.collect(r.event);
                    }
                })
                .returns(InputRecord.class)
                .name("fixture-events").uid("fixture-events").setParallelism(1)
                .assignTimestampsAndWatermarks(EventTimeWatermarks.forBoundedInput(Duration.ofMinutes(1)))
                .name("fixture-event-time").uid("fixture-event-time").setParallelism(1);
        DataStream<StateInput> state = records
                .assignTimestampsAndWatermarks(new AfterStateLines(stateLines))
                .name("fixture-state-time").uid("fixture-state-time").setParallelism(1)
                .flatMap((FixtureRecord r, Collector<StateInput> out) -> {
                    if (r.state != null) {
                        out.collect(r.state);
                    }
                })
                .returns(StateInput.class)
                .name("fixture-state").uid("fixture-state").setParallelism(1);
        topology(events, state, run);
    }

    /** The topology as the job builds it, its outputs collected under {@code run}. */
    private static void topology(DataStream<InputRecord> events, DataStream<StateInput> state, String run) {
        LearnpulseTopology.Outputs out = LearnpulseTopology.build(events, state, List.of(), List.of(),
                RuleOptions.ruleConfig(new Configuration()), TestClock.FIXED);
        DataStream<String> all = out.alerts.map(a -> "alert " + JsonCodec.alert(a)).name("alert-json").uid("alert-json")
                .union(out.dailyFigures.map(f -> "daily " + JsonCodec.dailyFigures(f)).name("daily-json").uid("daily-json"),
                        out.riskScores.map(r -> "risk " + JsonCodec.learnerRisk(r)).name("risk-json").uid("risk-json"));
        all.sinkTo(new Collected(run)).name("collected").uid("collected");
    }

    /** Runs the job to the end of its input; returns what it wrote. */
    static List<String> runToEnd(StreamExecutionEnvironment env, String run) throws Exception {
        env.executeAsync(run).getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return outputs(run);
    }

    /** Runs the job until it has read {@code stopAfter} events, then stops it with a canonical savepoint under {@code dir}. */
    static Stopped runAndStop(StreamExecutionEnvironment env, String run, String dir) throws Exception {
        JobClient job = env.executeAsync(run);
        STOPPED.get(run).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String savepoint = job.stopWithSavepoint(false, dir, SavepointFormatType.CANONICAL)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Stopped(savepoint, outputs(run));
    }

    /** A stopped run: its savepoint and what it wrote before. */
    static final class Stopped {
        final String savepoint;
        final List<String> outputs;

        Stopped(String savepoint, List<String> outputs) {
            this.savepoint = savepoint;
            this.outputs = outputs;
        }
    }

    private static List<String> outputs(String run) {
        STOPPED.remove(run);
        return new ArrayList<>(OUTPUTS.remove(run));
    }

    /** Parses line {@code i} of the input as the job's sources do. */
    private static final class Lines implements GeneratorFunction<Long, FixtureRecord> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> lines;

        Lines(ArrayList<String> lines) {
            this.lines = lines;
        }

        @Override
        public FixtureRecord map(Long i) {
            String line = lines.get(Math.toIntExact(i));
            FixtureRecord record = new FixtureRecord();
            record.line = i;
            if (line.startsWith(CALENDAR)) {
                record.state = StateInput.Kind.CALENDAR.parse(line.substring(CALENDAR.length()));
            } else if (line.startsWith(SETTINGS)) {
                record.state = StateInput.Kind.SETTINGS.parse(line.substring(SETTINGS.length()));
            } else {
                try {
                    record.event = InputRecord.of(JsonCodec.readEvent(line));
                } catch (InvalidRecordException e) {
                    record.event = InputRecord.rejected(e.reason(), e.getMessage(), line);
                }
            }
            return record;
        }
    }

    /** One line of the fixture's input: an event or a calendar or settings record. */
    public static class FixtureRecord {
        /** Its place in the input. */
        public long line;
        public InputRecord event;
        public StateInput state;

        public FixtureRecord() {}
    }

    /**
     * The calendar and settings input's watermark: the highest possible (it never holds the events'
     * back, as in the job), but only from the last calendar or settings line on (a restored run,
     * whose source starts past them, from its first line), so that the rule operator's watermark
     * is still at its start when it learns them.
     */
    private static final class AfterStateLines implements WatermarkStrategy<FixtureRecord> {
        private static final long serialVersionUID = 1L;
        private final int lines;

        AfterStateLines(int lines) {
            this.lines = lines;
        }

        @Override
        public WatermarkGenerator<FixtureRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
            return new WatermarkGenerator<>() {
                private boolean past = lines == 0;

                @Override
                public void onEvent(FixtureRecord record, long timestamp, WatermarkOutput output) {
                    past |= record.line >= lines - 1;
                    onPeriodicEmit(output);
                }

                @Override
                public void onPeriodicEmit(WatermarkOutput output) {
                    if (past) {
                        output.emitWatermark(Watermark.MAX_WATERMARK);
                    }
                }
            };
        }
    }

    /**
     * Lets the calendar and settings lines out, then the events once a checkpoint that followed
     * those lines has completed (so every rule subtask has learned them before its first event),
     * then stops after {@code stopAfter} lines in all: the source then idles until it is stopped
     * with a savepoint. Called in the source's task before each line, as are the task's checkpoints
     * and the notes of their completion, in the order the JobManager sent them: when the first event
     * asks, a checkpoint already begun in this task is at most the one after the last completed, so
     * the one after that begins after the calendar and settings lines. A restored run counts from
     * where it resumed, so it pauses once more, harmlessly (its calendar and settings are restored),
     * as many events on.
     */
    private static final class StopAfter implements RateLimiterStrategy<NumberSequenceSplit> {
        private static final long serialVersionUID = 1L;
        private final String run;
        private final int stateLines;
        private final int stopAfter;

        StopAfter(String run, int stateLines, int stopAfter) {
            this.run = run;
            this.stateLines = stateLines;
            this.stopAfter = stopAfter;
        }

        @Override
        public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
            return new RateLimiter<>() {
                private int granted;
                private long lastCompleted;
                private long firstEventAfter = Long.MAX_VALUE;
                private CompletableFuture<Void> firstEvent;

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    if (granted >= stopAfter) {
                        STOPPED.get(run).complete(null);
                        return new CompletableFuture<>();
                    }
                    if (granted++ == stateLines) {
                        firstEventAfter = lastCompleted + 2;
                        firstEvent = new CompletableFuture<>();
                        return firstEvent;
                    }
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void notifyCheckpointComplete(long checkpointId) {
                    lastCompleted = checkpointId;
                    if (firstEvent != null && checkpointId >= firstEventAfter) {
                        firstEvent.complete(null);
                    }
                }
            };
        }
    }

    /** Adds each output line to its run's queue. */
    private static final class Collected implements Sink<String> {
        private static final long serialVersionUID = 1L;
        private final String run;

        Collected(String run) {
            this.run = run;
        }

        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            Queue<String> queue = OUTPUTS.get(run);
            return new SinkWriter<>() {
                @Override
                public void write(String line, Context context) {
                    queue.add(line);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
