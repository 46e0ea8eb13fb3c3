package io.learnpulse.job.replay;

import io.learnpulse.job.parse.EventParser;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.EventType;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.risk.FeatureExtractor;
import io.learnpulse.risk.RiskFeatures;
import io.learnpulse.risk.RiskModel;
import io.learnpulse.risk.RiskModelFile;
import io.learnpulse.model.RuleSettings;
import io.learnpulse.model.SettingsOverride;
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
 * A second, deliberately naive implementation of docs/rules.md and docs/time-and-delivery.md with the
 * default thresholds, in UTC, and the settings overrides of a settings file (docs/rules.md, "Settings
 * per cohort and per learner": each value looked up afresh at each moment it is read): whole input
 * in memory, each learner's life walked day by day, and each calendar item checked against the
 * learner's whole history. It shares nothing with the job but the parsers and the settings'
 * defaults, so agreement between the two is evidence that both read the contract alike; and for
 * AT_RISK the risk/ module's features and bundled model (the one implementation of the figures,
 * tested on its own there): each enrollment is walked moment by moment here, with its own
 * enrollment spans, judgements, bands, episodes and bound on the scores written.
 */
final class ReferenceRules {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long BOUND = Duration.ofMinutes(1).toMillis();

    final List<String> alerts = new ArrayList<>();
    final List<String> figures = new ArrayList<>();
    final List<String> late = new ArrayList<>();
    /** "userId courseId at band" of each risk score written. */
    final List<String> risks = new ArrayList<>();

    /** The calendar as the replay knows it: the last line of each item, deletions removed. */
    private final Map<String, CalendarItem> calendar = new TreeMap<>();
    /** The settings file's valid overrides, in file order. */
    private final List<SettingsOverride> overrides = new ArrayList<>();
    /** Each user's events, for the cohort they are in at a moment. */
    private final Map<String, List<ActivityEvent>> history = new TreeMap<>();

    /** "TYPE userId eventTime" of each expected alert, and "userId day events assessments mean progress consistency" per figure. */
    static ReferenceRules of(List<String> lines) {
        return of(lines, List.of());
    }

    /** The same with a course calendar, known before the first event. */
    static ReferenceRules of(List<String> lines, List<String> calendarLines) {
        return of(lines, calendarLines, List.of());
    }

    /** The same with settings overrides too, known before the first event. */
    static ReferenceRules of(List<String> lines, List<String> calendarLines, List<String> settingsLines) {
        ReferenceRules r = new ReferenceRules();
        for (String line : settingsLines) {
            try {
                r.overrides.add(JsonCodec.readSettingsOverride(line));
            } catch (InvalidRecordException e) {
                // dead-lettered, no part of the settings
            }
        }
        for (String line : calendarLines) {
            try {
                CalendarItem item = JsonCodec.readCalendarItem(line);
                if (item.deleted) {
                    r.calendar.remove(item.key());
                } else {
                    r.calendar.put(item.key(), item);
                }
            } catch (InvalidRecordException e) {
                // not an item: dead-lettered, no part of the calendar
            }
        }
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
        history.putAll(byUser);
        long finalWatermark = maxSeen - BOUND - 1;
        for (Map.Entry<String, List<ActivityEvent>> user : byUser.entrySet()) {
            List<ActivityEvent> events = user.getValue();
            events.sort(Comparator.<ActivityEvent>comparingLong(e -> e.timestamp).thenComparing(e -> e.eventId));
            // the end of the input fires nothing beyond the final watermark, or the learner's own last event
            long horizon = Math.max(finalWatermark, events.get(events.size() - 1).timestamp);
            List<ActivityEvent> accepted = new ArrayList<>();
            List<Life> lives = lives(events, accepted, horizon);
            for (Life life : lives) {
                if (!life.events.isEmpty()) {
                    evaluate(user.getKey(), life.events, life.horizon);
                }
            }
            missedDeadlines(user.getKey(), accepted, horizon);
            atRisk(user.getKey(), accepted, horizon);
        }
    }

    // --- settings: the learner's override in effect at t, else their cohort's, else the default ----

    /** The value of {@code setting} for {@code user} at {@code t}. */
    private double value(RuleSettings.Setting setting, String user, long t) {
        SettingsOverride own = inEffect(SettingsOverride.Scope.LEARNER, user, t);
        if (own != null && own.rules.containsKey(setting.key())) {
            return own.rules.get(setting.key());
        }
        String cohort = cohortOf(user, t);
        SettingsOverride theirs = cohort == null ? null : inEffect(SettingsOverride.Scope.COHORT, cohort, t);
        if (theirs != null && theirs.rules.containsKey(setting.key())) {
            return theirs.rules.get(setting.key());
        }
        return setting.defaultValue();
    }

    /** The override with the latest effectiveFrom at or before t (of two alike the later line); null if none or removed. */
    private SettingsOverride inEffect(SettingsOverride.Scope scope, String id, long t) {
        SettingsOverride chosen = null;
        for (SettingsOverride o : overrides) {
            if (o.scope == scope && o.id.equals(id) && o.effectiveFrom <= t
                    && (chosen == null || o.effectiveFrom >= chosen.effectiveFrom)) {
                chosen = o;
            }
        }
        return chosen == null || chosen.rules.isEmpty() ? null : chosen;
    }

    /** The cohort of the user's latest event with one at or before t (this population never changes cohort). */
    private String cohortOf(String user, long t) {
        String cohort = null;
        for (ActivityEvent e : history.getOrDefault(user, List.of())) {
            if (e.timestamp <= t && e.cohortId != null) {
                cohort = e.cohortId;
            }
        }
        return cohort;
    }

    /** A learner's activity between two forgettings, and the time up to which its deadlines fire. */
    private static final class Life {
        final List<ActivityEvent> events = new ArrayList<>();
        long horizon = Long.MAX_VALUE;
    }

    /**
     * Splits a learner's activity into lives and drops duplicates (the events accepted go to
     * {@code accepted}, all types). A silence of more than 30 days without activity ends a life,
     * and so does a withdrawal after which the learner is enrolled in no course; that life's
     * deadlines fire only up to the withdrawal.
     */
    private List<Life> lives(List<ActivityEvent> events, List<ActivityEvent> accepted, long horizon) {
        List<Life> lives = new ArrayList<>();
        Life life = new Life();
        lives.add(life);
        Long lastActivity = null;
        Map<String, Long> seen = new HashMap<>();
        for (ActivityEvent e : events) {
            if (lastActivity != null && e.timestamp - lastActivity > 30 * DAY) {
                life = new Life();
                lives.add(life);
                seen.clear();
                lastActivity = null;
            }
            Long previous = seen.get(e.eventId);
            if (previous != null && e.timestamp - previous <= DAY) {
                continue;
            }
            seen.put(e.eventId, e.timestamp);
            accepted.add(e);
            if (e.type == EventType.WITHDRAWAL && enrolledInNoCourse(e.userId, accepted)) {
                life.horizon = e.timestamp;
                life = new Life();
                lives.add(life);
                seen.clear();
                lastActivity = null;
            } else if (e.type.isActivity()) {
                life.events.add(e);
                lastActivity = e.timestamp;
            }
        }
        life.horizon = horizon;
        return lives;
    }

    // --- MISSED_DEADLINE: every calendar item against the learner's whole history -----------------

    /** The user's grace for an item, as in effect at its dueAt. */
    private long grace(String user, CalendarItem item) {
        return (long) value(RuleSettings.MISSED_DEADLINE_GRACE, user, item.dueAt);
    }

    /** The time the course's last item is missed at for the user, or null for a course without items. */
    private Long lastDeadline(String user, String courseId) {
        Long last = null;
        for (CalendarItem item : calendar.values()) {
            if (item.courseId.equals(courseId)) {
                long missedAt = item.dueAt + grace(user, item);
                last = last == null ? missedAt : Math.max(last, missedAt);
            }
        }
        return last;
    }

    /**
     * The index in {@code history} of the event that began the learner's enrollment in
     * {@code courseId} current after the whole history: the first event with the course after its
     * last withdrawal; or -1.
     */
    private static int enrollmentStart(List<ActivityEvent> history, String courseId) {
        int start = -1;
        for (int i = 0; i < history.size(); i++) {
            ActivityEvent e = history.get(i);
            if (!courseId.equals(e.courseId)) {
                continue;
            }
            if (e.type == EventType.WITHDRAWAL) {
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        return start;
    }

    /** After the last event of {@code history}, a withdrawal: is the learner enrolled anywhere still? */
    private boolean enrolledInNoCourse(String user, List<ActivityEvent> history) {
        long now = history.get(history.size() - 1).timestamp;
        Set<String> courses = new TreeSet<>();
        for (ActivityEvent e : history) {
            if (e.courseId != null) {
                courses.add(e.courseId);
            }
        }
        for (String course : courses) {
            int start = enrollmentStart(history, course);
            if (start < 0) {
                continue;
            }
            Long last = lastDeadline(user, course);
            long lastInCourse = history.get(start).timestamp;
            for (int i = start; i < history.size(); i++) {
                if (course.equals(history.get(i).courseId)) {
                    lastInCourse = history.get(i).timestamp;
                }
            }
            // a course's enrollment ends after its last deadline, or without items 30 days after its last event
            if (last != null ? now <= last : now <= lastInCourse + 30 * DAY) {
                return false;
            }
        }
        return true;
    }

    private void missedDeadlines(String user, List<ActivityEvent> accepted, long horizon) {
        for (CalendarItem item : calendar.values()) {
            long missedAt = item.dueAt + grace(user, item);
            if (missedAt + 1 > horizon) {
                continue; // a submission at missedAt still counts: decided only after it
            }
            List<ActivityEvent> upToThen = new ArrayList<>();
            for (ActivityEvent e : accepted) {
                if (e.timestamp <= missedAt) {
                    upToThen.add(e);
                }
            }
            int start = enrollmentStart(upToThen, item.courseId);
            if (start < 0 || upToThen.get(start).timestamp > item.dueAt) {
                continue; // not enrolled at dueAt, or withdrawn by dueAt + grace
            }
            boolean submitted = false;
            for (int i = start; i < upToThen.size(); i++) {
                ActivityEvent e = upToThen.get(i);
                submitted |= e.type == EventType.ASSESSMENT && item.courseId.equals(e.courseId)
                        && item.assessmentId.equals(e.assessmentId);
            }
            if (!submitted) {
                alerts.add("MISSED_DEADLINE " + user + " " + Instant.ofEpochMilli(missedAt));
            }
        }
    }

    // --- AT_RISK: each enrollment walked moment by moment ------------------------------------------

    private static final RiskModel MODEL = RiskModelFile.readDefault();

    private void atRisk(String user, List<ActivityEvent> accepted, long horizon) {
        Set<String> courses = new TreeSet<>();
        for (ActivityEvent e : accepted) {
            if (e.courseId != null) {
                courses.add(e.courseId);
            }
        }
        for (String course : courses) {
            for (long[] span : enrollments(user, accepted, course)) {
                atRisk(user, course, accepted, span[0], span[1], horizon);
            }
        }
    }

    /**
     * The learner's enrollments in the course as [start, end]: from the first event with it until a
     * withdrawal, or until the course's last item is judged (an enrollment begun after that ends at
     * its first day end), or without items 30 days and 1 ms after the last event with it.
     */
    private List<long[]> enrollments(String user, List<ActivityEvent> accepted, String course) {
        List<long[]> spans = new ArrayList<>();
        Long start = null;
        long lastInCourse = 0;
        for (ActivityEvent e : accepted) {
            if (!course.equals(e.courseId)) {
                continue;
            }
            if (start != null && enrollmentEnd(user, course, start, lastInCourse) <= e.timestamp) {
                spans.add(new long[] {start, enrollmentEnd(user, course, start, lastInCourse)});
                start = null;
            }
            if (e.type == EventType.WITHDRAWAL) {
                if (start != null) {
                    spans.add(new long[] {start, e.timestamp});
                    start = null;
                }
                continue;
            }
            if (start == null) {
                start = e.timestamp;
            }
            lastInCourse = e.timestamp;
        }
        if (start != null) {
            spans.add(new long[] {start, enrollmentEnd(user, course, start, lastInCourse)});
        }
        return spans;
    }

    private long enrollmentEnd(String user, String course, long start, long lastInCourse) {
        Long last = lastDeadline(user, course);
        if (last == null) {
            return lastInCourse + 30 * DAY + 1;
        }
        return last + 1 > start ? last + 1 : start(day(start) + 1);
    }

    /** One enrollment [start, end]: judged and scored at every moment in (start, min(end, horizon)]. */
    private void atRisk(String user, String course, List<ActivityEvent> accepted, long start, long end, long horizon) {
        long until = Math.min(end, horizon);
        List<ActivityEvent> events = new ArrayList<>();
        for (ActivityEvent e : accepted) {
            if (course.equals(e.courseId) && e.type.isActivity() && e.timestamp >= start && e.timestamp < end) {
                events.add(e);
            }
        }
        TreeMap<Long, List<CalendarItem>> judged = new TreeMap<>();
        for (CalendarItem item : calendar.values()) {
            long moment = item.dueAt + grace(user, item) + 1;
            if (item.courseId.equals(course) && item.dueAt >= start && moment > start && moment <= until) {
                judged.computeIfAbsent(moment, m -> new ArrayList<>()).add(item);
            }
        }
        TreeSet<Long> moments = new TreeSet<>(judged.keySet());
        for (long dayEnd = start(day(start) + 1); dayEnd <= until; dayEnd += DAY) {
            moments.add(dayEnd);
        }
        FeatureExtractor features = new FeatureExtractor(ZoneOffset.UTC);
        RiskFeatures f = features.start(course, start);
        String[] alerted = {"low"};
        String[] written = {null};
        double[] writtenRisk = {0};
        int next = 0;
        for (long m : moments) {
            // an event at a moment comes after it
            for (; next < events.size() && events.get(next).timestamp < m; next++) {
                ActivityEvent e = events.get(next);
                features.onActivity(f, e.timestamp);
                if (e.type == EventType.ASSESSMENT) {
                    CalendarItem item = e.assessmentId == null ? null : calendar.get(course + "/" + e.assessmentId);
                    features.onSubmission(f, e.timestamp, e.score, e.assessmentId, item == null ? null : item.dueAt);
                }
            }
            boolean missed = false;
            for (CalendarItem item : judged.getOrDefault(m, List.of())) {
                features.onItemJudged(f, item.assessmentId, item.dueAt, item.weight);
                boolean submitted = false;
                for (ActivityEvent e : events) {
                    submitted |= e.timestamp < m && e.type == EventType.ASSESSMENT
                            && item.assessmentId.equals(e.assessmentId);
                }
                missed |= !submitted;
            }
            if (missed) {
                score(user, course, features.values(f, m - 1), m - 1, alerted, written, writtenRisk);
            }
            if (m % DAY == 0) {
                score(user, course, features.values(f, m), m, alerted, written, writtenRisk);
            }
        }
    }

    private void score(String user, String course, double[] values, long at, String[] alerted, String[] written,
            double[] writtenRisk) {
        double risk = MODEL.score(values).risk;
        String band = risk >= value(RuleSettings.RISK_HIGH, user, at) ? "high"
                : risk >= value(RuleSettings.RISK_MEDIUM, user, at) ? "medium" : "low";
        if (written[0] == null || !band.equals(written[0]) || Math.abs(risk - writtenRisk[0]) >= 0.05) {
            risks.add(user + " " + course + " " + Instant.ofEpochMilli(at) + " " + band);
            written[0] = band;
            writtenRisk[0] = risk;
        }
        List<String> order = List.of("low", "medium", "high");
        if (band.equals("low")) {
            alerted[0] = "low";
        } else if (order.indexOf(band) > order.indexOf(alerted[0])) {
            alerted[0] = band;
            alerts.add("AT_RISK " + user + " " + Instant.ofEpochMilli(at));
        }
    }

    static String risk(io.learnpulse.model.LearnerRisk r) {
        return r.userId + " " + r.courseId + " " + Instant.ofEpochMilli(r.at) + " " + r.band;
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
        // streaks, in event-time order: an episode fires once the streak is as long as the count at
        // that assessment, and stays open until a score breaks the streak
        int low = 0;
        int high = 0;
        boolean lowOpen = false;
        boolean highOpen = false;
        for (ActivityEvent e : life) {
            if (e.type != EventType.ASSESSMENT) {
                continue;
            }
            long t = e.timestamp;
            low = e.score < value(RuleSettings.LOW_SCORE_THRESHOLD, user, t) ? low + 1 : 0;
            high = e.score >= value(RuleSettings.HIGH_SCORE_THRESHOLD, user, t) ? high + 1 : 0;
            lowOpen &= low > 0;
            highOpen &= high > 0;
            if (low > 0 && low >= value(RuleSettings.LOW_SCORE_COUNT, user, t) && !lowOpen) {
                fire("CONSECUTIVE_LOW_SCORES", user, t, horizon);
                lowOpen = true;
            }
            if (high > 0 && high >= value(RuleSettings.HIGH_SCORE_COUNT, user, t) && !highOpen) {
                fire("HIGH_PERFORMANCE", user, t, horizon);
                highOpen = true;
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

        // decline: a run of adjacent days with assessments whose means are low, each judged at its end
        boolean declineOpen = false;
        long previousDay = Long.MIN_VALUE;
        int run = 0;
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
            long end = start(d.getKey() + 1);
            boolean isLow = mean < value(RuleSettings.DECLINE_THRESHOLD, user, end);
            run = !isLow ? 0 : previousDay == d.getKey() - 1 && run > 0 ? run + 1 : 1;
            if (isLow && run >= value(RuleSettings.DECLINE_DAYS, user, end) && !declineOpen && end <= horizon) {
                fire("PERFORMANCE_DECLINE", user, end, horizon);
                declineOpen = true;
            }
            if (!isLow) {
                declineOpen = false;
            }
            previousDay = d.getKey();
        }

        // engagement: whole empty days between active days, or after the last one; as many as the
        // count in effect at the last event before them
        Long before = null;
        for (long d : active) {
            if (before != null) {
                long n = (long) value(RuleSettings.ENGAGEMENT_EMPTY_DAYS, user, lastTime(days.get(before)));
                if (d - before - 1 >= n) {
                    fire("ENGAGEMENT_DROP", user, start(before + n + 1), horizon);
                }
            }
            before = d;
        }
        long n = (long) value(RuleSettings.ENGAGEMENT_EMPTY_DAYS, user, lastTime(days.get(last)));
        fire("ENGAGEMENT_DROP", user, start(last + n + 1), horizon);

        // stagnation: the period after an increase with no further increase before then, both the
        // period and the complete progress as in effect at the increase
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
            long deadline = inc.timestamp + (long) value(RuleSettings.STAGNATION_AFTER, user, inc.timestamp);
            long next = i + 1 < increases.size() ? increases.get(i + 1).timestamp : Long.MAX_VALUE;
            if (inc.progress < value(RuleSettings.COMPLETE_PROGRESS, user, inc.timestamp) && next >= deadline) {
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
                boolean isLow = count < value(RuleSettings.CONSISTENCY_MIN_FRACTION, user, start(x + 1)) * 7;
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

    private static long lastTime(List<ActivityEvent> day) {
        return day.get(day.size() - 1).timestamp;
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
