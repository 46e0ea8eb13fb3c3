package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.EventType;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.RiskFactor;
import io.learnpulse.model.Severity;
import io.learnpulse.risk.FeatureExtractor;
import io.learnpulse.risk.RiskBand;
import io.learnpulse.risk.RiskFeatures;
import io.learnpulse.risk.RiskModel;
import io.learnpulse.risk.RiskScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AT_RISK (docs/rules.md): per course the learner is enrolled in, the features of the risk model
 * ({@link FeatureExtractor}, the code {@code fit-risk} fits on) fed from the learner's events in the
 * course and from each calendar item's judgement at its moment ({@link OpenItems}, as MISSED_DEADLINE
 * judges them); the learner is scored at each day end while enrolled and at each MISSED_DEADLINE
 * moment. The alert fires when the band rises above the highest band of the current episode (low
 * to medium: MEDIUM; to high: HIGH); the episode clears when the band is low again. Scores go to
 * the risk output at a course's first scoring, when the band changes, or when the risk moved by
 * {@link #WRITE_STEP} or more since the last one written.
 */
final class AtRisk implements LearnerRule<List<AtRisk.Course>> {
    private static final long serialVersionUID = 1L;
    /** A score is written when the risk moved at least this much since the last one written (docs/alerts.md). */
    static final double WRITE_STEP = 0.05;

    /** What AT_RISK keeps of one enrollment: it goes with the enrollment, not with forgetting. */
    public static class Course {
        public String courseId;
        public RiskFeatures features;
        /** The items judged already, so that an item rescheduled after its moment counts once. */
        public List<String> judged = new ArrayList<>();
        /** The highest band alerted in the current episode; LOW: no episode open. */
        public RiskBand alerted = RiskBand.LOW;
        /** The band and risk of the last score written; {@code written} null before the first. */
        public RiskBand written;
        public double writtenRisk;

        public Course() {}
    }

    private final AlertFactory alerts;
    private final Calendar calendar;
    private final FeatureExtractor extractor;
    private final RiskModel model;

    /** {@code job}: the job's configuration, whose zone and model are job-wide; the bands are read per score. */
    AtRisk(RuleConfig job, AlertFactory alerts, Calendar calendar) {
        this.alerts = alerts;
        this.calendar = calendar;
        this.extractor = new FeatureExtractor(job.zone);
        this.model = job.riskModel;
    }

    @Override
    public List<Course> stateOf(LearnerState learner) {
        return learner.risk;
    }

    /** Activity in a course, and a submission with its item's deadline as the calendar knew it then. */
    @Override
    public void onEvent(Learner learner, List<Course> courses, ActivityEvent event, LearnerTimeline.Output out) {
        Course c = event.courseId == null ? null : course(learner, courses, event.courseId);
        if (c == null) {
            return;
        }
        extractor.onActivity(c.features, event.timestamp);
        if (event.type == EventType.ASSESSMENT) {
            CourseSchedule schedule = event.assessmentId == null ? null
                    : learner.courseCalendar().scheduleOf(event.courseId);
            ScheduledItem item = schedule == null ? null : schedule.knownAt(event.assessmentId, event.timestamp);
            extractor.onSubmission(c.features, event.timestamp, event.score, event.assessmentId,
                    item == null ? null : item.dueAt);
        }
    }

    /** While enrolled: the next day end, or an item's moment if one comes first. */
    @Override
    public long nextDeadline(Learner learner, List<Course> courses) {
        if (learner.enrollments().isEmpty()) {
            return NONE;
        }
        long[] next = {calendar.endOf(calendar.dayOf(learner.clock()))};
        OpenItems.forEach(learner, (e, v, moment) -> {
            if (moment > learner.clock() && moment < next[0]) {
                next[0] = moment;
            }
        });
        return next[0];
    }

    @Override
    public void onDeadline(Learner learner, List<Course> courses, long deadline, LearnerTimeline.Output out) {
        List<Course> missedNow = new ArrayList<>();
        OpenItems.forEach(learner, (e, v, moment) -> {
            Course c = course(learner, courses, e.courseId);
            if (moment != deadline || c.judged.contains(v.assessmentId)) {
                return;
            }
            c.judged.add(v.assessmentId);
            extractor.onItemJudged(c.features, v.assessmentId, v.dueAt, v.weight);
            if (!e.hasSubmitted(v.assessmentId) && !missedNow.contains(c)) {
                missedNow.add(c);
            }
        });
        // a MISSED_DEADLINE moment: scored at that alert's eventTime, dueAt + grace
        for (Course c : missedNow) {
            score(learner, c, deadline - 1, out);
        }
        if (calendar.startOf(calendar.dayOf(deadline)) == deadline) {
            for (Enrollment e : learner.enrollments()) {
                score(learner, course(learner, courses, e.courseId), deadline, out);
            }
        }
    }

    @Override
    public void onEnrollmentEnded(Learner learner, List<Course> courses, String courseId) {
        courses.removeIf(c -> c.courseId.equals(courseId));
    }

    /** The course's part, begun at the enrollment's start when first needed; null if not enrolled. */
    private Course course(Learner learner, List<Course> courses, String courseId) {
        for (Course c : courses) {
            if (c.courseId.equals(courseId)) {
                return c;
            }
        }
        Enrollment e = learner.enrollment(courseId);
        if (e == null) {
            return null;
        }
        Course c = new Course();
        c.courseId = courseId;
        c.features = extractor.start(courseId, e.since);
        courses.add(c);
        return c;
    }

    /**
     * Scores the course at {@code at}. Most scores write nothing (the risk moved little, the band
     * stayed): their risk alone decides it, and only a score written or alerted on is explained
     * (every factor's contribution, largest first), from the same values, so with the same risk.
     */
    private void score(Learner learner, Course c, long at, LearnerTimeline.Output out) {
        double[] values = extractor.values(c.features, at);
        double risk = model.risk(values);
        // the bands in effect for the learner at the scoring moment (docs/rules.md: settings)
        RuleConfig config = learner.configAt(at);
        double medium = config.riskMedium;
        double high = config.riskHigh;
        RiskBand band = risk >= high ? RiskBand.HIGH : risk >= medium ? RiskBand.MEDIUM : RiskBand.LOW;
        boolean write = c.written == null || band != c.written || Math.abs(risk - c.writtenRisk) >= WRITE_STEP;
        boolean rises = band.compareTo(c.alerted) > 0;
        if (band == RiskBand.LOW) {
            c.alerted = RiskBand.LOW;
        }
        if (!write && !rises) {
            return;
        }
        RiskScore score = model.score(values);
        String cohortId = learner.enrollment(c.courseId).cohortId;
        if (write) {
            out.risk(learnerRisk(learner, c, cohortId, at, score, band));
            c.written = band;
            c.writtenRisk = risk;
        }
        if (rises) {
            c.alerted = band;
            out.alert(alert(learner, c.courseId, cohortId, at, score, band, config));
        }
    }

    private LearnerRisk learnerRisk(Learner learner, Course c, String cohortId, long at, RiskScore score,
            RiskBand band) {
        LearnerRisk r = new LearnerRisk();
        r.userId = learner.userId();
        r.courseId = c.courseId;
        r.cohortId = cohortId;
        r.at = at;
        r.risk = score.risk;
        r.band = band.wireName();
        r.modelVersion = score.modelVersion;
        r.factors = factors(score);
        return r;
    }

    /** Every factor, largest contribution first; a value not defined yet is null. */
    private static List<RiskFactor> factors(RiskScore score) {
        List<RiskFactor> factors = new ArrayList<>(score.factors.size());
        for (RiskScore.Contribution c : score.factors) {
            // + 0.0: a zero weight times a negative value is -0.0, which would be written as such
            factors.add(new RiskFactor(c.feature.wireName(), Double.isNaN(c.value) ? null : c.value,
                    c.contribution + 0.0));
        }
        return factors;
    }

    private Alert alert(Learner learner, String courseId, String cohortId, long at, RiskScore score, RiskBand band,
            RuleConfig config) {
        AlertMetrics m = new AlertMetrics();
        m.risk = score.risk;
        m.band = band.wireName();
        m.modelVersion = score.modelVersion;
        m.factors = factors(score);
        m.mediumThreshold = config.riskMedium;
        m.highThreshold = config.riskHigh;
        String factorsInWords = score.message();
        String message = String.format(Locale.ROOT, "%s is at %s risk (%.2f) in %s: %s.", learner.userId(),
                band.wireName(), score.risk, courseId, factorsInWords);
        String recommendation = band == RiskBand.HIGH
                ? "Contact the learner this week about " + factorsInWords
                        + ": ask what stands in the way and agree on a plan to catch up."
                : "Check in with the learner about " + factorsInWords + " before it costs them the course.";
        Alert alert = alerts.alert(learner, AlertType.AT_RISK, at, courseId + "/risk", m, message, recommendation);
        alert.severity = band == RiskBand.HIGH ? Severity.HIGH : Severity.MEDIUM;
        alert.courseId = courseId;
        if (cohortId != null) {
            alert.cohortId = cohortId;
        }
        return alert;
    }
}
