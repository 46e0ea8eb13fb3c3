package io.learnpulse.analysis.evaluate;

import io.learnpulse.model.AlertType;
import io.learnpulse.model.Outcome;
import io.learnpulse.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How early and how well alerts find the learners who fail or withdraw (docs/cli.md).
 *
 * <p>At day N (N days after a learner's {@code start}): the learners are those not withdrawn
 * before {@code start + N}; a learner is positive when their outcome is {@code fail} or
 * {@code withdrawn}; a learner is flagged by a type when their first alert of that type has an
 * {@code eventTime} before {@code start + N}. ANY is the union of every type but HIGH_PERFORMANCE.
 * The lead time of a flagged positive is the days from their first such alert to their
 * {@code withdrawnAt}, or without one, to the end of their course.
 */
public final class Evaluation {
    public static final List<Integer> DAYS = List.of(14, 30, 60, 90, 120);
    public static final String ANY = "ANY";
    /** The one type that reports a learner doing well: not part of ANY. */
    static final String HIGH_PERFORMANCE = AlertType.HIGH_PERFORMANCE.name();
    /** AT_RISK's alerts of severity HIGH only: the learners whose risk rose to band high. */
    public static final String AT_RISK_HIGH = AlertType.AT_RISK.name() + ":HIGH";
    /** The day whose risk scores the ROC area judges. */
    public static final int RISK_DAY = 60;
    private static final long MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    private final Map<String, Learner> learners = new HashMap<>();
    private final Set<String> types = new TreeSet<>();
    private final long defaultCourseMillis;
    private long alerts;
    private long alertsOfUnknownLearners;
    /** Where the scores of {@link #riskAtDay} come from, for the report; null: no score read. */
    private String riskSource;
    /** Scores from AT_RISK alerts only: a learner without one has no score but counts as 0. */
    private boolean riskFromAlerts;

    /**
     * Every type of {@link AlertType} is reported, with the types of the alerts read (a newer
     * writer's types are evaluated too).
     *
     * @param defaultCourseDays the course length for outcomes that do not say when their course ends
     */
    public Evaluation(int defaultCourseDays) {
        for (AlertType type : AlertType.values()) {
            types.add(type.name());
        }
        types.add(AT_RISK_HIGH);
        this.defaultCourseMillis = defaultCourseDays * MILLIS_PER_DAY;
    }

    /** Adds a learner; fails on a second line for the same learner (one line per learner, docs/cli.md). */
    void outcome(Outcome outcome) {
        long end = outcome.end != null ? outcome.end : outcome.start + defaultCourseMillis;
        Learner previous = learners.putIfAbsent(outcome.userId, new Learner(outcome, end));
        if (previous != null) {
            throw new IllegalArgumentException("learner " + outcome.userId
                    + " has more than one outcome; the outcomes file holds one line per learner");
        }
    }

    /**
     * Adds an alert; one of a learner without an outcome is counted and otherwise ignored. An
     * AT_RISK alert of {@code severity} HIGH counts for {@link #AT_RISK_HIGH} too.
     */
    void alert(String userId, String type, String severity, long eventTime) {
        alerts++;
        Learner learner = learners.get(userId);
        if (learner == null) {
            alertsOfUnknownLearners++;
            return;
        }
        types.add(type);
        learner.firstAlert.merge(type, eventTime, Math::min);
        if (AlertType.AT_RISK.name().equals(type) && Severity.HIGH.name().equals(severity)) {
            learner.firstAlert.merge(AT_RISK_HIGH, eventTime, Math::min);
        }
        if (!HIGH_PERFORMANCE.equals(type)) {
            learner.firstAlert.merge(ANY, eventTime, Math::min);
        }
    }

    /**
     * A risk score of the learner at {@code at}: the latest at or before {@link #RISK_DAY} counts
     * (of two at one time, the higher). {@code fromAlerts}: read from AT_RISK alerts' metrics, so
     * that learners without such an alert count as 0; {@code source} names where they came from.
     */
    void risk(String userId, long at, double risk, String band, String source, boolean fromAlerts) {
        riskSource = source;
        riskFromAlerts = fromAlerts;
        Learner learner = learners.get(userId);
        if (learner == null || at > learner.day(RISK_DAY)) {
            return;
        }
        if (learner.riskAt == null || at > learner.riskAt || (at == learner.riskAt && risk > learner.risk)) {
            learner.riskAt = at;
            learner.risk = risk;
            learner.riskBand = band;
        }
    }

    /** How well the risk scores at {@link #RISK_DAY} rank the positives, or null if none were read. */
    RiskQuality riskAtDay() {
        if (riskSource == null) {
            return null;
        }
        List<Learner> scored = new ArrayList<>();
        for (Learner learner : learners.values()) {
            if (learner.inPopulation(RISK_DAY) && (learner.riskAt != null || riskFromAlerts)) {
                scored.add(learner);
            }
        }
        double[] scores = new double[scored.size()];
        boolean[] positive = new boolean[scored.size()];
        long positives = 0;
        for (int i = 0; i < scores.length; i++) {
            Learner learner = scored.get(i);
            scores[i] = learner.riskAt != null ? learner.risk : 0.0;
            positive[i] = learner.positive;
            positives += learner.positive ? 1 : 0;
        }
        Double missedPrecision = figures(RISK_DAY, AlertType.MISSED_DEADLINE.name()).precision();
        return new RiskQuality(riskSource, riskFromAlerts, scores.length, positives, Roc.auc(scores, positive),
                missedPrecision, missedPrecision == null ? null : Roc.recallAtPrecision(scores, positive, missedPrecision),
                inBand(scored, positives, List.of("high")), inBand(scored, positives, List.of("medium", "high")));
    }

    /** The scored learners whose band at {@link #RISK_DAY} is one of {@code bands}, as flagged. */
    private static Figures inBand(List<Learner> scored, long positives, List<String> bands) {
        long flagged = 0;
        long hits = 0;
        for (Learner learner : scored) {
            if (learner.riskBand != null && bands.contains(learner.riskBand)) {
                flagged++;
                hits += learner.positive ? 1 : 0;
            }
        }
        return new Figures(flagged, hits, flagged == 0 ? null : (double) hits / flagged,
                positives == 0 ? null : (double) hits / positives, null);
    }

    /**
     * The ROC area of the risk scores at {@link #RISK_DAY} over the learners scored (not withdrawn
     * before it), the best recall of a cut-off of the score at MISSED_DEADLINE's precision that
     * day (null when MISSED_DEADLINE flagged no one or no cut-off reaches it), and the learners whose
     * band that day (their latest score's) is high, or medium or high, as flagged (no lead time).
     */
    record RiskQuality(String source, boolean fromAlerts, long learners, long positives, Double auc,
            Double missedDeadlinePrecision, Double recallAtThatPrecision, Figures bandHigh, Figures bandMediumOrHigh) {}

    long alerts() {
        return alerts;
    }

    long alertsOfUnknownLearners() {
        return alertsOfUnknownLearners;
    }

    long learners() {
        return learners.size();
    }

    /** ANY first, then every type in name order. */
    List<String> types() {
        List<String> all = new ArrayList<>();
        all.add(ANY);
        all.addAll(types);
        return all;
    }

    /** The learners still enrolled at day N (not withdrawn before it), and the positives among them. */
    Population population(int day) {
        long count = 0;
        long positives = 0;
        for (Learner learner : learners.values()) {
            if (learner.inPopulation(day)) {
                count++;
                positives += learner.positive ? 1 : 0;
            }
        }
        return new Population(count, positives);
    }

    /** The figures of each type (ANY first) by day. */
    public SortedMap<Integer, Map<String, Figures>> byDay() {
        SortedMap<Integer, Map<String, Figures>> byDay = new TreeMap<>();
        for (int day : DAYS) {
            Map<String, Figures> figures = new LinkedHashMap<>();
            for (String type : types()) {
                figures.put(type, figures(day, type));
            }
            byDay.put(day, Collections.unmodifiableMap(figures));
        }
        return Collections.unmodifiableSortedMap(byDay);
    }

    private Figures figures(int day, String type) {
        long positives = 0;
        long flagged = 0;
        List<Double> leadDays = new ArrayList<>();
        for (Learner learner : learners.values()) {
            if (!learner.inPopulation(day)) {
                continue;
            }
            positives += learner.positive ? 1 : 0;
            Long first = learner.firstAlert.get(type);
            if (first == null || first >= learner.day(day)) {
                continue;
            }
            flagged++;
            if (learner.positive) {
                leadDays.add((learner.leadUntil - first) / (double) MILLIS_PER_DAY);
            }
        }
        long truePositives = leadDays.size();
        return new Figures(flagged, truePositives,
                flagged == 0 ? null : (double) truePositives / flagged,
                positives == 0 ? null : (double) truePositives / positives,
                median(leadDays));
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        Collections.sort(values);
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }

    /** The learners in the figures of one day, and how many of them are positive. */
    record Population(long learners, long positives) {}

    private static final class Learner {
        final long start;
        final Long withdrawnAt;
        final boolean positive;
        /** Withdrawal, or without one the end of the course: where a lead time ends. */
        final long leadUntil;
        final Map<String, Long> firstAlert = new HashMap<>(4);
        /** The latest risk score at or before {@link #RISK_DAY}, and its time; null if none. */
        Long riskAt;
        double risk;
        String riskBand;

        Learner(Outcome outcome, long end) {
            this.start = outcome.start;
            this.withdrawnAt = outcome.withdrawnAt;
            this.positive = outcome.outcome == Outcome.Result.FAIL || outcome.outcome == Outcome.Result.WITHDRAWN;
            this.leadUntil = withdrawnAt != null ? withdrawnAt : end;
        }

        long day(int n) {
            return start + n * MILLIS_PER_DAY;
        }

        boolean inPopulation(int n) {
            return withdrawnAt == null || withdrawnAt >= day(n);
        }
    }
}
