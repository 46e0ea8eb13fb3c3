package io.learnpulse.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of learner event (docs/events.md). Every type counts as activity but {@code enrollment} and
 * {@code withdrawal}, which say that the learner joined or left a course.
 */
public enum EventType {
    ASSESSMENT,
    ACTIVITY,
    PROGRESS,
    SESSION,
    ENROLLMENT,
    WITHDRAWAL;

    private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            BY_WIRE_NAME.put(type.wireName(), type);
        }
    }

    /** The wire name, as in the input: {@code assessment}, {@code activity}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether an event of this type is learner activity: the six activity rules, their forgetting
     * and the daily figures see only these (docs/events.md).
     */
    public boolean isActivity() {
        return this != ENROLLMENT && this != WITHDRAWAL;
    }

    /** The type with that wire name, or null if there is none. */
    public static EventType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }

    /** All wire names for a person to read: "assessment, activity, progress or session". */
    public static String wireNames() {
        EventType[] all = values();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            names.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].wireName());
        }
        return names.toString();
    }
}
