package io.learnpulse.model;

/** The kinds of learner activity (DESIGN §1). Every type counts as activity. */
public enum EventType {
    ASSESSMENT,
    ACTIVITY,
    PROGRESS,
    SESSION;

    private static final java.util.Map<String, EventType> BY_WIRE_NAME = new java.util.HashMap<>();

    static {
        for (EventType type : values()) {
            BY_WIRE_NAME.put(type.wireName(), type);
        }
    }

    /** The wire name, as in the input: {@code assessment}, {@code activity}, ... */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type with that wire name, or null if there is none. */
    public static EventType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }
}
