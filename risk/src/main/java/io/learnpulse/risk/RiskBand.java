package io.learnpulse.risk;

import java.util.Locale;

/** The bands of docs/rules.md, lowest first: AT_RISK fires when a learner's band rises. */
public enum RiskBand {
    LOW,
    MEDIUM,
    HIGH;

    /** The lower-case name in alerts' metrics and the model file. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
