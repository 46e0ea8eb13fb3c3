package io.learnpulse.job.records;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;

/**
 * What a source hands to the topology: either a parsed event or the rejection of unusable input.
 * Sources never throw on bad input; they wrap it here so it reaches the dead-letter output.
 */
public class InputRecord {
    public ActivityEvent event;
    public DeadLetter rejection;

    public InputRecord() {}

    public static InputRecord of(ActivityEvent event) {
        InputRecord record = new InputRecord();
        record.event = event;
        return record;
    }

    public static InputRecord rejected(String reason, String detail, String raw) {
        InputRecord record = new InputRecord();
        record.rejection = new DeadLetter(reason, detail, raw);
        return record;
    }

    public boolean isEvent() {
        return event != null;
    }

    @Override
    public String toString() {
        return isEvent() ? event.toString() : String.valueOf(rejection);
    }
}
