package io.learnpulse.job.rules;

import java.io.Serializable;
import io.learnpulse.model.CalendarItem;

/**
 * One version of a course-calendar item as the rule operator learned it (docs/time-and-delivery.md: calendar items
 * are state): the item's fields, and the operator's watermark when the version arrived, which is
 * what makes "the calendar as the job knows it when its watermark passes T" decidable at any later
 * moment. A replay's calendar is known before the first event ({@link #KNOWN_FROM_THE_START}).
 */
public class ScheduledItem implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The learnedAt of an item known before any event: a replay's {@code --calendar} file. */
    public static final long KNOWN_FROM_THE_START = Long.MIN_VALUE;

    public String assessmentId;
    /** The deadline; null on a deletion. */
    public Long dueAt;
    public String title;
    /** The item's share of the course grade, in [0, 100]; null if the calendar gives none. */
    public Double weight;
    public boolean deleted;
    /** The operator's watermark when this version arrived. */
    public long learnedAt;

    public ScheduledItem() {}

    static ScheduledItem of(CalendarItem item, long learnedAt) {
        ScheduledItem v = new ScheduledItem();
        v.assessmentId = item.assessmentId;
        v.dueAt = item.deleted ? null : item.dueAt;
        v.title = item.title;
        v.weight = item.weight;
        v.deleted = item.deleted;
        v.learnedAt = learnedAt;
        return v;
    }

    /** The title shown in alerts: the item's, else its id. */
    String displayTitle() {
        return title != null && !title.isBlank() ? title : assessmentId;
    }
}
