package io.learnpulse.job.parse;

import java.util.Locale;

/** The accepted input formats (docs/events.md). */
public enum InputFormat {
    /** One learnpulse event JSON object per record or line. */
    JSONL,
    /** xAPI statements: one per record or line, or a JSON array of them as an LRS exports it. */
    XAPI;

    public static InputFormat fromName(String name) {
        for (InputFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "unknown format '" + name + "' (expected jsonl or xapi)");
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
