package io.learnpulse.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The kinds of learner activity (DESIGN §1). Every type counts as activity. */
public enum EventType {
    ASSESSMENT,
    ACTIVITY,
    PROGRESS,
    SESSION;

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
