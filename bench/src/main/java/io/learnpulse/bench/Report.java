package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** How far apart (a share of the ratio of medians) the two ratios to the ceiling may be before a note says so. */
    private static final double DRIFT_NOTE = 0.05;

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

    /**
     * Rows 1-3, those of {@code chosen}: the drains of each row by its id, each row's runs by repeat
     * round (from 1; a failed run is missing), and the replays.
     */
    void throughput(Map<String, SortedMap<Integer, Drain.Result>> drains, List<Drain.Result> replays, Set<Row> chosen) {
        SortedMap<Integer, Drain.Result> ceilingRounds = drains.getOrDefault("ceiling", new TreeMap<>());
        List<Drain.Result> ceiling = List.copyOf(ceilingRounds.values());
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

        Stats.Spread replayRate = spread(replays, Drain.Result::rate);
        Stats.Spread replayCpu = spread(replays, Drain.Result::perJobCpuSecond);
        String replayLabel = "Replay: `learnpulse replay` of the generated file (file → job graph → sorted alert file)";
        if (!replays.isEmpty()) {
            headline.put("replay", String.format(Locale.ROOT, "%s, %,.0f per CPU-second%s",
                    rate(replayRate.median()), replayCpu.median(), timesCeiling(replayRate.median())));
        }
        if (chosen.contains(Row.REPLAY)) {
            rows.add(replays.isEmpty() ? notMeasured("2", replayLabel) : new String[] {"2", replayLabel,
                    rate(replayRate.median()), perCpu(replayCpu.median(), spread(replays, Drain.Result::jobCores).median()),
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
            SortedMap<Integer, Drain.Result> rounds = drains.getOrDefault(l[0], new TreeMap<>());
            List<Drain.Result> runs = List.copyOf(rounds.values());
            String label = l[2].contains("%d") ? String.format(Locale.ROOT, l[2], checkpointSeconds) : l[2];
            if (runs.isEmpty()) {
                rows.add(notMeasured(l[1], label));
                continue;
            }
            Stats.Spread rates = spread(runs, Drain.Result::rate);
            Stats.Spread cpu = spread(runs, Drain.Result::perJobCpuSecond);
            List<Double> paired = Stats.pairedRatios(figures(rounds, Drain.Result::rate),
                    figures(ceilingRounds, Drain.Result::rate));
            List<Double> pairedCpu = Stats.pairedRatios(figures(rounds, Drain.Result::perJobCpuSecond),
                    figures(ceilingRounds, Drain.Result::perJobCpuSecond));
            if (l[0].equals("rocksdb-exactly-once")) {
                liveCpuPerEvent = 1 / cpu.median();
                headline.put("live, RocksDB, exactly-once", String.format(Locale.ROOT,
                        "%s, %,.0f per CPU-second%s", rate(rates.median()), cpu.median(),
                        Double.isNaN(ceilingRate) ? "" : String.format(Locale.ROOT, " (%.2f × the ceiling; paired by "
                                + "repeat round: %s)", rates.median() / ceilingRate, pairedSummary(paired))));
            }
            rows.add(new String[] {l[1], label,
                    rate(rates.median()), perCpu(cpu.median(), spread(runs, Drain.Result::jobCores).median()),
                    ratio(rates.median(), cpu.median()) + (Double.isNaN(ceilingRate) ? "" : "; " + paired(paired, pairedCpu)),
                    rates.range("%,.0f", "events/s")});
            double ofMedians = rates.median() / ceilingRate;
            double pairedMedian = Stats.Spread.of(paired).median();
            if (Math.abs(pairedMedian - ofMedians) > DRIFT_NOTE * ofMedians) {
                notes.add(String.format(Locale.ROOT, "Row %s: its ratio to the ceiling is %.2f × as a ratio of medians but %.2f × "
                        + "as the median of the ratios paired by repeat round (%s): more than %.0f%% apart, so the machine's own "
                        + "speed (or a failed run) moved the rounds differently; the raw table gives each round's runs.", l[1],
                        ofMedians, pairedMedian, pairedSummary(paired), DRIFT_NOTE * 100));
            }
        }

        StringBuilder raw = new StringBuilder("### Throughput runs (raw)\n\n"
                + "| run | events measured | seconds | events/s | job process CPU-s | cores used by the job | broker CPU-s |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        drains.forEach((label, runs) -> runs.forEach((round, run) -> appendRun(raw, label + " #" + round, run)));
        appendRuns(raw, "replay", replays);
        details.add(raw.toString());

        double liveRatio = medianRate(drains, "rocksdb-exactly-once") / ceilingRate;
        double heapRatio = medianRate(drains, "hashmap-exactly-once") / ceilingRate;
        double atLeastOnceRatio = medianRate(drains, "rocksdb-at-least-once") / ceilingRate;
        if (liveRatio < 0.8 && !Double.isNaN(heapRatio) && !Double.isNaN(atLeastOnceRatio)) {
            notes.add(String.format(Locale.ROOT, "The live job on RocksDB, exactly-once, reaches %.0f%% of the ceiling; on the "
                    + "heap backend it reaches %.0f%%, and on RocksDB at-least-once %.0f%%. What the ceiling does not do at all: "
                    + "the keyBy shuffle of every event to the rule operator (serialization and a hop between tasks), the "
                    + "rules (through a cache of learners on the heap in front of their state, written back at each "
                    + "checkpoint), the learners' wake-ups at their deadlines, a daily-figures record for every "
                    + "learner-day and risk scores (JSON, Kafka), and checkpoints. The difference between the RocksDB and "
                    + "heap rows is the price of RocksDB's state access (a (de)serialization and a native call per "
                    + "access); the difference between the two RocksDB rows is the price of the transactional sink. "
                    + "Where the time goes is profiled in results/profile.md, not by this run.",
                    liveRatio * 100, heapRatio * 100, atLeastOnceRatio * 100));
        }
    }

    /** Raw rows of throughput runs, numbered in turn. */
    private static void appendRuns(StringBuilder raw, String label, List<Drain.Result> runs) {
        int i = 1;
        for (Drain.Result r : runs) {
            appendRun(raw, label + " #" + i++, r);
        }
    }

    /** One raw row of a throughput run; a replay has no broker ("–"). */
    private static void appendRun(StringBuilder raw, String label, Drain.Result r) {
        raw.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.1f | %.2f | %s |%n", label,
                r.events(), r.seconds(), r.rate(), r.jobCpu(), r.jobCores(),
                Double.isNaN(r.brokerCpu()) ? "–" : String.format(Locale.ROOT, "%.1f", r.brokerCpu())));
    }

    private static double medianRate(Map<String, SortedMap<Integer, Drain.Result>> drains, String row) {
        return spread(List.copyOf(drains.getOrDefault(row, new TreeMap<>()).values()), Drain.Result::rate).median();
    }

    /** A figure of each round's run, by round. */
    private static SortedMap<Integer, Double> figures(SortedMap<Integer, Drain.Result> rounds,
            Function<Drain.Result, Double> figure) {
        SortedMap<Integer, Double> figures = new TreeMap<>();
        rounds.forEach((round, run) -> figures.put(round, figure.apply(run)));
        return figures;
    }

    /**
     * "paired by repeat round: 0.47 / 0.52 / 0.49 × (median 0.49, 0.47–0.52; per CPU-s median 0.50 ×)",
     * or with one round "paired by repeat round: 0.49 × (1 round; per CPU-s 0.50 ×)".
     */
    private static String paired(List<Double> ratios, List<Double> perCpu) {
        if (ratios.isEmpty()) {
            return "paired by repeat round: no round measured both";
        }
        String each = ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).collect(Collectors.joining(" / "));
        double cpu = Stats.Spread.of(perCpu).median();
        return ratios.size() == 1
                ? String.format(Locale.ROOT, "paired by repeat round: %s × (1 round; per CPU-s %.2f ×)", each, cpu)
                : String.format(Locale.ROOT, "paired by repeat round: %s × (%s; per CPU-s median %.2f ×)", each,
                        pairedSummary(ratios), cpu);
    }

    /** "median 0.49, 0.47–0.52", or "0.49 (1 round)". */
    private static String pairedSummary(List<Double> ratios) {
        Stats.Spread spread = Stats.Spread.of(ratios);
        if (spread.runs() == 0) {
            return "no round measured both";
        }
        return spread.runs() == 1 ? String.format(Locale.ROOT, "%.2f (1 round)", spread.median())
                : String.format(Locale.ROOT, "median %.2f, %.2f–%.2f", spread.median(), spread.min(), spread.max());
    }

    /**
     * Row 2b: the replay of the real OULAD history with its course calendar ({@code import-oulad}'s
     * files), after {@link #throughput}; {@code what} describes its input.
     */
    void oulad(List<Drain.Result> runs, String what) {
        String label = "Replay of the real OULAD history with its course calendar (`import-oulad` output: " + what + ")";
        if (runs.isEmpty()) {
            rows.add(notMeasured("2b", label));
            return;
        }
        Stats.Spread rate = spread(runs, Drain.Result::rate);
        Stats.Spread cpu = spread(runs, Drain.Result::perJobCpuSecond);
        headline.put("replay of the OULAD history", String.format(Locale.ROOT, "%s, %,.0f per CPU-second%s",
                rate(rate.median()), cpu.median(), timesCeiling(rate.median())));
        rows.add(new String[] {"2b", label, rate(rate.median()), perCpu(cpu.median(), spread(runs, Drain.Result::jobCores).median()),
                ratio(rate.median(), cpu.median()), rate.range("%,.0f", "events/s")});
        StringBuilder raw = new StringBuilder("### OULAD replay (raw)\n\n"
                + "| run | events | seconds | events/s | replay process CPU-s | cores used by the replay | broker CPU-s |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        appendRuns(raw, "oulad replay", runs);
        details.add(raw.toString());
        notes.add("OULAD replay (row 2b): `learnpulse replay --calendar` of import-oulad's events.jsonl and calendar.jsonl, "
                + "each run in a JVM of its own like row 2. Its input is not the generated workload: real learners, most "
                + "events scored submissions and registrations, the deadlines of the calendar (MISSED_DEADLINE), more alerts "
                + "per event (see the replay's alerts.jsonl with --keep-workdir), so its ratio "
                + "to the ceiling (measured on the generated workload) compares different inputs.");
    }

    /** How the warm-up went: one {@link WarmUp.Outcome#describe()} per kind of job. */
    void warmUp(List<String> outcomes, int maxRuns, java.time.Duration bound) {
        boolean unsettled = outcomes.stream().anyMatch(o -> o.contains("not settled"));
        notes.add(String.format(Locale.ROOT, "Warm-up (unmeasured drains of the backlog before the first repeat, each kind of "
                + "job on its own cluster until two runs in a row agree within %.0f%%, at most %d run%s, from the third on only "
                + "while the next fits in %d s since its first): %s.%s",
                WarmUp.TOLERANCE * 100, maxRuns, maxRuns == 1 ? "" : "s", bound.toSeconds(),
                String.join("; ", outcomes),
                unsettled ? " A kind that did not settle may still speed up over its measured repeats (see their spread)." : ""));
    }

    /** Row 2b when it could not run: why. */
    void ouladSkipped(String why) {
        rows.add(new String[] {"2b", "Replay of the real OULAD history with its course calendar (`import-oulad` output)",
                "skipped: " + why, "–", "–", "–"});
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
                    String.format(Locale.ROOT, "%,d alerts%s; latency drift %s over the phase (%s)", p.latency().count(),
                            exactlyOnce ? String.format(Locale.ROOT, " (%,d emitted after the barrier of the checkpoint due "
                                    + "after their watermark delay, so committed by the next)", p.committedLater()) : "",
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
        String bounded;
        if (steady.size() < 4) {
            bounded = String.format(Locale.ROOT, "only %d checkpoints once learners were being forgotten: too few to judge "
                    + "boundedness (more waves needed)", steady.size());
            notes.add("State: the run had too few checkpoints once learners were being forgotten; boundedness is not shown.");
        } else {
            // the saw-tooth of compaction: compare the peaks and the troughs of the two halves of the steady part
            List<StateRun.Point> first = steady.subList(0, steady.size() / 2);
            List<StateRun.Point> second = steady.subList(steady.size() / 2, steady.size());
            long firstMax = first.stream().mapToLong(StateRun.Point::stateBytes).max().getAsLong();
            long firstMin = first.stream().mapToLong(StateRun.Point::stateBytes).min().getAsLong();
            long secondMax = second.stream().mapToLong(StateRun.Point::stateBytes).max().getAsLong();
            long secondMin = second.stream().mapToLong(StateRun.Point::stateBytes).min().getAsLong();
            long seenFrom = first.get(first.size() - 1).learnersSeen();
            long seenTo = second.get(second.size() - 1).learnersSeen();
            long rememberedMax = steady.stream().mapToLong(StateRun.Point::learnersRemembered).max().orElse(0);
            boolean grew = seenTo >= 1.3 * seenFrom;
            // a trough is the state just after a compaction (the live entries only); a peak adds the level-0
            // files written since, which the next compaction merges away
            boolean isBounded = grew && secondMin <= 1.25 * firstMin;
            bounded = String.format(Locale.ROOT, "learners seen grow %,d → %,d (×%.1f) from the first half of the "
                    + "checkpoints once learners are being forgotten (waves %d–%d) to the second (waves %d–%d), while at most "
                    + "%,d are remembered at once; the checkpoints peak at %.1f then %.1f MB (×%.2f) and dip to %.1f then "
                    + "%.1f MB (×%.2f): %s", seenFrom, seenTo, seenTo / (double) seenFrom, first.get(0).wave() + 1,
                    first.get(first.size() - 1).wave() + 1, second.get(0).wave() + 1, second.get(second.size() - 1).wave() + 1,
                    rememberedMax,
                    firstMax / 1e6, secondMax / 1e6, secondMax / (double) firstMax, firstMin / 1e6, secondMin / 1e6,
                    secondMin / (double) firstMin, isBounded ? "bounded" : "NOT shown bounded");
            if (!isBounded) {
                notes.add(grew ? "State: in the second half of the run, once learners were being forgotten, the smallest "
                        + "checkpoint was more than 25% above the first half's smallest: the state just after a compaction grew; "
                        + "see the raw state table."
                        : "State: too few new learners were seen between the two halves of the run to tell boundedness.");
            } else if (secondMax > 1.25 * firstMax) {
                notes.add(String.format(Locale.ROOT, "State: bounded by its troughs, but the largest checkpoint of the second "
                        + "half is ×%.2f the first half's: a checkpoint taken just before a compaction holds up to four "
                        + "level-0 files of recent writes and tombstones beside the compacted ones; the next trough shows "
                        + "that they do not carry forward.", secondMax / (double) firstMax));
            }
        }
        notes.add("State: RocksDB drops a forgotten learner's entries with tombstones that take space until compaction "
                + "merges the files; each checkpoint flushes the memtable into a new level-0 file and four of them trigger a "
                + "compaction, so the checkpoint size is a saw-tooth (it grows for a few checkpoints, then falls back). That is "
                + "why bytes per active learner are given as the median over the checkpoints with their range, and "
                + "boundedness by the troughs of the saw-tooth (the state just after a compaction: the live entries only): "
                + "the smallest checkpoint of the second half of those taken once learners are being forgotten (about as "
                + "many remembered, many more seen) against the smallest of the first half; the peaks are given beside them.");
        rows.add(new String[] {"5", "State: full checkpoint size per active (not yet forgotten) learner, RocksDB",
                String.format(Locale.ROOT, "%,.0f bytes per active learner (median; %,.0f–%,.0f over %d checkpoints)",
                        perLearner.median(), perLearner.min(), perLearner.max(), perLearner.runs()),
                "–", bounded, String.format(Locale.ROOT, "%d checkpoints; peak %.1f MB for at most %,d active learners",
                        result.points().size(), peak / 1e6,
                        result.points().stream().mapToLong(StateRun.Point::learnersRemembered).max().orElse(0))});
    }

    /** The fan-out runs without a stalled client: their latency, by client count, for the stalled runs to compare with. */
    private final Map<Integer, Stats.Latencies> fanoutAlone = new LinkedHashMap<>();

    void fanout(Fanout.Result r) {
        Fanout.Stall stall = r.stall();
        String compared = String.format(Locale.ROOT, "%,d of %,d delivered%s", r.delivered(), r.expected(),
                r.readersClosed() > 0 ? "; " + r.readersClosed() + " reading clients were closed" : "");
        if (stall == null) {
            fanoutAlone.put(r.clients(), r.latency());
        } else {
            Stats.Latencies alone = fanoutAlone.get(r.clients());
            compared = String.format(Locale.ROOT, "%s; %s; the others' p99 %s", stall.cutOff()
                    ? String.format(Locale.ROOT, "the stalled client was cut off by the gateway after %.1f s (%,d alerts pushed by then), "
                            + "reading at last it got: %s", stall.secondsToCutOff(), stall.alertsToCutOff(), stall.ending())
                    : String.format(Locale.ROOT, "the stalled client was NOT cut off in %.0f s (%,d alerts; its connection: %s)",
                            r.seconds(), stall.alertsToCutOff(), stall.ending()),
                    compared, alone == null ? String.format(Locale.ROOT, "%.2f s", r.latency().p99() / 1000.0)
                            : String.format(Locale.ROOT, "%.2f s against %.2f s without it", r.latency().p99() / 1000.0,
                                    alone.p99() / 1000.0));
        }
        rows.add(new String[] {"6", String.format(Locale.ROOT, "Gateway fan-out to %,d WebSocket clients%s", r.clients(),
                r.stalled() ? " and one more that stops reading (receive buffer and MSS as small as the kernel allows)" : ""),
                String.format(Locale.ROOT, "%,.0f deliveries/s (%,.0f offered); latency p50 / p99 / max: %s", r.deliveriesPerSecond(),
                        r.offeredDeliveriesPerSecond(), r.latency().seconds()),
                String.format(Locale.ROOT, "%,.0f deliveries per gateway CPU-s", r.deliveriesPerGatewayCpuSecond()),
                compared, String.format(Locale.ROOT, "%,d samples", r.latency().count())});
        if (r.delivered() < r.expected()) {
            notes.add(String.format(Locale.ROOT, "Fan-out to %,d clients%s: only %,d of %,d deliveries arrived within 30 s "
                    + "after the last alert was produced.", r.clients(), r.stalled() ? " (+1 stalled)" : "", r.delivered(), r.expected()));
        }
        if (stall != null && !stall.mssLimited()) {
            notes.add(String.format(Locale.ROOT, "Fan-out to %,d clients + 1 stalled: the stalled client's MSS could not be "
                    + "limited (the JVM lacks --add-opens java.base/sun.nio.ch), so the gateway's kernel send buffer (up to "
                    + "a few MB on loopback) absorbed its frames before the gateway's queue filled.", r.clients()));
        }
        if (stall != null && !stall.cutOff()) {
            notes.add(String.format(Locale.ROOT, "Fan-out to %,d clients + 1 stalled: the gateway did not cut the stalled "
                    + "client off within the run: %,d alerts were sent to it, fewer than the kernel's buffers on the way "
                    + "(its receive buffer and the gateway's send buffer) plus the gateway's per-client queue hold.",
                    r.clients(), stall.alertsToCutOff()));
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
                + "cluster for each kind of job measured on one (the ceiling and each live row: 1 TaskManager, %d slots, "
                + "2 GB heap, 512 MB managed memory; each runs only its own kind's jobs, one after the other at parallelism "
                + "%d, so that no kind's JIT profiles or heap garbage weigh on another's; the state run uses RocksDB "
                + "exactly-once's, each latency run its row's), the gateway (SQLite), each replay, the cron baseline, and "
                + "the bench itself (workload, producer, WebSocket clients). CPU-seconds are utime + stime of the process "
                + "from /proc/<pid>/stat over the measured interval; \"events per CPU-s\" divides by the job's own "
                + "cluster process only (the broker's CPU is in the raw table).",
                Machine.cores(), o.parallelism, o.parallelism));
        m.add(String.format(Locale.ROOT, "Throughput (rows 1–3) is the drain rate of a backlog: the topic is filled first (%,d events), then the job starts at its "
                + "earliest offset, and the rate runs from its first progress (records into the rule operator, read from "
                + "its task's counters by the cluster's process when polled, every 100 ms, so that no REST metric fetch "
                + "runs on the job's cores; for the ceiling, records in its output topic) to the last progress seen before "
                + "the whole backlog was in, or for at most %d s, whichever comes first %s; each measured run is a new job on its kind's warm cluster, whose garbage was collected just before (a full GC, asked of its process, for every run of every kind), with new (empty) RocksDB instances. "
                + "The replays (rows 2 and 2b) always read the whole file, each in a JVM of its own, as cold as `learnpulse "
                + "replay` is. A drain rate is the highest input rate at which "
                + "lag would stay flat if producing were free; stepping offered rates instead would need several minutes "
                + "per step on this machine. Row 4 then checks the claim: its phases at 50%% and 80%% of the drain rate run "
                + "with a producer, and report whether the job kept up: the median latency of the alerts of each phase's last third "
                + "against its first third (a job falling behind delays every later alert by its growing lag; allowed: 1 s, "
                + "plus one checkpoint interval exactly-once). The job's lag read from Flink's REST metrics proved unreliable "
                + "and is not used.", o.backlogEvents, o.drainSeconds, o.warmUpRuns == 0 ? "(no warm-up: --warm-up-runs 0)"
                        : "(before the first repeat, the job of each of these rows drains the backlog unmeasured until two "
                                + "such runs agree, see the warm-up note below: its cluster's JVM and the broker are warm)"));
        String ratios = !o.rows.contains(Row.CEILING) ? "" : "Ratios compare the medians with the median of the "
                + "ceiling's runs in this same bench run: events/s, and in parentheses events per CPU-second; that is the "
                + "issue's definition and the headline. Beside it, each live row gives its ratio paired by repeat round: each "
                + "of its runs' rate over the rate of the ceiling's run of the same round (at most a minute apart; RocksDB "
                + "exactly-once's runs right next to it), with their median and range. A change of the machine's own speed "
                + "from one round to the next (it has made a whole round faster) cancels out of a paired ratio, but not out "
                + "of the ratio of medians, which may divide a slow round's run by a fast round's; where the two disagree, "
                + "the machine's speed drifted during the run. ";
        m.add(String.format(Locale.ROOT, "Repeats run in rounds: each round runs every throughput row once, the ceiling and "
                + "the live rows in the order ceiling, RocksDB exactly-once, heap exactly-once, RocksDB at-least-once, "
                + "reversed in every second round (so that the ceiling and RocksDB exactly-once always run next to each other, "
                + "and no row always comes first), then the replays. %sSpread is the smallest and largest of the %d repeated "
                + "runs, and their difference as a share of the median. Latency, state, fan-out and cron rows are one run "
                + "each (their percentiles are over many alerts).", ratios, o.repeats));
        if (o.rows.contains(Row.LATENCY)) {
            m.add(String.format(Locale.ROOT, "Latency runs publish the workload at a paced rate with each event's time set to the "
                + "moment it is handed to the producer (linger 5 ms, acks=all); the alerts measured are the two rules that fire at "
                + "their completing event's time (CONSECUTIVE_LOW_SCORES, HIGH_PERFORMANCE), received by a WebSocket client of "
                + "the gateway (Kafka → gateway consumer → SQLite → push). They use a watermark delay of %d s instead of the "
                + "default 1 minute (at the default, every figure is %d s larger) and checkpoints every %d s; an alert waits "
                + "for the watermark (the delay plus the gap to the next events on every partition) and, exactly-once, "
                + "for the checkpoint that commits its transaction (0 to %d s). \"Beyond\" is what remains of each alert's "
                + "latency after those configured waits: the system's own overhead (the watermark's way to the rule operator, "
                + "processing, Kafka, the gateway, the push). At-least-once: from its event time plus the watermark delay to "
                + "its receipt. Exactly-once: from that moment to the alert's emission by the rule operator (its detectedAt), "
                + "plus from the completion of the checkpoint that committed it (from Flink's checkpoint history: the first "
                + "whose barrier reached the sink after the emission) to its receipt. An alert whose watermark reaches the "
                + "operator just behind a checkpoint's barrier is emitted once the operator's synchronous snapshot is done "
                + "(nothing is emitted meanwhile) and so committed by the next checkpoint, an interval later: a configured "
                + "wait, counted per phase in the row's last column.",
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
