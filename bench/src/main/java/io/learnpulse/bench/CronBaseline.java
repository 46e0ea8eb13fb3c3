package io.learnpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.EventType;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline a platform would otherwise run (issue 6, item 7), in its own process: the same
 * events in a real database (SQLite), and the six rules of docs/rules.md as one set of SQL queries run
 * once per cron cycle over the last 30 days (the forget-after window), each alert found stored once
 * under (userId, type, the event time its condition became true).
 *
 * <p>Events are inserted in event-time order as they "arrive"; the cron clock is the event-time
 * clock, so a cycle at T sees every event up to T. For each cycle length the query sets are run for
 * real, cycle after cycle, until a time budget is spent; their CPU time per cycle is extrapolated to
 * a day of cycles and divided by the events of an average day. The alert latency of the cron is
 * simulated for every alert the replay found: the next cycle at or after the alert's event time,
 * plus the measured duration of a query set, minus that event time. The latencies of the alerts the
 * queries themselves found are reported beside it as a check.
 */
final class CronBaseline {
    private static final long DAY = 86_400_000L;
    private static final long WINDOW = 30 * DAY;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The six rules as SQL, with ?T (cycle time), ?W (window start) and ?X (last ended day) bound by name order below. */
    private static final String LOW_STREAK = streak(AlertType.CONSECUTIVE_LOW_SCORES, "score < 0.6", "score >= 0.6");
    private static final String HIGH_STREAK = streak(AlertType.HIGH_PERFORMANCE, "score >= 0.9", "score < 0.9");

    private static String streak(AlertType type, String member, String clears) {
        return "WITH recent AS (SELECT user_id, ts, event_id, score FROM events"
                + "  WHERE type = '" + EventType.ASSESSMENT.wireName() + "' AND ts > :W AND ts <= :T),"
                + " cleared AS (SELECT user_id, MAX(ts) AS c FROM recent WHERE " + clears + " GROUP BY user_id),"
                + " run AS (SELECT r.user_id, r.ts, ROW_NUMBER() OVER (PARTITION BY r.user_id ORDER BY r.ts, r.event_id) AS n"
                + "  FROM recent r LEFT JOIN cleared ON cleared.user_id = r.user_id"
                + "  WHERE r." + member + " AND r.ts > COALESCE(cleared.c, -1))"
                + " INSERT OR IGNORE INTO alerts (user_id, type, cond_time, detected_at)"
                + " SELECT user_id, '" + type + "', ts, :T FROM run WHERE n = 3";
    }

    private static final String DECLINE = "WITH days AS (SELECT user_id, ts / " + DAY + " AS d, AVG(score) AS m FROM events"
            + "  WHERE type = '" + EventType.ASSESSMENT.wireName() + "' AND ts > :W AND ts < :D GROUP BY user_id, d),"
            + " good AS (SELECT user_id, MAX(d) AS g FROM days WHERE m >= 0.6 GROUP BY user_id),"
            + " low AS (SELECT days.user_id, days.d FROM days LEFT JOIN good ON good.user_id = days.user_id"
            + "  WHERE days.m < 0.6 AND days.d > COALESCE(good.g, -1))"
            + " INSERT OR IGNORE INTO alerts (user_id, type, cond_time, detected_at)"
            + " SELECT a.user_id, '" + AlertType.PERFORMANCE_DECLINE + "', MIN(b.d + 1) * " + DAY + ", :T"
            + " FROM low a JOIN low b ON b.user_id = a.user_id AND b.d = a.d + 1 GROUP BY a.user_id";

    private static final String ENGAGEMENT = "WITH last AS (SELECT user_id, MAX(ts) AS l FROM events"
            + "  WHERE ts > :W AND ts <= :T GROUP BY user_id)"
            + " INSERT OR IGNORE INTO alerts (user_id, type, cond_time, detected_at)"
            + " SELECT user_id, '" + AlertType.ENGAGEMENT_DROP + "', (l / " + DAY + " + 4) * " + DAY + ", :T FROM last"
            + " WHERE (l / " + DAY + " + 4) * " + DAY + " <= :T";

    private static final String STAGNATION = "WITH p AS (SELECT user_id, ts, progress FROM events"
            + "  WHERE type = '" + EventType.PROGRESS.wireName() + "' AND ts > :W AND ts <= :T),"
            + " top AS (SELECT user_id, MAX(progress) AS m FROM p GROUP BY user_id),"
            + " inc AS (SELECT p.user_id, MIN(p.ts) AS t FROM p JOIN top ON top.user_id = p.user_id AND p.progress = top.m"
            + "  WHERE top.m < 1.0 GROUP BY p.user_id)"
            + " INSERT OR IGNORE INTO alerts (user_id, type, cond_time, detected_at)"
            + " SELECT user_id, '" + AlertType.COMPLETION_STAGNATION + "', t + " + 5 * DAY + ", :T FROM inc WHERE t + " + 5 * DAY + " <= :T";

    /** Evaluates the day X that ended last; a new episode opens when X is below 50% and X-1 was not. */
    private static final String CONSISTENCY = "WITH act AS (SELECT DISTINCT user_id, ts / " + DAY + " AS d FROM events"
            + "  WHERE ts >= (:X - 7) * " + DAY + " AND ts < (:X + 1) * " + DAY + "),"
            + " first AS (SELECT user_id, MIN(ts) / " + DAY + " AS f FROM events"
            + "  WHERE ts > :W AND user_id IN (SELECT user_id FROM act) GROUP BY user_id),"
            + " frac AS (SELECT user_id, SUM(CASE WHEN d BETWEEN :X - 6 AND :X THEN 1 ELSE 0 END) AS now_days,"
            + "  SUM(CASE WHEN d BETWEEN :X - 7 AND :X - 1 THEN 1 ELSE 0 END) AS prev_days FROM act GROUP BY user_id)"
            + " INSERT OR IGNORE INTO alerts (user_id, type, cond_time, detected_at)"
            + " SELECT frac.user_id, '" + AlertType.LOW_CONSISTENCY + "', (:X + 1) * " + DAY + ", :T FROM frac JOIN first ON first.user_id = frac.user_id"
            + " WHERE first.f <= :X - 6 AND frac.now_days * 2 < 7 AND (first.f > :X - 7 OR frac.prev_days * 2 >= 7)";

    private static final List<String> RULES = List.of(LOW_STREAK, HIGH_STREAK, DECLINE, ENGAGEMENT, STAGNATION, CONSISTENCY);

    private CronBaseline() {}

    /** The events of the file, columns sorted by time (the file is in event-time order). */
    private static final class Events {
        final List<String> ids = new ArrayList<>();
        final List<String> users = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        long[] ts = new long[1 << 16];
        double[] score = new double[1 << 16];
        double[] progress = new double[1 << 16];

        int size() {
            return ids.size();
        }

        void add(ActivityEvent e) {
            int i = ids.size();
            if (i == ts.length) {
                ts = java.util.Arrays.copyOf(ts, i * 2);
                score = java.util.Arrays.copyOf(score, i * 2);
                progress = java.util.Arrays.copyOf(progress, i * 2);
            }
            ids.add(e.eventId);
            users.add(e.userId);
            types.add(e.type.wireName());
            ts[i] = e.timestamp;
            score[i] = e.score == null ? Double.NaN : e.score;
            progress[i] = e.progress == null ? Double.NaN : e.progress;
        }
    }

    static void run(Path eventsFile, Path alertsFile, Path db, double budget, List<Long> cyclesMinutes) throws Exception {
        List<Long> cycles = cyclesMinutes.stream().map(minutes -> minutes * 60_000L).toList();

        Events events = readEvents(eventsFile);
        long lastTs = events.ts[events.size() - 1];
        long firstTs = events.ts[0];
        // the measured cycles start three days before the end of the events (or one day after their start)
        long start = Math.max(firstTs + DAY, lastTs - 3 * DAY);
        start -= start % cycles.get(0);
        List<Long> conditionTimes = readConditionTimes(alertsFile);

        ObjectNode result = JSON.createObjectNode();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            try (Statement s = sql.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("CREATE TABLE events (event_id TEXT NOT NULL, user_id TEXT NOT NULL, type TEXT NOT NULL,"
                        + " ts INTEGER NOT NULL, score REAL, progress REAL)");
                s.execute("CREATE TABLE alerts (user_id TEXT NOT NULL, type TEXT NOT NULL, cond_time INTEGER NOT NULL,"
                        + " detected_at INTEGER NOT NULL, PRIMARY KEY (user_id, type, cond_time))");
            }
            sql.setAutoCommit(false);
            double cpu0 = Cpu.self();
            long wall0 = System.nanoTime();
            int loaded = insert(sql, events, 0, start);
            try (Statement s = sql.createStatement()) {
                s.execute("CREATE INDEX events_user_ts ON events (user_id, ts)");
                s.execute("CREATE INDEX events_type_ts ON events (type, ts)");
                s.execute("CREATE INDEX events_ts ON events (ts)");
                s.execute("ANALYZE");
            }
            sql.commit();
            result.put("loadEvents", loaded);
            result.put("loadCpuSeconds", Cpu.self() - cpu0);
            result.put("loadWallSeconds", (System.nanoTime() - wall0) / 1e9);

            List<PreparedRule> rules = new ArrayList<>();
            for (String rule : RULES) {
                rules.add(new PreparedRule(sql, rule));
            }
            // a first run of the query set finds the history's alerts: not counted
            runRules(rules, start);
            sql.commit();

            ArrayNode perCycle = result.putArray("cycles");
            int next = loaded;
            long t = start;
            for (long cycle : cycles) {
                long spanStart = t;
                long spanEnd = cycles.indexOf(cycle) == 0 && cycles.size() > 1 ? Math.min(lastTs, start + 2 * DAY) : lastTs;
                double queryCpu = 0;
                double insertCpu = 0;
                int inserted = 0;
                List<Double> walls = new ArrayList<>();
                List<Long> realLatencies = new ArrayList<>();
                Map<String, Integer> found = new TreeMap<>();
                int measured = 0;
                double spent = 0;
                while (t + cycle <= spanEnd && spent < budget) {
                    t += cycle;
                    double c0 = Cpu.self();
                    int before = next;
                    next = insertUpTo(sql, events, next, t);
                    sql.commit();
                    inserted += next - before;
                    double c1 = Cpu.self();
                    long w1 = System.nanoTime();
                    runRules(rules, t);
                    sql.commit();
                    double wall = (System.nanoTime() - w1) / 1e9;
                    double c2 = Cpu.self();
                    insertCpu += c1 - c0;
                    queryCpu += c2 - c1;
                    spent += wall;
                    walls.add(wall);
                    measured++;
                    try (PreparedStatement q = sql.prepareStatement(
                            "SELECT type, cond_time FROM alerts WHERE detected_at = ?")) {
                        q.setLong(1, t);
                        try (ResultSet rs = q.executeQuery()) {
                            while (rs.next()) {
                                found.merge(rs.getString(1), 1, Integer::sum);
                                realLatencies.add(t + Math.round(wall * 1000) - rs.getLong(2));
                            }
                        }
                    }
                }
                double medianWall = Stats.Spread.of(walls).median();
                ObjectNode c = perCycle.addObject();
                c.put("cycleMinutes", cycle / 60_000);
                c.put("cycles", measured);
                c.put("spanStart", spanStart);
                c.put("spanEnd", t);
                c.put("queryCpuSeconds", queryCpu);
                c.put("insertCpuSeconds", insertCpu);
                c.put("eventsInserted", inserted);
                c.put("medianQueryWallSeconds", medianWall);
                c.put("maxQueryWallSeconds", walls.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
                long[] simulated = new long[conditionTimes.size()];
                for (int i = 0; i < simulated.length; i++) {
                    long ct = conditionTimes.get(i);
                    long due = Math.floorDiv(ct + cycle - 1, cycle) * cycle;
                    simulated[i] = due - ct + Math.round(medianWall * 1000);
                }
                latency(c.putObject("simulatedLatency"), Stats.Latencies.of(simulated));
                latency(c.putObject("queryLatency"), Stats.Latencies.of(realLatencies.stream().mapToLong(Long::longValue).toArray()));
                ObjectNode byType = c.putObject("alertsFoundByQueries");
                found.forEach(byType::put);
                ObjectNode replayByType = c.putObject("alertsOfReplayInSpan");
                for (Map.Entry<String, Integer> e : replayAlertsIn(alertsFile, spanStart, t).entrySet()) {
                    replayByType.put(e.getKey(), e.getValue());
                }
            }
            long windowStart = lastTs - WINDOW;
            int inWindow = 0;
            for (int i = 0; i < events.size(); i++) {
                if (events.ts[i] > windowStart) {
                    inWindow++;
                }
            }
            double days = Math.min(30.0, (lastTs - firstTs) / (double) DAY);
            result.put("eventsPerDay", inWindow / Math.max(1.0, days));
            result.put("events", events.size());
            result.put("replayAlerts", conditionTimes.size());
        }
        ChildMain.answer("result " + JSON.writeValueAsString(result));
    }

    private static void latency(ObjectNode node, Stats.Latencies l) {
        node.put("count", l.count());
        node.put("p50", l.p50());
        node.put("p99", l.p99());
        node.put("max", l.max());
    }

    /** One rule's statement with its named parameters (:T, :W, :D, :X) in order. */
    private static final class PreparedRule {
        final PreparedStatement statement;
        final List<Character> params = new ArrayList<>();

        PreparedRule(Connection sql, String text) throws SQLException {
            StringBuilder jdbc = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == ':' && i + 1 < text.length() && "TWDX".indexOf(text.charAt(i + 1)) >= 0) {
                    params.add(text.charAt(++i));
                    jdbc.append('?');
                } else {
                    jdbc.append(ch);
                }
            }
            statement = sql.prepareStatement(jdbc.toString());
        }

        int run(long t) throws SQLException {
            long dayStart = Math.floorDiv(t, DAY) * DAY;
            for (int i = 0; i < params.size(); i++) {
                long value = switch (params.get(i)) {
                    case 'T' -> t;
                    case 'W' -> t - WINDOW;
                    case 'D' -> dayStart;
                    default -> dayStart / DAY - 1;
                };
                statement.setLong(i + 1, value);
            }
            return statement.executeUpdate();
        }
    }

    private static int runRules(List<PreparedRule> rules, long t) throws SQLException {
        int found = 0;
        for (PreparedRule rule : rules) {
            found += rule.run(t);
        }
        return found;
    }

    private static int insert(Connection sql, Events events, int from, long upTo) throws SQLException {
        return insertUpTo(sql, events, from, upTo) - from;
    }

    /** Inserts the events from index {@code from} with a time up to {@code upTo}; returns the next index. */
    private static int insertUpTo(Connection sql, Events events, int from, long upTo) throws SQLException {
        int i = from;
        try (PreparedStatement insert = sql.prepareStatement(
                "INSERT INTO events (event_id, user_id, type, ts, score, progress) VALUES (?, ?, ?, ?, ?, ?)")) {
            int batch = 0;
            for (; i < events.size() && events.ts[i] <= upTo; i++) {
                insert.setString(1, events.ids.get(i));
                insert.setString(2, events.users.get(i));
                insert.setString(3, events.types.get(i));
                insert.setLong(4, events.ts[i]);
                if (Double.isNaN(events.score[i])) {
                    insert.setNull(5, java.sql.Types.REAL);
                } else {
                    insert.setDouble(5, events.score[i]);
                }
                if (Double.isNaN(events.progress[i])) {
                    insert.setNull(6, java.sql.Types.REAL);
                } else {
                    insert.setDouble(6, events.progress[i]);
                }
                insert.addBatch();
                if (++batch == 10_000) {
                    insert.executeBatch();
                    batch = 0;
                }
            }
            if (batch > 0) {
                insert.executeBatch();
            }
        }
        return i;
    }

    private static Events readEvents(Path file) throws IOException {
        Events events = new Events();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    events.add(Workload.read(line));
                }
            }
        }
        return events;
    }

    private static List<Long> readConditionTimes(Path alerts) throws IOException {
        List<Long> times = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(alerts, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    times.add(replayAlert(line).eventTime);
                }
            }
        }
        return times;
    }

    private static Map<String, Integer> replayAlertsIn(Path alerts, long after, long upTo) throws IOException {
        Map<String, Integer> byType = new TreeMap<>();
        try (BufferedReader lines = Files.newBufferedReader(alerts, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    Alert alert = replayAlert(line);
                    if (alert.eventTime > after && alert.eventTime <= upTo) {
                        byType.merge(alert.type.name(), 1, Integer::sum);
                    }
                }
            }
        }
        return byType;
    }

    /** A line of the replay's alert file, which holds only valid alerts. */
    private static Alert replayAlert(String line) {
        try {
            return JsonCodec.readAlert(line);
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("not an alert of the replay (" + e.getMessage() + "): " + line);
        }
    }
}
