package io.learnpulse.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An override of rule settings for one cohort or one learner (docs/events.md, "Settings per cohort
 * and per learner"): a record of topic {@code learner-settings} (key {@code scope:id}) or a line of a
 * replay's {@code --settings} file. It is in effect from {@code effectiveFrom} (event time, epoch
 * milliseconds) until a later one for the same scope and id; an empty {@code rules} removes the
 * override. The values are held as {@link RuleSettings} holds them: fractions and counts as they
 * are, durations in milliseconds.
 */
public class SettingsOverride {
    /** What an override applies to. */
    public enum Scope {
        COHORT, LEARNER;

        /** {@code cohort} or {@code learner}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Scope scope;
    /** The cohortId or the userId. */
    public String id;
    public long effectiveFrom;
    /** Setting keys (option names without {@code rules.}) and their values; empty removes the override. */
    public Map<String, Double> rules = new LinkedHashMap<>();

    public SettingsOverride() {}

    public SettingsOverride(Scope scope, String id, long effectiveFrom, Map<String, Double> rules) {
        this.scope = scope;
        this.id = id;
        this.effectiveFrom = effectiveFrom;
        this.rules = new LinkedHashMap<>(rules);
    }

    /** The topic's record key, which compaction keeps one record of: {@code cohort:k1}, {@code learner:u7}. */
    public String key() {
        return key(scope, id);
    }

    public static String key(Scope scope, String id) {
        return scope.wireName() + ":" + id;
    }

    /** Whether this record removes the override of its scope and id. */
    public boolean removes() {
        return rules.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SettingsOverride)) {
            return false;
        }
        SettingsOverride s = (SettingsOverride) o;
        return scope == s.scope && effectiveFrom == s.effectiveFrom && Objects.equals(id, s.id)
                && Objects.equals(rules, s.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, id, effectiveFrom);
    }

    @Override
    public String toString() {
        return "SettingsOverride{" + key() + " from " + java.time.Instant.ofEpochMilli(effectiveFrom) + ' ' + rules + '}';
    }
}
