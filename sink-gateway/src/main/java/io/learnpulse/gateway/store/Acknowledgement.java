package io.learnpulse.gateway.store;

import java.util.Set;

/** One acknowledgement of an alert: who (the token's principal name), when, the note and the reason. */
public record Acknowledgement(String by, String at, String note, String reason) {

    /** The reason that counts towards an alert type's useful share in the stats. */
    public static final String USEFUL = "useful";
    public static final Set<String> REASONS = Set.of(USEFUL, "not_useful", "fixed", "incorrectly_flagged");
}
