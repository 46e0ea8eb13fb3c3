package io.learnpulse.analysis.fit;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.EventType;
import io.learnpulse.model.Outcome;
import io.learnpulse.risk.FeatureExtractor;
import io.learnpulse.risk.RiskFeatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the job's {@link FeatureExtractor} over a history (issue 13 item 3): each learner of the
 * outcomes, in the course of their outcome, from their enrollment (or first event there), with the
 * course's items judged at {@code dueAt} + grace as MISSED_DEADLINE judges them, and their features
 * taken at the checkpoints (days after their course's {@code start}). A learner already withdrawn
 * at a checkpoint gives no sample there, as {@code evaluate} leaves them out. Events must come in
 * time order (import-oulad writes them so).
 */
final class RiskHistory {
    private static final long DAY_MILLIS = 86_400_000L;

    private final FeatureExtractor extractor;
    private final long graceMillis;
    private final int[] checkpointDays;
    /** Each course's items, in the order of their judgement. */
    private final Map<String, List<CalendarItem>> items = new HashMap<>();
    private final Map<String, CalendarItem> itemByKey = new HashMap<>();
    private final Map<String, Track> tracks = new LinkedHashMap<>();

    /** One learner being followed. */
    private static final class Track {
        final Outcome outcome;
        RiskFeatures features;
        int nextItem;
        int nextCheckpoint;
        boolean withdrawn;
        final List<Sample> samples = new ArrayList<>();

        Track(Outcome outcome) {
            this.outcome = outcome;
        }
    }

    /**
     * @param calendar the calendar's records in file order: a later record of an item replaces the
     *     earlier, a deletion removes it
     */
    RiskHistory(FeatureExtractor extractor, long graceMillis, int[] checkpointDays, List<CalendarItem> calendar,
            List<Outcome> outcomes) {
        this.extractor = extractor;
        this.graceMillis = graceMillis;
        this.checkpointDays = checkpointDays.clone();
        for (CalendarItem item : calendar) {
            if (item.deleted) {
                itemByKey.remove(item.key());
            } else {
                itemByKey.put(item.key(), item);
            }
        }
        for (CalendarItem item : itemByKey.values()) {
            items.computeIfAbsent(item.courseId, c -> new ArrayList<>()).add(item);
        }
        for (List<CalendarItem> course : items.values()) {
            course.sort(Comparator.comparingLong((CalendarItem i) -> i.dueAt).thenComparing(i -> i.assessmentId));
        }
        for (Outcome o : outcomes) {
            tracks.put(o.userId, new Track(o));
        }
    }

    /** The learner's next event, in time order. */
    void event(ActivityEvent e) {
        Track t = tracks.get(e.userId);
        if (t == null || t.withdrawn || !t.outcome.courseId.equals(e.courseId)) {
            return;
        }
        advance(t, e.timestamp);
        if (t.features == null) {
            t.features = extractor.start(e.courseId, e.timestamp);
        }
        if (e.type == EventType.WITHDRAWAL) {
            t.withdrawn = true;
        } else if (e.type.isActivity()) {
            extractor.onActivity(t.features, e.timestamp);
            if (e.type == EventType.ASSESSMENT) {
                CalendarItem item = e.assessmentId == null ? null
                        : itemByKey.get(e.courseId + "/" + e.assessmentId);
                extractor.onSubmission(t.features, e.timestamp, e.score, e.assessmentId,
                        item == null ? null : item.dueAt);
            }
        }
    }

    /** The history has ended: every learner's remaining checkpoints, then all the samples. */
    List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (Track t : tracks.values()) {
            advance(t, Long.MAX_VALUE);
        }
        for (Track t : tracks.values()) {
            samples.addAll(t.samples);
        }
        return samples;
    }

    /** Judges the items and takes the checkpoints at or before {@code time}, in time order. */
    private void advance(Track t, long time) {
        List<CalendarItem> course = items.getOrDefault(t.outcome.courseId, List.of());
        while (true) {
            long itemAt = t.nextItem < course.size() ? judgedAt(course.get(t.nextItem)) : Long.MAX_VALUE;
            long checkpointAt = t.nextCheckpoint < checkpointDays.length
                    ? t.outcome.start + checkpointDays[t.nextCheckpoint] * DAY_MILLIS : Long.MAX_VALUE;
            long next = Math.min(itemAt, checkpointAt);
            if (next == Long.MAX_VALUE || next > time) {
                return;
            }
            if (itemAt <= checkpointAt) {
                CalendarItem item = course.get(t.nextItem++);
                if (t.features != null && !t.withdrawn) {
                    extractor.onItemJudged(t.features, item.assessmentId, item.dueAt, item.weight);
                }
            } else {
                int day = checkpointDays[t.nextCheckpoint++];
                if (t.features != null && !t.withdrawn && !withdrawnBy(t.outcome, checkpointAt)) {
                    t.samples.add(new Sample(t.outcome.userId, day, extractor.values(t.features, checkpointAt),
                            t.outcome.outcome == Outcome.Result.FAIL || t.outcome.outcome == Outcome.Result.WITHDRAWN));
                }
            }
        }
    }

    /** The first millisecond after {@code dueAt} + grace, as MISSED_DEADLINE: a submission at it still counts. */
    private long judgedAt(CalendarItem item) {
        return item.dueAt + graceMillis + 1;
    }

    private static boolean withdrawnBy(Outcome o, long at) {
        return o.withdrawnAt != null && o.withdrawnAt <= at;
    }
}
