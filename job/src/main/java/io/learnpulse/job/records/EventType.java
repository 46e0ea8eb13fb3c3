package io.learnpulse.job.records;

/** The kinds of learner activity (DESIGN §1). Every type counts as activity. */
public enum EventType {
    ASSESSMENT,
    ACTIVITY,
    PROGRESS,
    SESSION;

    /** The wire name, as in the input: {@code assessment}, {@code activity}, ... */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type with that wire name, or null if there is none. */
    public static EventType fromWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
