package io.learnpulse.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule settings a cohort or a learner may override (docs/rules.md, "Settings per cohort and per
 * learner"): the one definition of their names, kinds, ranges, defaults and descriptions. The job's
 * {@code rules.*} options are built from it (but {@code rules.zone}, {@code rules.dedup-window},
 * {@code rules.forget-after} and {@code rules.risk.model}, which are job-wide), and the gateway validates a cohort's or learner's
 * settings with it; it needs no Flink.
 *
 * <p>A value's JSON form: a fraction is a number in its range, a count a whole number, a duration a
 * string, either in Flink's form as the README's option tables write it ({@code "120 h"},
 * {@code "5 d"}, {@code "90 min"}, {@code "30 s"}, {@code "500 ms"}) or ISO-8601 ({@code "PT120H"},
 * {@code "P5D"}). Held as a number: fractions as they are, counts as whole numbers, durations in
 * milliseconds.
 */
public final class RuleSettings {
    private RuleSettings() {}

    /** What kind of value a setting takes. */
    public enum Kind {
        /** A number in [min, max]. */
        FRACTION,
        /** A whole number in [min, max]. */
        COUNT,
        /** A duration in [min, max] milliseconds. */
        DURATION
    }

    /** One overridable setting. */
    public static final class Setting {
        private final String key;
        private final Kind kind;
        private final double defaultValue;
        private final double min;
        private final double max;
        private final String description;

        private Setting(String key, Kind kind, double defaultValue, double min, double max, String description) {
            this.key = key;
            this.kind = kind;
            this.defaultValue = defaultValue;
            this.min = min;
            this.max = max;
            this.description = description;
        }

        /** The name in a settings record, e.g. {@code low-score.threshold}. */
        public String key() {
            return key;
        }

        /** The job's option, e.g. {@code rules.low-score.threshold}. */
        public String optionKey() {
            return "rules." + key;
        }

        public Kind kind() {
            return kind;
        }

        /** The built-in default, held as a number (durations in milliseconds). */
        public double defaultValue() {
            return defaultValue;
        }

        public double min() {
            return min;
        }

        public double max() {
            return max;
        }

        public String description() {
            return description;
        }

        /** The built-in default of a count. */
        public int defaultCount() {
            return (int) defaultValue;
        }

        /** The built-in default of a duration. */
        public Duration defaultDuration() {
            return Duration.ofMillis((long) defaultValue);
        }

        /** The allowed range, for people: {@code [0, 1]}, {@code 1 to 100}, {@code 1 ms to 365 d}. */
        public String range() {
            switch (kind) {
                case FRACTION:
                    return "[" + trim(min) + ", " + trim(max) + "]";
                case COUNT:
                    return trim(min) + " to " + trim(max);
                default:
                    return formatDuration((long) min) + " to " + formatDuration((long) max);
            }
        }

        /** The problem with {@code value} (a number held as by {@link RuleSettings}), or null if it is fine. */
        public String problemWith(double value) {
            return problemWith(key, value);
        }

        /** Like {@link #problemWith(double)}, naming the setting {@code name} (the job's option, say). */
        public String problemWith(String name, double value) {
            boolean whole = kind != Kind.FRACTION && value != Math.rint(value);
            if (!Double.isFinite(value) || whole || value < min || value > max) {
                return "'" + name + "' must be " + expected() + ", was " + text(value);
            }
            return null;
        }

        /**
         * {@code json} (a value as a JSON reader gives it: a {@link Number} or a {@link String}) held as a
         * number, or an {@link IllegalArgumentException} naming the key and the value.
         */
        public double read(Object json) {
            double value;
            if (kind == Kind.DURATION) {
                if (!(json instanceof String)) {
                    throw new IllegalArgumentException(mustBe(json));
                }
                Long millis = parseDuration((String) json);
                if (millis == null) {
                    throw new IllegalArgumentException(mustBe(json));
                }
                value = millis;
            } else {
                if (!(json instanceof Number)) {
                    throw new IllegalArgumentException(mustBe(json));
                }
                value = ((Number) json).doubleValue();
            }
            String problem = problemWith(value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return value;
        }

        /** A value held as a number, in its JSON form: a Double, an Integer, or a duration string. */
        public Object json(double value) {
            switch (kind) {
                case FRACTION:
                    return value;
                case COUNT:
                    return (int) value;
                default:
                    return formatDuration((long) value);
            }
        }

        /** The value for people: {@code 0.6}, {@code 3}, {@code 5 d}. */
        public String text(double value) {
            return kind == Kind.DURATION && Double.isFinite(value) ? formatDuration((long) value) : trim(value);
        }

        private String mustBe(Object json) {
            return "'" + key + "' must be " + expected() + ", was "
                    + (json instanceof String ? "\"" + json + "\"" : String.valueOf(json));
        }

        private String expected() {
            switch (kind) {
                case FRACTION:
                    return "a number in " + range();
                case COUNT:
                    return "a whole number from " + range();
                default:
                    return "a duration from " + range() + " (such as \"120 h\" or \"PT120H\")";
            }
        }
    }

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    public static final Setting LOW_SCORE_THRESHOLD = fraction("low-score.threshold", 0.60,
            "CONSECUTIVE_LOW_SCORES: a score below this is low.");
    public static final Setting LOW_SCORE_COUNT = count("low-score.count", 3, 1, 100,
            "CONSECUTIVE_LOW_SCORES: fires on this many low scores in a row.");
    public static final Setting HIGH_SCORE_THRESHOLD = fraction("high-score.threshold", 0.90,
            "HIGH_PERFORMANCE: a score at or above this is high.");
    public static final Setting HIGH_SCORE_COUNT = count("high-score.count", 3, 1, 100,
            "HIGH_PERFORMANCE: fires on this many high scores in a row.");
    public static final Setting DECLINE_THRESHOLD = fraction("decline.threshold", 0.60,
            "PERFORMANCE_DECLINE: a day whose mean score is below this is low.");
    public static final Setting DECLINE_DAYS = count("decline.days", 2, 1, 60,
            "PERFORMANCE_DECLINE: fires after this many adjacent low days.");
    public static final Setting ENGAGEMENT_EMPTY_DAYS = count("engagement.empty-days", 3, 1, 365,
            "ENGAGEMENT_DROP: fires at the end of this many whole days without events.");
    public static final Setting STAGNATION_AFTER = duration("stagnation.after", 120 * HOUR, 1, 365 * DAY,
            "COMPLETION_STAGNATION: fires this long after the last progress increase.");
    public static final Setting COMPLETE_PROGRESS = fraction("stagnation.complete-progress", 1.0,
            "COMPLETION_STAGNATION: progress at or above this is complete and never stagnates.");
    public static final Setting CONSISTENCY_WINDOW_DAYS = count("consistency.window-days", 7, 1, 63,
            "LOW_CONSISTENCY and consistency7d: days in the window (1 to 63).");
    public static final Setting CONSISTENCY_MIN_FRACTION = fraction("consistency.min-fraction", 0.5,
            "LOW_CONSISTENCY: fires when the fraction of active days is below this.");
    public static final Setting MISSED_DEADLINE_GRACE = duration("missed-deadline.grace", 24 * HOUR, 0, 365 * DAY,
            "MISSED_DEADLINE: a calendar item is missed when not submitted by its dueAt plus this.");

    public static final Setting RISK_MEDIUM = fraction("risk.medium", 0.5,
            "AT_RISK: a risk at or above this is band `medium` (the model file's own bands are not used).");
    public static final Setting RISK_HIGH = fraction("risk.high", 0.75,
            "AT_RISK: a risk at or above this is band `high`.");

    private static final List<Setting> ALL = List.of(LOW_SCORE_THRESHOLD, LOW_SCORE_COUNT, HIGH_SCORE_THRESHOLD,
            HIGH_SCORE_COUNT, DECLINE_THRESHOLD, DECLINE_DAYS, ENGAGEMENT_EMPTY_DAYS, STAGNATION_AFTER,
            COMPLETE_PROGRESS, CONSISTENCY_WINDOW_DAYS, CONSISTENCY_MIN_FRACTION, MISSED_DEADLINE_GRACE, RISK_MEDIUM,
            RISK_HIGH);
    private static final Map<String, Setting> BY_KEY = new LinkedHashMap<>();
    /** The job's rule options that no cohort or learner may override: they shape all state alike. */
    private static final List<String> JOB_WIDE = List.of("zone", "dedup-window", "forget-after", "risk.model");

    static {
        for (Setting s : ALL) {
            BY_KEY.put(s.key, s);
        }
    }

    /** Every overridable setting, in the order of the README's option table. */
    public static List<Setting> all() {
        return ALL;
    }

    /** The setting named {@code key} (without {@code rules.}), or null. */
    public static Setting byKey(String key) {
        return BY_KEY.get(key);
    }

    /** One thing wrong with a settings object: the key it is about, a dead-letter reason, and a sentence. */
    public record Problem(String key, String reason, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    /**
     * Everything wrong with a {@code rules} object whose values are as a JSON reader gives them
     * (numbers, strings, anything else): unknown and job-wide keys, values of the wrong kind or out
     * of range, one problem each, naming the key and the value; empty when all is fine.
     */
    public static List<Problem> validate(Map<String, ?> rules) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, ?> entry : rules.entrySet()) {
            String key = entry.getKey();
            Setting setting = BY_KEY.get(key);
            if (setting == null) {
                problems.add(new Problem(key, DeadLetter.UNKNOWN_SETTING, unknown(key)));
                continue;
            }
            try {
                setting.read(entry.getValue());
            } catch (IllegalArgumentException e) {
                boolean rightKind = setting.kind == Kind.DURATION
                        ? entry.getValue() instanceof String && parseDuration((String) entry.getValue()) != null
                        : entry.getValue() instanceof Number;
                problems.add(new Problem(key, rightKind ? DeadLetter.OUT_OF_RANGE : DeadLetter.INVALID_VALUE,
                        e.getMessage()));
            }
        }
        return problems;
    }

    /**
     * A valid {@code rules} object held as numbers (see the class comment), in the order of
     * {@link #all}; an {@link IllegalArgumentException} listing every problem otherwise.
     */
    public static Map<String, Double> read(Map<String, ?> rules) {
        List<Problem> problems = validate(rules);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(describe(problems));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Setting s : ALL) {
            if (rules.containsKey(s.key)) {
                values.put(s.key, s.read(rules.get(s.key)));
            }
        }
        return values;
    }

    /** Values held as numbers, in their JSON form ({@link Setting#json}), in the order of {@link #all}. */
    public static Map<String, Object> json(Map<String, Double> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Setting s : ALL) {
            Double value = values.get(s.key);
            if (value != null) {
                json.put(s.key, s.json(value));
            }
        }
        return json;
    }

    /** The problems as one sentence. */
    public static String describe(List<Problem> problems) {
        List<String> messages = new ArrayList<>();
        for (Problem p : problems) {
            messages.add(p.message());
        }
        return String.join("; ", messages);
    }

    private static String unknown(String key) {
        if (JOB_WIDE.contains(key)) {
            return "'" + key + "' is job-wide and cannot be overridden for a cohort or a learner";
        }
        if (key.startsWith("rules.") && BY_KEY.containsKey(key.substring("rules.".length()))) {
            return "unknown setting '" + key + "' (write option names without 'rules.')";
        }
        return "unknown setting '" + key + "' (known: " + String.join(", ", BY_KEY.keySet()) + ")";
    }

    private static final Pattern FLINK_DURATION = Pattern.compile("(\\d+)\\s*([a-zA-Z]+)");

    /**
     * A duration in Flink's form ({@code <whole number> <unit>}, units ms, s, min, h, d and their long
     * names) or ISO-8601, in milliseconds; null if it is neither, negative, or not whole milliseconds.
     */
    public static Long parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                Duration d = Duration.parse(t);
                return d.isNegative() || d.toNanos() % 1_000_000 != 0 ? null : d.toMillis();
            }
            Matcher m = FLINK_DURATION.matcher(t);
            if (!m.matches()) {
                return null;
            }
            Long unit = unitMillis(m.group(2).toLowerCase(Locale.ROOT));
            return unit == null ? null : Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Long unitMillis(String unit) {
        switch (unit) {
            case "ms": case "milli": case "millis": case "millisecond": case "milliseconds":
                return 1L;
            case "s": case "sec": case "secs": case "second": case "seconds":
                return 1_000L;
            case "m": case "min": case "mins": case "minute": case "minutes":
                return 60_000L;
            case "h": case "hour": case "hours":
                return HOUR;
            case "d": case "day": case "days":
                return DAY;
            default:
                return null;
        }
    }

    /** Milliseconds in Flink's form with the highest unit that divides them ({@code 5 d}, {@code 90 min}). */
    public static String formatDuration(long millis) {
        long[] units = {DAY, HOUR, 60_000L, 1_000L};
        String[] names = {"d", "h", "min", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis != 0 && millis % units[i] == 0) {
                return millis / units[i] + " " + names[i];
            }
        }
        return millis + " ms";
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static Setting fraction(String key, double defaultValue, String description) {
        return new Setting(key, Kind.FRACTION, defaultValue, 0.0, 1.0, description);
    }

    private static Setting count(String key, int defaultValue, int min, int max, String description) {
        return new Setting(key, Kind.COUNT, defaultValue, min, max, description);
    }

    private static Setting duration(String key, long defaultMillis, long minMillis, long maxMillis, String description) {
        return new Setting(key, Kind.DURATION, defaultMillis, minMillis, maxMillis, description);
    }
}
