package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.SettingsOverride;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The overrides of one cohort or one learner ({@code scope:id}) as the rule operator learned them,
 * in arrival order. The version in effect at T is, among those it knew before its watermark passed T
 * and whose {@code effectiveFrom} is at or before T, the one with the latest {@code effectiveFrom}
 * (of two alike, the later arrival): an override is in effect from its {@code effectiveFrom} until
 * a later one (docs/rules.md). Versions no evaluation can choose any more are dropped.
 */
public class SettingsHistory implements Serializable {
    private static final long serialVersionUID = 1L;

    public SettingsOverride.Scope scope;
    public String id;
    public List<SettingsVersion> versions = new ArrayList<>();

    public SettingsHistory() {}

    public SettingsHistory(SettingsOverride.Scope scope, String id) {
        this.scope = scope;
        this.id = id;
    }

    /** A copy sharing the versions (never changed once learned), so that a replay's initial settings stay as they were. */
    public SettingsHistory copy() {
        SettingsHistory copy = new SettingsHistory(scope, id);
        copy.versions = new ArrayList<>(versions);
        return copy;
    }

    /**
     * An override arrived while the operator's watermark was {@code watermark}; no learner's
     * timeline evaluates a moment before {@code watermark - settledMillis} any more.
     */
    public void learn(SettingsOverride override, long watermark, long settledMillis) {
        versions.add(SettingsVersion.of(override, watermark));
        if (watermark != NONE && watermark - settledMillis > NONE) {
            dropUnneeded(watermark - settledMillis);
        }
    }

    /** Whether nothing is left but removals: the scope and id have no override at all. */
    public boolean isEmpty() {
        for (SettingsVersion v : versions) {
            if (!v.removes()) {
                return false;
            }
        }
        return true;
    }

    /** The version in effect at {@code t} (a removal included), or null. */
    SettingsVersion inEffectAt(long t) {
        SettingsVersion chosen = null;
        for (SettingsVersion v : versions) {
            if (v.startsAt() <= t && (chosen == null || v.effectiveFrom >= chosen.effectiveFrom)) {
                chosen = v;
            }
        }
        return chosen;
    }

    /** The first moment after {@code t} at which a version can come into effect, or NONE. */
    long nextChangeAfter(long t) {
        long next = NONE;
        for (SettingsVersion v : versions) {
            long start = v.startsAt();
            if (start > t && (next == NONE || start < next)) {
                next = start;
            }
        }
        return next;
    }

    /** Drops the versions that the one in effect at {@code settled} shadows at every later moment. */
    private void dropUnneeded(long settled) {
        SettingsVersion current = inEffectAt(settled);
        if (current == null) {
            return;
        }
        int currentAt = versions.indexOf(current);
        List<SettingsVersion> kept = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            SettingsVersion v = versions.get(i);
            boolean shadowed = v.effectiveFrom < current.effectiveFrom
                    || (v.effectiveFrom == current.effectiveFrom && i < currentAt);
            if (!shadowed) {
                kept.add(v);
            }
        }
        versions = kept;
    }
}
