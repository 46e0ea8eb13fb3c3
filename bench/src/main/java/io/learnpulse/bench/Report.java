package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The bench's one table (figures and ratios side by side), its notes, and the raw figures behind it,
 * as Markdown.
 */
final class Report {
    private final Map<String, String> machine = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final Map<String, String> headline = new LinkedHashMap<>();

    private double ceilingRate = Double.NaN;
    private double ceilingPerCpu = Double.NaN;
    private double liveCpuPerEvent = Double.NaN;
    private Stats.Latencies liveLatency;
    private String liveLatencyLabel = "";

    void note(String note) {
        notes.add(note);
    }

    void machine(String key, String value) {
        machine.put(key, value);
    }

    /** Rows 1-3, those of {@code chosen}. */
    void throughput(Map<String, List<Drain.Result>> drains, List<double[]> replays, long events, Set<Row> chosen) {
        List<Drain.Result> ceiling = drains.getOrDefault("ceiling", List.of());
        Stats.Spread ceilingRates = spread(ceiling, Drain.Result::rate);
        Stats.Spread ceilingCpu = spread(ceiling, Drain.Result::perJobCpuSecond);
        ceilingRate = ceilingRates.median();
        ceilingPerCpu = ceilingCpu.median();
        String ceilingLabel = "Ceiling: stateless parse and write-through, Kafka → Flink → Kafka (at-least-once, no state, no checkpoints)";
        if (!ceiling.isEmpty()) {
            headline.put("ceiling", String.format(Locale.ROOT, "%s, %,.0f per CPU-second", rate(ceilingRates.median()),
                    ceilingCpu.median()));
        }
        if (chosen.contains(Row.CEILING)) {
            rows.add(ceiling.isEmpty() ? notMeasured("1", ceilingLabel) : new String[] {"1", ceilingLabel,
                rate(ceilingRates.median()), perCpu(ceilingCpu.median(), spread(ceiling, Drain.Result::jobCores).median()),
                "1.00 (reference)", ceilingRates.range("%,.0f", "events/s")});
        }

        List<Double> replayRates = new ArrayList<>();
        List<Double> replayPerCpu = new ArrayList<>();
        List<Double> replayCores = new ArrayList<>();
        for (double[] r : replays) {
            replayRates.add(events / r[0]);
            replayPerCpu.add(events / r[1]);
            replayCores.add(r[1] / r[0]);
        }
        Stats.Spread replayRate = Stats.Spread.of(replayRates);
        Stats.Spread replayCpu = Stats.Spread.of(replayPerCpu);
        String replayLabel = "Replay: `learnpulse replay` of the generated file (file → job graph → sorted alert file)";
        if (!replays.isEmpty()) {
            headline.put("replay", String.format(Locale.ROOT, "%s, %,.0f per CPU-second%s",
                    rate(replayRate.median()), replayCpu.median(), timesCeiling(replayRate.median())));
        }
        if (chosen.contains(Row.REPLAY)) {
            rows.add(replays.isEmpty() ? notMeasured("2", replayLabel) : new String[] {"2", replayLabel,
                    rate(replayRate.median()), perCpu(replayCpu.median(), Stats.Spread.of(replayCores).median()),
                    ratio(replayRate.median(), replayCpu.median()), replayRate.range("%,.0f", "events/s")});
        }

        String[][] live = {
                {"rocksdb-exactly-once", "3a", "Live: Kafka → job → Kafka, RocksDB, checkpoints every %d s, exactly-once (drain rate)"},
                {"hashmap-exactly-once", "3b", "Live: the same on the hashmap (heap) state backend, exactly-once"},
                {"rocksdb-at-least-once", "3c", "Live: the same on RocksDB, at-least-once delivery"}};
        for (String[] l : live) {
            if (chosen.stream().noneMatch(row -> row.id.equals(l[0]))) {
                continue;
            }
            List<Drain.Result> runs = drains.getOrDefault(l[0], List.of());
            String label = l[2].contains("%d") ? String.format(Locale.ROOT, l[2], checkpointSeconds) : l[2];
            if (runs.isEmpty()) {
                rows.add(notMeasured(l[1], label));
                continue;
            }
            Stats.Spread rates = spread(runs, Drain.Result::rate);
            Stats.Spread cpu = spread(runs, Drain.Result::perJobCpuSecond);
            if (l[0].equals("rocksdb-exactly-once")) {
                liveCpuPerEvent = 1 / cpu.median();
                headline.put("live, RocksDB, exactly-once", String.format(Locale.ROOT,
                        "%s, %,.0f per CPU-second%s", rate(rates.median()), cpu.median(), timesCeiling(rates.median())));
            }
            rows.add(new String[] {l[1], label,
                    rate(rates.median()), perCpu(cpu.median(), spread(runs, Drain.Result::jobCores).median()),
                    ratio(rates.median(), cpu.median()), rates.range("%,.0f", "events/s")});
        }

        StringBuilder raw = new StringBuilder("### Throughput runs (raw)\n\n"
                + "| run | events measured | seconds | events/s | job process CPU-s | cores used by the job | broker CPU-s |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Drain.Result>> e : drains.entrySet()) {
            int i = 1;
            for (Drain.Result r : e.getValue()) {
                raw.append(String.format(Locale.ROOT, "| %s #%d | %,d | %.1f | %,.0f | %.1f | %.2f | %.1f |%n",
                        e.getKey(), i++, r.events(), r.seconds(), r.rate(), r.jobCpu(), r.jobCores(), r.brokerCpu()));
            }
        }
        int i = 1;
        for (double[] r : replays) {
            raw.append(String.format(Locale.ROOT, "| replay #%d | %,d | %.1f | %,.0f | %.1f | %.2f | – |%n",
                    i++, events, r[0], events / r[0], r[1], r[1] / r[0]));
        }
        details.add(raw.toString());

        double liveRatio = spread(drains.getOrDefault("rocksdb-exactly-once", List.of()), Drain.Result::rate).median() / ceilingRate;
        double heapRatio = spread(drains.getOrDefault("hashmap-exactly-once", List.of()), Drain.Result::rate).median() / ceilingRate;
        double atLeastOnceRatio = spread(drains.getOrDefault("rocksdb-at-least-once", List.of()), Drain.Result::rate).median() / ceilingRate;
        if (liveRatio < 0.8 && !Double.isNaN(heapRatio) && !Double.isNaN(atLeastOnceRatio)) {
            notes.add(String.format(Locale.ROOT, "The live job on RocksDB, exactly-once, reaches %.0f%% of the ceiling; on the "
                    + "heap backend it reaches %.0f%%, and on RocksDB at-least-once %.0f%%. What the ceiling does not do at all: "
                    + "the keyBy shuffle of every event to the rule operator (serialization and a hop between tasks), a read "
                    + "and a write of the learner's state and of its seen-event ids per event, the learner's event-time "
                    + "timer, daily figures for every learner-day, and checkpoints. The difference between the RocksDB and "
                    + "heap rows is the price of RocksDB's state access (a (de)serialization and a native call per "
                    + "access); the difference between the two RocksDB rows is the price of the transactional sink. "
                    + "These are the places the next round of work should look at first; the bench does not profile which "
                    + "of them dominates.", liveRatio * 100, heapRatio * 100, atLeastOnceRatio * 100));
        }
    }

    private int checkpointSeconds = 10;

    void latency(LatencyRun.Result result) {
        checkpointSeconds = (int) (result.checkpointMillis() / 1000);
        boolean exactlyOnce = result.mode().equals("exactly-once");
        for (LatencyRun.Phase p : result.phases()) {
            // exactly-once alerts arrive in checkpoint-sized steps: allow one interval of noise there
            double allowed = 1.0 + (exactlyOnce ? result.checkpointMillis() / 1000.0 : 0);
            boolean flat = Double.isNaN(p.driftSeconds()) || p.driftSeconds() <= allowed;
            if (exactlyOnce && p.name().equals("50%")) {
                liveLatency = p.latency();
                liveLatencyLabel = "exactly-once at 50% load";
            }
            if (p.name().equals("50%")) {
                headline.put("alert latency, " + result.mode() + ", 50% load", String.format(Locale.ROOT,
                        "p50 / p99 / max %s (watermark delay %d s%s)", p.latency().seconds(),
                        result.outOfOrdernessMillis() / 1000,
                        exactlyOnce ? ", checkpoints every " + result.checkpointMillis() / 1000 + " s" : ""));
            }
            rows.add(new String[] {"4", String.format(Locale.ROOT,
                    "Alert latency, append to Kafka → WebSocket client, %s, %s of the sustained rate (%,.0f events/s offered, %,.0f produced)",
                    result.mode(), p.name(), p.offeredRate(), p.producedRate()),
                    "total p50 / p99 / max: " + p.latency().seconds(), "–",
                    String.format(Locale.ROOT, "beyond the watermark delay (%d s)%s: %s", result.outOfOrdernessMillis() / 1000,
                            exactlyOnce ? " and the wait for the next checkpoint (every " + result.checkpointMillis() / 1000
                                    + " s) to complete" : "",
                            p.beyond().seconds()),
                    String.format(Locale.ROOT, "%,d alerts; latency drift %s over the phase (%s)", p.latency().count(),
                            Double.isNaN(p.driftSeconds()) ? "unknown" : String.format(Locale.ROOT, "%+.1f s", p.driftSeconds()),
                            flat ? "kept up" : "falling behind")});
            if (!flat) {
                notes.add(String.format(Locale.ROOT, "Latency %s at %s: the alerts of the phase's last third arrived %.1f s later than those of its first third, "
                        + "so %,.0f events/s is not sustained while the producer (and the gateway and the WebSocket client) "
                        + "share the machine's %d cores with the job and the broker; the drain rate of row 3, measured "
                        + "without a producer running, overstates the sustainable rate on this machine by that much.",
                        result.mode(), p.name(), p.driftSeconds(), p.offeredRate(), Machine.cores()));
            }
            if (p.producedRate() < 0.95 * p.offeredRate()) {
                notes.add(String.format(Locale.ROOT, "Latency %s at %s: the producer only reached %,.0f of the %,.0f events/s "
                        + "offered (the bench's own producer competes for the same cores).", result.mode(), p.name(),
                        p.producedRate(), p.offeredRate()));
            }
            if (p.latency().count() == 0) {
                notes.add("Latency " + result.mode() + " at " + p.name() + ": no alert of the phase reached the WebSocket "
                        + "client in time, so there is no figure.");
            }
        }
    }

    private int stateLearnersPerWave;

    void state(StateRun.Result result, BenchOptions options, int learnersPerWave) {
        stateLearnersPerWave = learnersPerWave;
        StringBuilder raw = new StringBuilder(String.format(Locale.ROOT, "### State run (raw): RocksDB, exactly-once, "
                + "checkpoints every %d s, `rules.forget-after` %d days; %d waves of %,d learners, each active for %d days\n\n"
                + "| after wave | checkpoint | event time (watermark) | events | learners seen | learners not yet forgotten | full state size | bytes per such learner |\n"
                + "|---:|---:|---|---:|---:|---:|---:|---:|\n", options.stateCheckpointSeconds, options.stateForgetDays,
                options.stateWaves, learnersPerWave, options.stateWaveDays));
        for (StateRun.Point p : result.points()) {
            raw.append(String.format(Locale.ROOT, "| %d | %d | %s | %,d | %,d | %,d | %,d | %,.0f |%n", p.wave() + 1,
                    p.checkpointId(), time(p.eventTime()), p.eventsIn(), p.learnersSeen(), p.learnersRemembered(),
                    p.stateBytes(), p.bytesPerRemembered()));
        }
        details.add(raw.toString());
        StateRun.Point last = result.last();
        if (last == null) {
            rows.add(new String[] {"5", "State: RocksDB bytes per active learner", "no checkpoint completed", "–", "–", "–"});
            notes.add("State: no checkpoint completed during the state run, so there is no state figure.");
            return;
        }
        long steadyFrom = result.startMillis() + (long) (options.stateWaveDays + options.stateForgetDays) * Workload.DAY;
        List<StateRun.Point> steady = new ArrayList<>();
        long peak = 0;
        for (StateRun.Point p : result.points()) {
            peak = Math.max(peak, p.stateBytes());
            if (p.eventTime() >= steadyFrom) {
                steady.add(p);
            }
        }
        List<StateRun.Point> basis = steady.isEmpty() ? result.points() : steady;
        Stats.Spread perLearner = Stats.Spread.of(basis.stream().map(StateRun.Point::bytesPerRemembered).toList());
        List<StateRun.Point> before = result.points().subList(0, result.points().size() - steady.size());
        String bounded;
        if (steady.size() < 2 || before.isEmpty()) {
            bounded = "too few checkpoints before and after the first learners were forgotten to judge boundedness";
            notes.add("State: the run had too few checkpoints around the first forgetting; boundedness is not shown.");
        } else {
            StateRun.Point earlyPeak = before.stream().max(java.util.Comparator.comparingLong(StateRun.Point::stateBytes)).get();
            long lateMax = steady.stream().mapToLong(StateRun.Point::stateBytes).max().orElse(0);
            long seenTo = steady.get(steady.size() - 1).learnersSeen();
            long rememberedMax = steady.stream().mapToLong(StateRun.Point::learnersRemembered).max().orElse(0);
            boolean isBounded = lateMax <= 1.25 * earlyPeak.stateBytes() && seenTo >= 1.3 * earlyPeak.learnersSeen();
            bounded = String.format(Locale.ROOT, "learners seen grow %,d → %,d (×%.1f) while at most %,d are remembered at "
                    + "once; the largest checkpoint after forgetting began is ×%.2f the largest before it (%.1f vs %.1f MB): %s",
                    earlyPeak.learnersSeen(), seenTo, seenTo / (double) earlyPeak.learnersSeen(), rememberedMax,
                    lateMax / (double) earlyPeak.stateBytes(), lateMax / 1e6, earlyPeak.stateBytes() / 1e6,
                    isBounded ? "bounded" : "NOT shown bounded");
            if (!isBounded) {
                notes.add("State: after forgetting began, a checkpoint was more than 25% larger than the largest one before "
                        + "(or too few new learners were seen to tell); see the raw state table.");
            }
        }
        notes.add("State: RocksDB drops a forgotten learner's entries with tombstones that take space until compaction "
                + "merges the files; each checkpoint flushes the memtable into a new level-0 file and four of them trigger a "
                + "compaction, so the checkpoint size is a saw-tooth (it grows for a few checkpoints, then falls back). That is "
                + "why bytes per active learner are given as the median over the checkpoints with their range, and "
                + "boundedness as the largest size once learners are being forgotten against the largest before that (when about as many learners were active).");
        rows.add(new String[] {"5", "State: full checkpoint size per active (not yet forgotten) learner, RocksDB",
                String.format(Locale.ROOT, "%,.0f bytes per active learner (median; %,.0f–%,.0f over %d checkpoints)",
                        perLearner.median(), perLearner.min(), perLearner.max(), perLearner.runs()),
                "–", bounded, String.format(Locale.ROOT, "%d checkpoints; peak %.1f MB for at most %,d active learners",
                        result.points().size(), peak / 1e6,
                        result.points().stream().mapToLong(StateRun.Point::learnersRemembered).max().orElse(0))});
    }

    void fanout(Fanout.Result r) {
        rows.add(new String[] {"6", String.format(Locale.ROOT, "Gateway fan-out to %,d WebSocket clients%s", r.clients(),
                r.stalled() ? " and one more that stops reading" : ""),
                String.format(Locale.ROOT, "%,.0f deliveries/s (%,.0f offered); latency p50 / p99 / max: %s", r.deliveriesPerSecond(),
                        r.offeredDeliveriesPerSecond(), r.latency().seconds()),
                String.format(Locale.ROOT, "%,.0f deliveries per gateway CPU-s", r.deliveriesPerGatewayCpuSecond()),
                String.format(Locale.ROOT, "%,d of %,d delivered%s%s", r.delivered(), r.expected(),
                        r.stalled() ? (r.stalledCutOffs() > 0 ? "; the stalled client was cut off (1008)" : "; the stalled client was not cut off during the run") : "",
                        r.readersClosed() > 0 ? "; " + r.readersClosed() + " reading clients were closed" : ""),
                String.format(Locale.ROOT, "%,d samples", r.latency().count())});
        if (r.delivered() < r.expected()) {
            notes.add(String.format(Locale.ROOT, "Fan-out to %,d clients%s: only %,d of %,d deliveries arrived within 30 s "
                    + "after the last alert was produced.", r.clients(), r.stalled() ? " (+1 stalled)" : "", r.delivered(), r.expected()));
        }
        if (r.stalled() && r.stalledCutOffs() == 0) {
            notes.add(String.format(Locale.ROOT, "Fan-out to %,d clients + 1 stalled: the stalled client was not cut off "
                    + "within the run: the kernel's socket buffers on loopback absorb the frames it does not read before "
                    + "the gateway's per-client queue (256 frames) fills; what the row shows is that the others are "
                    + "not slowed by it.", r.clients()));
        }
    }

    void cron(JsonNode result) {
        StringBuilder raw = new StringBuilder("### Cron baseline (raw)\n\n");
        raw.append(String.format(Locale.ROOT, "Bulk load of %,d events into SQLite: %.1f CPU-s (%.1f µs per event), %.1f s.%n%n",
                result.path("loadEvents").asLong(), result.path("loadCpuSeconds").asDouble(),
                result.path("loadCpuSeconds").asDouble() / Math.max(1, result.path("loadEvents").asLong()) * 1e6,
                result.path("loadWallSeconds").asDouble()));
        raw.append("| cycle | cycles run | span (event time) | query CPU-s per cycle | query wall median / max | "
                + "alerts found by the queries | alerts of the replay in the span | latency of the queries' alerts p50 / p99 / max |\n"
                + "|---|---:|---|---:|---|---|---|---|\n");
        double eventsPerDay = result.path("eventsPerDay").asDouble();
        for (JsonNode c : result.path("cycles")) {
            long minutes = c.path("cycleMinutes").asLong();
            int cycles = c.path("cycles").asInt();
            double cpuPerCycle = cycles == 0 ? Double.NaN : c.path("queryCpuSeconds").asDouble() / cycles;
            double cpuPerDay = cpuPerCycle * (1440.0 / minutes);
            double cpuPerEvent = cpuPerDay / eventsPerDay;
            Stats.Latencies simulated = latencies(c.path("simulatedLatency"));
            Stats.Latencies queried = latencies(c.path("queryLatency"));
            raw.append(String.format(Locale.ROOT, "| %d min | %d | %s → %s | %.3f | %.3f / %.3f s | %s | %s | %s |%n",
                    minutes, cycles, time(c.path("spanStart").asLong()), time(c.path("spanEnd").asLong()), cpuPerCycle,
                    c.path("medianQueryWallSeconds").asDouble(), c.path("maxQueryWallSeconds").asDouble(),
                    c.path("alertsFoundByQueries").toString(), c.path("alertsOfReplayInSpan").toString(), queried.seconds()));
            headline.put("cron every " + minutes + " min", String.format(Locale.ROOT,
                    "latency p50 / p99 / max %s, %s CPU per event", simulated.seconds(), duration(cpuPerEvent)));
            String comparison;
            if (liveLatency != null && liveLatency.count() > 0 && !Double.isNaN(liveCpuPerEvent)) {
                comparison = String.format(Locale.ROOT, "learnpulse (%s): p50 %s s, %s CPU per event → the cron is %.0f× "
                        + "slower at p50 and costs %.0f× the CPU per event", liveLatencyLabel,
                        String.format(Locale.ROOT, "%.2f", liveLatency.p50() / 1000.0), duration(liveCpuPerEvent),
                        simulated.p50() / (double) Math.max(1, liveLatency.p50()), cpuPerEvent / liveCpuPerEvent);
            } else {
                comparison = "no learnpulse figure to compare with";
            }
            rows.add(new String[] {"7", String.format(Locale.ROOT, "Cron baseline: the six rules as SQL over SQLite every %d min "
                    + "(30-day window, indexed), latency simulated for every alert of the replay", minutes),
                    "latency p50 / p99 / max: " + simulated.seconds(),
                    String.format(Locale.ROOT, "%s CPU per event (%.2f CPU-s per cycle × %d cycles a day ÷ %,.0f events a day)",
                            duration(cpuPerEvent), cpuPerCycle, 1440 / minutes, eventsPerDay),
                    comparison, String.format(Locale.ROOT, "%d cycles run; %,d alerts simulated", cycles, simulated.count())});
            if (cycles < 10) {
                notes.add(String.format(Locale.ROOT, "Cron %d min: only %d cycles fitted in the query-time budget, so its CPU per "
                        + "cycle rests on few samples.", minutes, cycles));
            }
        }
        details.add(raw.toString());
    }

    /** Seconds as µs or ms, whichever reads better. */
    private static String duration(double seconds) {
        return seconds < 1e-3 ? String.format(Locale.ROOT, "%.1f µs", seconds * 1e6)
                : String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }

    private static String time(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString().substring(0, 16).replace('T', ' ');
    }

    private static Stats.Latencies latencies(JsonNode node) {
        return new Stats.Latencies(node.path("count").asLong(), node.path("p50").asLong(), node.path("p99").asLong(),
                node.path("max").asLong());
    }

    String markdown(BenchOptions options) {
        StringBuilder md = new StringBuilder();
        md.append("# learnpulse bench").append(options.quick ? " (quick: tiny sizes, not a benchmark)" : "").append("\n\n");
        md.append("`bin/learnpulse bench").append(options.quick ? " --quick" : "")
                .append(options.allRows() ? "" : " --rows " + Row.ids(options.rows).replace(", ", ","))
                .append("` on this machine:\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        if (!headline.isEmpty()) {
            md.append("\n**Headline**\n\n");
            headline.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        md.append("\n| # | Measurement | Figure | Per CPU-second actually used | Compared with | Spread / sample |\n");
        md.append("|---|---|---|---|---|---|\n");
        List<String[]> ordered = new ArrayList<>(rows);
        ordered.sort(java.util.Comparator.comparingInt(row -> Integer.parseInt(row[0].replaceAll("[^0-9]", ""))));
        for (String[] row : ordered) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append("\n## Notes\n\n");
        for (String note : methodNotes(options)) {
            md.append("- ").append(note).append('\n');
        }
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        md.append("\n## Raw figures\n\n");
        for (String d : details) {
            md.append(d).append('\n');
        }
        return md.toString();
    }

    private List<String> methodNotes(BenchOptions o) {
        List<String> m = new ArrayList<>();
        m.add(String.format(Locale.ROOT, "Every part runs in its own process on the same %d cores: Kafka broker, a local Flink "
                + "cluster (1 TaskManager, %d slots; the jobs run on it one after the other at parallelism %d), the gateway "
                + "(SQLite), each replay, the cron baseline, and the bench itself (workload, producer, WebSocket clients). "
                + "CPU-seconds are utime + stime of the process from /proc/<pid>/stat over the measured interval; "
                + "\"events per CPU-s\" divides by the job's process only (the broker's CPU is in the raw table).",
                Machine.cores(), o.parallelism, o.parallelism));
        m.add(String.format(Locale.ROOT, "Throughput (rows 1–3) is the drain rate of a backlog: the topic is filled first, then the job starts at its "
                + "earliest offset, and the rate runs from its first progress (records into the rule operator; for the "
                + "ceiling, records in its output topic) to the last event or for at most %d s, whichever comes first "
                + "(the warm-up of the JIT and of RocksDB is inside it); the replay always reads the whole file. A drain rate is the highest input rate at which "
                + "lag would stay flat if producing were free; stepping offered rates instead would need several minutes "
                + "per step on this machine. Row 4 then checks the claim: its phases at 50%% and 80%% of the drain rate run "
                + "with a producer, and report whether the job kept up: the median latency of the alerts of each phase's last third "
                + "against its first third (a job falling behind delays every later alert by its growing lag; allowed: 1 s, "
                + "plus one checkpoint interval exactly-once). The job's lag read from Flink's REST metrics proved unreliable "
                + "and is not used.", o.drainSeconds));
        m.add("Ratios compare the medians with the ceiling's: events/s, and in parentheses events per CPU-second. "
                + "Spread is the smallest and largest of the repeated runs. Latency, state, fan-out and cron rows are one run each "
                + "(their percentiles are over many alerts).");
        if (o.rows.contains(Row.LATENCY)) {
            m.add(String.format(Locale.ROOT, "Latency runs publish the workload at a paced rate with each event's time set to the "
                + "moment it is handed to the producer (linger 5 ms, acks=all); the alerts measured are the two rules that fire at "
                + "their completing event's time (CONSECUTIVE_LOW_SCORES, HIGH_PERFORMANCE), received by a WebSocket client of "
                + "the gateway (Kafka → gateway consumer → SQLite → push). They use a watermark delay of %d s instead of the "
                + "default 1 minute (at the default, every figure is %d s larger) and checkpoints every %d s; an alert waits "
                + "for the watermark (the delay plus the gap to the next events on every partition) and, exactly-once, "
                + "for the checkpoint that commits its transaction (0 to %d s). \"Beyond\" is what remains of each alert's "
                + "latency after those configured waits: from its event time plus the watermark delay or, exactly-once, "
                + "from the completion of the first checkpoint triggered after that moment (from Flink's checkpoint "
                + "history), to its receipt: the system's own overhead (processing, Kafka, the gateway, the push).",
                o.latencyOutOfOrdernessSeconds, 60 - o.latencyOutOfOrdernessSeconds, o.checkpointSeconds, o.checkpointSeconds));
        }
        if (o.rows.contains(Row.STATE)) {
            m.add(String.format(Locale.ROOT, "State (row 5): the live job on RocksDB (exactly-once, checkpoints every %d s; after each wave "
                + "the bench waits for the next one) is fed learners arriving in %d waves of %,d, wave after wave, each active %d days and then silent, with "
                + "`rules.forget-after` shortened to %d days of event time (the shortest the rules allow is just over 9). "
                + "The figure is the full checkpoint size (RocksDB SST files plus the heap timers and the Kafka operators' "
                + "state) divided by the learners not yet forgotten at the checkpoint's watermark (counted in the workload "
                + "as of the watermark after the wave's last event).", o.stateCheckpointSeconds, o.stateWaves, stateLearnersPerWave,
                o.stateWaveDays, o.stateForgetDays));
        }
        if (o.rows.contains(Row.FANOUT)) {
            m.add(String.format(Locale.ROOT, "Fan-out (row 6): alerts written straight to the gateway's alerts topic at a paced "
                + "rate (offered deliveries/s ÷ clients, for %d s); a delivery is one client receiving one alert; latency "
                + "runs from handing the alert to the Kafka producer to its receipt. The clients run in the bench process "
                + "on the same cores as the gateway.", o.fanoutSeconds));
        }
        if (o.rows.contains(Row.CRON)) {
            m.add("Cron (row 7): SQLite (sqlite-jdbc, WAL, indexes on (user, time), (type, time), (time)); the events are "
                + "inserted in event-time order as they \"arrive\", and each cycle runs one set of six INSERT … SELECT "
                + "queries over the last 30 days (the forget-after window). Its CPU per event is the query CPU of the "
                + "measured cycles, scaled to a day of cycles and divided by an average day's events; inserting the events "
                + "is not counted (see the raw table). Latency is simulated for every alert of the replay: the next cycle "
                + "at or after the alert's event time plus the median duration of a query set, minus that event time; the "
                + "raw table also gives the latency of the alerts the queries found themselves, and how many they found "
                + "beside the replay's. The queries implement each rule's episode the way a cron job would (an alert once "
                + "per condition, keyed by the event time it became true); edge cases (forgetting, day-level ties) may "
                + "make their counts differ a little from the job's.");
        }
        return m;
    }

    private static <T> Stats.Spread spread(List<T> runs, Function<T, Double> f) {
        List<Double> values = new ArrayList<>();
        for (T r : runs) {
            values.add(f.apply(r));
        }
        return Stats.Spread.of(values);
    }

    private static String rate(double eventsPerSecond) {
        return String.format(Locale.ROOT, "%,.0f events/s", eventsPerSecond);
    }

    private static String perCpu(double perCpuSecond, double cores) {
        return String.format(Locale.ROOT, "%,.0f events per CPU-s (%.2f cores used)", perCpuSecond, cores);
    }

    private static String[] notMeasured(String number, String label) {
        return new String[] {number, label, "not measured (see the notes)", "–", "–", "–"};
    }

    /** " (0.29 × the ceiling)", or nothing without a ceiling in the run. */
    private String timesCeiling(double rate) {
        return Double.isNaN(ceilingRate) ? "" : String.format(Locale.ROOT, " (%.2f × the ceiling)", rate / ceilingRate);
    }

    private String ratio(double rate, double perCpu) {
        if (Double.isNaN(ceilingRate)) {
            return "no ceiling in this run to compare with";
        }
        return String.format(Locale.ROOT, "%.2f × ceiling (per CPU-s: %.2f ×)", rate / ceilingRate, perCpu / ceilingPerCpu);
    }
}
