package io.learnpulse.job.records;

import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;

/**
 * What the calendar source hands to the topology: a course-calendar item (docs/events.md) or the
 * rejection of an unusable record, which carries its raw text to the dead-letter output.
 */
public class CalendarInput {
    public CalendarItem item;
    public DeadLetter rejection;

    public CalendarInput() {}

    /** Reads one record; never throws. */
    public static CalendarInput parse(String raw) {
        CalendarInput input = new CalendarInput();
        try {
            input.item = JsonCodec.readCalendarItem(raw);
        } catch (InvalidRecordException e) {
            input.rejection = new DeadLetter(e.reason(), "calendar item: " + e.getMessage(), raw);
        }
        return input;
    }

    public static CalendarInput rejected(DeadLetter rejection) {
        CalendarInput input = new CalendarInput();
        input.rejection = rejection;
        return input;
    }

    public boolean isItem() {
        return item != null;
    }
}
