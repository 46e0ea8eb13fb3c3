package io.learnpulse.gateway.trend;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A least-squares slope with its standard error and 95% confidence interval (Student's t with n-2
 * degrees of freedom), in {@code unit}. {@code direction}: with three points or more, {@code up} or
 * {@code down} when the whole interval lies on that side of zero, else {@code flat}; with two points
 * (a slope but no interval) the slope's sign; with fewer, {@code unknown}. Figures that do not exist
 * are null, never NaN.
 */
public record Slope(Double value, Double standardError, Double low, Double high, long points, String unit,
        String direction) {

    static final double CONFIDENCE = 0.95;

    /** The slope of {@code regression}, multiplied by {@code scale} (a change of unit). */
    static Slope of(SimpleRegression regression, double scale, String unit) {
        long n = regression.getN();
        Double value = orNull(regression.getSlope() * scale);
        if (n < 3) {
            return new Slope(value, null, null, null, n, unit, value == null ? "unknown" : sign(value));
        }
        double halfWidth = regression.getSlopeConfidenceInterval(1 - CONFIDENCE) * scale;
        Double standardError = orNull(regression.getSlopeStdErr() * scale);
        Double low = orNull(value - halfWidth);
        Double high = orNull(value + halfWidth);
        String direction;
        if (low == null || high == null) {
            direction = "unknown";
        } else if (low > 0 || high < 0) {
            direction = sign(value);
        } else {
            direction = "flat";
        }
        return new Slope(value, standardError, low, high, n, unit, direction);
    }

    private static String sign(double value) {
        return value > 0 ? "up" : value < 0 ? "down" : "flat";
    }

    private static Double orNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
