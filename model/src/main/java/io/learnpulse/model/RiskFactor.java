package io.learnpulse.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One factor of a learner's risk score (docs/alerts.md): the feature's name, its value (null while
 * it is not defined yet, as a mean score before any score) and its contribution to the score's
 * log-odds (positive raises the risk).
 */
public class RiskFactor {
    public String name;
    /** Written as JSON null when not defined, in alerts' metrics too (they leave out other nulls). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Double value;
    public double contribution;

    public RiskFactor() {}

    public RiskFactor(String name, Double value, double contribution) {
        this.name = name;
        this.value = value;
        this.contribution = contribution;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RiskFactor)) {
            return false;
        }
        RiskFactor f = (RiskFactor) o;
        return Double.compare(contribution, f.contribution) == 0
                && Objects.equals(name, f.name)
                && Objects.equals(value, f.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, contribution);
    }

    @Override
    public String toString() {
        return name + "=" + value + " (" + contribution + ")";
    }
}
