package io.learnpulse.model;

import java.util.Objects;

/** Input the job could not use, with the reason and the raw input (docs/alerts.md). */
public class DeadLetter {
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_VALUE = "invalid_value";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    /** A settings record naming a rule setting that does not exist or cannot be overridden. */
    public static final String UNKNOWN_SETTING = "unknown_setting";
    public static final String LATE = "late";

    /** One of the reason constants above. */
    public String reason;
    /** What exactly was wrong, for a human. */
    public String detail;
    /** The input text as received. */
    public String raw;

    public DeadLetter() {}

    public DeadLetter(String reason, String detail, String raw) {
        this.reason = reason;
        this.detail = detail;
        this.raw = raw;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return Objects.equals(reason, d.reason) && Objects.equals(detail, d.detail) && Objects.equals(raw, d.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, raw);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + ": " + detail + '}';
    }
}
