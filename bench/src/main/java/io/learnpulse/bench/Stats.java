package io.learnpulse.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/** Medians with their spread over repeated runs, paired ratios, and percentiles of latency samples. */
final class Stats {
    private Stats() {}

    /**
     * Per repeat round, a row's figure over the reference row's figure of the same round, in round
     * order, over the rounds where both were measured (a number, not NaN). The two ran next to each
     * other, so a change of the machine's own speed from one round to the next weighs on both and
     * cancels out of their ratio, which it does not out of a ratio of medians taken over all rounds.
     */
    static List<Double> pairedRatios(SortedMap<Integer, Double> figures, Map<Integer, Double> reference) {
        List<Double> ratios = new ArrayList<>();
        figures.forEach((round, figure) -> {
            Double of = reference.get(round);
            if (figure != null && of != null && !figure.isNaN() && !of.isNaN() && of != 0) {
                ratios.add(figure / of);
            }
        });
        return ratios;
    }

    /** The median of repeated runs with the smallest and largest value. */
    record Spread(double median, double min, double max, int runs) {
        static Spread of(List<Double> values) {
            List<Double> sorted = new ArrayList<>();
            for (Double v : values) {
                if (v != null && !v.isNaN()) {
                    sorted.add(v);
                }
            }
            if (sorted.isEmpty()) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            Collections.sort(sorted);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
        }

        /** "min–max unit (n runs; spread x% of the median)", or "1 run". */
        String range(String format, String unit) {
            if (runs <= 1) {
                return runs == 1 ? "1 run" : "no run";
            }
            return String.format(Locale.ROOT, format, min) + "–" + String.format(Locale.ROOT, format, max)
                    + String.format(Locale.ROOT, " %s (%d runs; spread %.0f%% of the median)", unit, runs,
                            (max - min) / median * 100);
        }
    }

    /** Percentiles (nearest rank) of a set of samples, in milliseconds. */
    record Latencies(long count, long p50, long p99, long max) {
        static Latencies of(long[] samples) {
            if (samples.length == 0) {
                return new Latencies(0, -1, -1, -1);
            }
            long[] sorted = samples.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
        }

        Latencies minus(long offset) {
            return count == 0 ? this : new Latencies(count, p50 - offset, p99 - offset, max - offset);
        }

        private static long rank(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        /** "p50 / p99 / max" in seconds. */
        String seconds() {
            if (count == 0) {
                return "no samples";
            }
            return String.format(Locale.ROOT, "%s / %s / %s s", s(p50), s(p99), s(max));
        }

        private static String s(long millis) {
            return String.format(Locale.ROOT, Math.abs(millis) < 10_000 ? "%.2f" : "%.1f", millis / 1000.0);
        }
    }

    /** A growable array of longs that many threads may add to. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] toArray() {
            return Arrays.copyOf(values, size);
        }

        synchronized int size() {
            return size;
        }
    }
}
