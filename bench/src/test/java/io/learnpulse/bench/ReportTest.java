package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table renders every kind of row from made-up figures, without a format error or a missing row. */
class ReportTest {

    @Test
    void rendersEveryRowAndNote() throws Exception {
        BenchOptions options = BenchCommand.parse();
        Report report = new Report();
        report.machine("cores", "2");
        Map<String, SortedMap<Integer, Drain.Result>> drains = new LinkedHashMap<>();
        drains.put("ceiling", rounds(Map.of(1, new Drain.Result("ceiling", 1_000_000, 20, 30, 10),
                2, new Drain.Result("ceiling", 1_000_000, 25, 31, 10))));
        // round 3's ceiling failed: its RocksDB run has nothing to pair with
        drains.put("rocksdb-exactly-once", rounds(Map.of(1, new Drain.Result("r", 300_000, 25, 45, 5),
                2, new Drain.Result("r", 260_000, 25, 45, 5), 3, new Drain.Result("r", 280_000, 25, 44, 5))));
        drains.put("hashmap-exactly-once", rounds(Map.of(1, new Drain.Result("h", 600_000, 25, 40, 6))));
        drains.put("rocksdb-at-least-once", rounds(Map.of(2, new Drain.Result("a", 350_000, 25, 44, 5))));
        report.throughput(drains, List.of(new Drain.Result("replay", 1_000_000, 50, 80, Double.NaN)), options.rows);
        report.oulad(List.of(new Drain.Result("replay", 236_000, 5, 9, Double.NaN),
                new Drain.Result("replay", 236_000, 6, 9.5, Double.NaN)), "236,000 events");
        Stats.Latencies latency = Stats.Latencies.of(new long[] {2500, 3100, 4000, 12900});
        report.latency(new LatencyRun.Result("at-least-once", 14_000, 2000, 10_000, List.of(
                new LatencyRun.Phase("50%", 7000, 6990, latency, latency, 0, 0.1),
                new LatencyRun.Phase("80%", 11_200, 10_000, Stats.Latencies.of(new long[0]), Stats.Latencies.of(new long[0]), 0, 4.5))));
        report.latency(new LatencyRun.Result("exactly-once", 12_000, 2000, 10_000, List.of(
                new LatencyRun.Phase("50%", 6000, 6000, latency, latency, 1, Double.NaN))));
        long day = Workload.DAY;
        report.state(new StateRun.Result(List.of(
                new StateRun.Point(0, 3, 10_000_000, 5 * day, 70_000, 10_000, 10_000),
                new StateRun.Point(1, 6, 20_000_000, 10 * day, 140_000, 20_000, 20_000),
                new StateRun.Point(2, 9, 30_000_000, 15 * day, 210_000, 30_000, 20_000),
                new StateRun.Point(3, 12, 25_000_000, 20 * day, 280_000, 40_000, 20_000),
                new StateRun.Point(4, 15, 31_000_000, 25 * day, 350_000, 50_000, 20_000),
                new StateRun.Point(5, 18, 24_000_000, 30 * day, 420_000, 60_000, 20_000),
                new StateRun.Point(6, 21, 32_000_000, 35 * day, 490_000, 70_000, 20_000),
                new StateRun.Point(7, 24, 26_000_000, 40 * day, 560_000, 80_000, 20_000)), 560_000, 80_000, 0, 60),
                options, 10_000);
        report.fanout(new Fanout.Result(100, 20_000, 120_000, 120_000, 6.1, latency, 3.2, null, 0));
        report.fanout(new Fanout.Result(100, 20_000, 300_000, 300_000, 15.1, latency, 7.2,
                new Fanout.Stall(true, 14.0, 2_800, "1008 client too slow: 256 messages queued", true), 0));
        report.fanout(new Fanout.Result(1000, 20_000, 120_000, 100_000, 9.0, latency, 4.5,
                new Fanout.Stall(false, Double.NaN, 120, "still open after 10 s", false), 2));
        report.cron(new ObjectMapper().readTree("""
                {"loadEvents": 990000, "loadCpuSeconds": 12.5, "loadWallSeconds": 14.0, "eventsPerDay": 14000.0,
                 "events": 1000000, "replayAlerts": 5000,
                 "cycles": [
                   {"cycleMinutes": 15, "cycles": 20, "spanStart": 0, "spanEnd": 18000000, "queryCpuSeconds": 16.0,
                    "insertCpuSeconds": 0.2, "eventsInserted": 3000, "medianQueryWallSeconds": 0.8,
                    "maxQueryWallSeconds": 1.2, "simulatedLatency": {"count": 5000, "p50": 300000, "p99": 890000, "max": 900800},
                    "queryLatency": {"count": 0, "p50": -1, "p99": -1, "max": -1},
                    "alertsFoundByQueries": {"CONSECUTIVE_LOW_SCORES": 3}, "alertsOfReplayInSpan": {"CONSECUTIVE_LOW_SCORES": 3}},
                   {"cycleMinutes": 1, "cycles": 5, "spanStart": 18000000, "spanEnd": 18300000, "queryCpuSeconds": 4.0,
                    "insertCpuSeconds": 0.1, "eventsInserted": 300, "medianQueryWallSeconds": 0.8,
                    "maxQueryWallSeconds": 0.9, "simulatedLatency": {"count": 5000, "p50": 30000, "p99": 59800, "max": 60800},
                    "queryLatency": {"count": 2, "p50": 40000, "p99": 50000, "max": 50000},
                    "alertsFoundByQueries": {}, "alertsOfReplayInSpan": {}}]}
                """));

        String md = report.markdown(options);

        assertThat(md).contains("| 1 | Ceiling", "| 2 | Replay", "| 2b | Replay of the real OULAD history", "| 3a | Live",
                "| 3b | Live", "| 3c | Live", "| 4 | Alert latency", "| 5 | State", "| 6 | Gateway fan-out", "| 7 | Cron baseline",
                "## Notes", "## Raw figures",
                "learners seen grow 50,000 → 80,000 (×1.6) from the first half of the checkpoints once learners are being "
                        + "forgotten (waves 3–5) to the second (waves 6–8), while at most 20,000 are remembered at once", "peak at 31.0 then 32.0 MB (×1.03) and dip to 25.0 then 24.0 MB (×0.96): bounded", "was cut off by the gateway after 14.0 s (2,800 alerts pushed by then), reading at last it got: 1008 client too slow",
                "the others' p99 12.90 s against 12.90 s without it", "NOT cut off", "not sustained",
                "4 alerts (1 emitted after the barrier of the checkpoint due after their watermark delay, so committed by the next)");
        // ceiling 50,000 / 40,000 events/s, median 45,000; RocksDB 12,000 / 10,400 / 11,200: median 11,200 = 0.25 ×,
        // paired by round 0.24 and 0.26 (round 3 has no ceiling)
        assertThat(md).contains("0.25 × ceiling", "paired by repeat round: 0.24 / 0.26 × (median 0.25, 0.24–0.26; per CPU-s",
                "- live, RocksDB, exactly-once: 11,200 events/s, 6,364 per CPU-second (0.25 × the ceiling; paired by "
                        + "repeat round: median 0.25, 0.24–0.26)",
                "paired by repeat round: 0.35 × (1 round; per CPU-s", "| ceiling #2 |", "| rocksdb-exactly-once #3 | 280,000 |",
                "| rocksdb-at-least-once #2 |",
                // heap: 24,000 events/s in round 1 only, 0.53 × the median ceiling but 0.48 × round 1's
                "Row 3b: its ratio to the ceiling is 0.53 × as a ratio of medians but 0.48 × as the median of the ratios "
                        + "paired by repeat round (0.48 (1 round)): more than 5% apart");
        assertThat(md).as("RocksDB's two ratios agree within 5%").doesNotContain("Row 3a: its ratio");
        assertThat(md.indexOf("| 4 | Alert latency")).isLessThan(md.indexOf("| 5 | State"));
        assertThat(md).doesNotContain("NaN");
    }

    @Test
    void aPartialRunShowsItsRowsOnly() {
        BenchOptions options = BenchCommand.parse("--rows", "rocksdb-exactly-once");
        Report report = new Report();
        report.throughput(Map.of("rocksdb-exactly-once", rounds(Map.of(1, new Drain.Result("r", 300_000, 25, 45, 5)))),
                List.of(), options.rows);

        String md = report.markdown(options);

        assertThat(md).contains("| 3a | Live", "no ceiling in this run to compare with", "`bin/learnpulse bench --rows rocksdb-exactly-once`")
                .doesNotContain("| 1 | Ceiling", "| 2 | Replay", "| 3b", "not measured", "NaN", "paired");
    }

    private static SortedMap<Integer, Drain.Result> rounds(Map<Integer, Drain.Result> byRound) {
        return new TreeMap<>(byRound);
    }
}
