package io.learnpulse.analysis.evaluate;

/**
 * How one alert type (or the union ANY) did by one day: learners flagged, precision (null when
 * none was flagged), recall (null when there was no positive learner) and the median lead time in
 * days of the flagged positives (null when there is none).
 */
public record Figures(long flagged, long truePositives, Double precision, Double recall, Double medianLeadDays) {}
