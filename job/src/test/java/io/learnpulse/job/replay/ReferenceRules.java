package io.learnpulse.job.replay;

import io.learnpulse.job.parse.EventParser;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A second, deliberately naive implementation of DESIGN §3 and §4 with the default thresholds, in
 * UTC: whole input in memory, each learner's life walked day by day. It shares nothing with the
 * job but the parser, so agreement between the two is evidence that both read the contract alike.
 */
final class ReferenceRules {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long BOUND = Duration.ofMinutes(1).toMillis();

    final List<String> alerts = new ArrayList<>();
    final List<String> figures = new ArrayList<>();
    final List<String> late = new ArrayList<>();

    /** "TYPE userId eventTime" of each expected alert, and "userId day events assessments mean progress consistency" per figure. */
    static ReferenceRules of(List<String> lines) {
        ReferenceRules r = new ReferenceRules();
        r.run(lines);
        return r;
    }

    private void run(List<String> lines) {
        EventParser parser = EventParser.forFormat(InputFormat.JSONL);
        long maxSeen = Long.MIN_VALUE;
        Map<String, List<ActivityEvent>> byUser = new TreeMap<>();
        for (String line : lines) {
            List<InputRecord> records = new ArrayList<>();
            parser.parse(line, records::add);
            for (InputRecord record : records) {
                if (!record.isEvent()) {
                    continue;
                }
                ActivityEvent e = record.event;
                if (maxSeen != Long.MIN_VALUE && e.timestamp < maxSeen - BOUND) {
                    late.add(e.eventId);
                    continue;
                }
                maxSeen = Math.max(maxSeen, e.timestamp);
                byUser.computeIfAbsent(e.userId, u -> new ArrayList<>()).add(e);
            }
        }
        long finalWatermark = maxSeen - BOUND - 1;
        for (Map.Entry<String, List<ActivityEvent>> user : byUser.entrySet()) {
            List<ActivityEvent> events = user.getValue();
            events.sort(Comparator.<ActivityEvent>comparingLong(e -> e.timestamp).thenComparing(e -> e.eventId));
            List<List<ActivityEvent>> lives = lives(events);
            for (int i = 0; i < lives.size(); i++) {
                List<ActivityEvent> life = lives.get(i);
                boolean lastLife = i == lives.size() - 1;
                long horizon = lastLife ? Math.max(finalWatermark, life.get(life.size() - 1).timestamp) : Long.MAX_VALUE;
                evaluate(user.getKey(), life, horizon);
            }
        }
    }

    /** Splits a learner's events into lives (a silence of more than 30 days ends one) and drops duplicates. */
    private List<List<ActivityEvent>> lives(List<ActivityEvent> events) {
        List<List<ActivityEvent>> lives = new ArrayList<>();
        List<ActivityEvent> life = null;
        Map<String, Long> accepted = new HashMap<>();
        for (ActivityEvent e : events) {
            if (life == null || e.timestamp - life.get(life.size() - 1).timestamp > 30 * DAY) {
                life = new ArrayList<>();
                lives.add(life);
                accepted.clear();
            }
            Long previous = accepted.get(e.eventId);
            if (previous != null && e.timestamp - previous <= DAY) {
                continue;
            }
            accepted.put(e.eventId, e.timestamp);
            life.add(e);
        }
        return lives;
    }

    private static long day(long t) {
        return Math.floorDiv(t, DAY);
    }

    private static long start(long day) {
        return day * DAY;
    }

    private void fire(String type, String user, long at, long horizon) {
        if (at <= horizon) {
            alerts.add(type + " " + user + " " + Instant.ofEpochMilli(at));
        }
    }

    private void evaluate(String user, List<ActivityEvent> life, long horizon) {
        // streaks, in event-time order
        int low = 0;
        int high = 0;
        for (ActivityEvent e : life) {
            if (e.type != EventType.ASSESSMENT) {
                continue;
            }
            low = e.score < 0.60 ? low + 1 : 0;
            high = e.score >= 0.90 ? high + 1 : 0;
            if (low == 3) {
                fire("CONSECUTIVE_LOW_SCORES", user, e.timestamp, horizon);
            }
            if (high == 3) {
                fire("HIGH_PERFORMANCE", user, e.timestamp, horizon);
            }
        }

        // per day
        TreeMap<Long, List<ActivityEvent>> days = new TreeMap<>();
        for (ActivityEvent e : life) {
            days.computeIfAbsent(day(e.timestamp), d -> new ArrayList<>()).add(e);
        }
        Set<Long> active = new TreeSet<>(days.keySet());
        long first = days.firstKey();
        long last = days.lastKey();

        // decline: adjacent days with assessments whose means are low
        boolean declineOpen = false;
        long previousDay = Long.MIN_VALUE;
        boolean previousLow = false;
        Map<Long, Double> means = new LinkedHashMap<>();
        for (Map.Entry<Long, List<ActivityEvent>> d : days.entrySet()) {
            double sum = 0;
            int n = 0;
            for (ActivityEvent e : d.getValue()) {
                if (e.type == EventType.ASSESSMENT) {
                    sum += e.score;
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double mean = sum / n;
            means.put(d.getKey(), mean);
            boolean isLow = mean < 0.60;
            if (isLow && previousLow && previousDay == d.getKey() - 1 && !declineOpen) {
                if (start(d.getKey() + 1) <= horizon) {
                    fire("PERFORMANCE_DECLINE", user, start(d.getKey() + 1), horizon);
                    declineOpen = true;
                }
            }
            if (!isLow) {
                declineOpen = false;
            }
            previousDay = d.getKey();
            previousLow = isLow;
        }

        // engagement: 3 whole empty days between active days, or after the last one
        Long before = null;
        for (long d : active) {
            if (before != null && d - before - 1 >= 3) {
                fire("ENGAGEMENT_DROP", user, start(before + 4), horizon);
            }
            before = d;
        }
        fire("ENGAGEMENT_DROP", user, start(last + 4), horizon);

        // stagnation: 120 h after an increase with no further increase before then
        List<ActivityEvent> increases = new ArrayList<>();
        double max = -1;
        for (ActivityEvent e : life) {
            if (e.type == EventType.PROGRESS && e.progress > max) {
                max = e.progress;
                increases.add(e);
            }
        }
        for (int i = 0; i < increases.size(); i++) {
            ActivityEvent inc = increases.get(i);
            long deadline = inc.timestamp + 120 * HOUR;
            long next = i + 1 < increases.size() ? increases.get(i + 1).timestamp : Long.MAX_VALUE;
            if (inc.progress < 1.0 && next >= deadline) {
                fire("COMPLETION_STAGNATION", user, deadline, horizon);
            }
        }

        // consistency, and the daily figures
        boolean consistencyOpen = false;
        Double progress = null;
        for (long x = first; x <= last + 7 && start(x + 1) <= horizon; x++) {
            int count = 0;
            for (long d = x - 6; d <= x; d++) {
                count += active.contains(d) ? 1 : 0;
            }
            if (x >= first + 6) {
                boolean isLow = count / 7.0 < 0.5;
                if (isLow && !consistencyOpen) {
                    fire("LOW_CONSISTENCY", user, start(x + 1), horizon);
                }
                consistencyOpen = isLow;
            }
            List<ActivityEvent> today = days.get(x);
            if (today != null) {
                int assessments = 0;
                for (ActivityEvent e : today) {
                    if (e.type == EventType.PROGRESS) {
                        progress = e.progress;
                    }
                    assessments += e.type == EventType.ASSESSMENT ? 1 : 0;
                }
                figures.add(figure(user, x, today.size(), assessments, means.get(x), progress, count / 7.0));
            }
        }
    }

    static String figure(String user, long day, int events, int assessments, Double mean, Double progress, double consistency) {
        return String.format(Locale.ROOT, "%s %s %d %d %s %s %.6f", user, LocalDate.ofEpochDay(day), events, assessments,
                mean == null ? "null" : String.format(Locale.ROOT, "%.6f", mean),
                progress == null ? "null" : String.format(Locale.ROOT, "%.6f", progress), consistency);
    }

    static String figure(io.learnpulse.model.DailyFigures f) {
        return figure(f.userId, LocalDate.parse(f.day).toEpochDay(), f.events, f.assessments, f.meanScore, f.progress,
                f.consistency7d);
    }

    static String alert(io.learnpulse.model.Alert a) {
        return a.type + " " + a.userId + " " + Instant.ofEpochMilli(a.eventTime).atOffset(ZoneOffset.UTC).toInstant();
    }
}
