package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table renders every kind of row from made-up figures, without a format error or a missing row. */
class ReportTest {

    @Test
    void rendersEveryRowAndNote() throws Exception {
        BenchOptions options = BenchCommand.parse();
        Report report = new Report();
        report.machine("cores", "2");
        Map<String, List<Drain.Result>> drains = new LinkedHashMap<>();
        drains.put("ceiling", List.of(new Drain.Result("ceiling", 1_000_000, 20, 30, 10),
                new Drain.Result("ceiling", 1_000_000, 22, 31, 10)));
        drains.put("rocksdb-exactly-once", List.of(new Drain.Result("r", 300_000, 25, 45, 5)));
        drains.put("hashmap-exactly-once", List.of(new Drain.Result("h", 600_000, 25, 40, 6)));
        drains.put("rocksdb-at-least-once", List.of(new Drain.Result("a", 350_000, 25, 44, 5)));
        report.throughput(drains, List.of(new double[] {50, 80, 1234}), 1_000_000, options.rows);
        Stats.Latencies latency = Stats.Latencies.of(new long[] {2500, 3100, 4000, 12900});
        report.latency(new LatencyRun.Result("at-least-once", 14_000, 2000, 10_000, List.of(
                new LatencyRun.Phase("50%", 7000, 6990, 100, 200, latency, latency, 0.1),
                new LatencyRun.Phase("80%", 11_200, 10_000, 100, 40_000, Stats.Latencies.of(new long[0]), Stats.Latencies.of(new long[0]), 4.5))));
        report.latency(new LatencyRun.Result("exactly-once", 12_000, 2000, 10_000, List.of(
                new LatencyRun.Phase("50%", 6000, 6000, 100, 200, latency, latency, Double.NaN))));
        long day = Workload.DAY;
        report.state(new StateRun.Result(List.of(
                new StateRun.Point(0, 3, 10_000_000, 5 * day, 70_000, 10_000, 10_000),
                new StateRun.Point(1, 6, 20_000_000, 10 * day, 140_000, 20_000, 20_000),
                new StateRun.Point(2, 9, 30_000_000, 15 * day, 210_000, 30_000, 25_000),
                new StateRun.Point(3, 12, 25_000_000, 20 * day, 280_000, 40_000, 22_000),
                new StateRun.Point(4, 15, 29_000_000, 25 * day, 350_000, 50_000, 22_000)), 350_000, 50_000, 0, 60),
                options, 10_000);
        report.fanout(new Fanout.Result(100, false, 20_000, 120_000, 120_000, 6.1, latency, 3.2, 0, 0));
        report.fanout(new Fanout.Result(1000, true, 20_000, 120_000, 100_000, 9.0, latency, 4.5, 0, 2));
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

        assertThat(md).contains("| 1 | Ceiling", "| 2 | Replay", "| 3a | Live", "| 3b | Live", "| 3c | Live",
                "| 4 | Alert latency", "| 5 | State", "| 6 | Gateway fan-out", "| 7 | Cron baseline",
                "## Notes", "## Raw figures", "bounded", "not cut off", "not sustained");
        assertThat(md.indexOf("| 4 | Alert latency")).isLessThan(md.indexOf("| 5 | State"));
        assertThat(md).doesNotContain("NaN");
    }

    @Test
    void aPartialRunShowsItsRowsOnly() {
        BenchOptions options = BenchCommand.parse("--rows", "rocksdb-exactly-once");
        Report report = new Report();
        report.throughput(Map.of("rocksdb-exactly-once", List.of(new Drain.Result("r", 300_000, 25, 45, 5))), List.of(),
                1_000_000, options.rows);

        String md = report.markdown(options);

        assertThat(md).contains("| 3a | Live", "no ceiling in this run to compare with", "`bin/learnpulse bench --rows rocksdb-exactly-once`")
                .doesNotContain("| 1 | Ceiling", "| 2 | Replay", "| 3b", "not measured", "NaN");
    }
}
