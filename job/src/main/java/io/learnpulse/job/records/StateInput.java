package io.learnpulse.job.records;

import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.SettingsOverride;

/**
 * What the calendar and settings sources hand to the topology, state for the rule operator rather
 * than events (docs/time-and-delivery.md): a course-calendar item, a settings override, or the
 * rejection of an unusable record, which carries its raw text to the dead-letter output.
 */
public class StateInput {
    /** Which input a record comes from, and how it is read. */
    public enum Kind {
        /** Topic {@code course-calendar}, the replay's {@code --calendar} (docs/events.md). */
        CALENDAR("calendar item: "),
        /** Topic {@code learner-settings}, the replay's {@code --settings} (docs/events.md). */
        SETTINGS("settings: ");

        /** Starts the dead letter's detail, saying which input it was. */
        final String detailPrefix;

        Kind(String detailPrefix) {
            this.detailPrefix = detailPrefix;
        }

        /** Reads one record of this input; never throws. */
        public StateInput parse(String raw) {
            StateInput input = new StateInput();
            try {
                if (this == CALENDAR) {
                    input.item = JsonCodec.readCalendarItem(raw);
                } else {
                    input.settings = JsonCodec.readSettingsOverride(raw);
                    input.raw = raw;
                }
            } catch (InvalidRecordException e) {
                input.rejection = rejection(e.reason(), e.getMessage(), raw);
            }
            return input;
        }

        /** A dead letter of this input. */
        public DeadLetter rejection(String reason, String detail, String raw) {
            return new DeadLetter(reason, detailPrefix + detail, raw);
        }
    }

    public CalendarItem item;
    public SettingsOverride settings;
    public DeadLetter rejection;
    /** A settings record's text, until the job has checked that its configuration takes the override. */
    public String raw;

    public StateInput() {}

    public static StateInput rejected(DeadLetter rejection) {
        StateInput input = new StateInput();
        input.rejection = rejection;
        return input;
    }

    public boolean isItem() {
        return item != null;
    }

    public boolean isSettings() {
        return settings != null;
    }
}
