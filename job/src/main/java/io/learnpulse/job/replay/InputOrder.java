package io.learnpulse.job.replay;

/** The order a replay reads its input in ({@code --order}, docs/cli.md). */
public enum InputOrder {
    /** File order: late events are those a live job would see late. */
    FILE,
    /** Valid input sorted by (timestamp, eventId) first, for exports that list newest first. */
    TIME;

    public static InputOrder fromName(String name) {
        for (InputOrder order : values()) {
            if (order.name().equalsIgnoreCase(name)) {
                return order;
            }
        }
        throw new IllegalArgumentException("unknown order '" + name + "' (expected file or time)");
    }
}
