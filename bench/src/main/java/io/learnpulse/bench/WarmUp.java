package io.learnpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The unmeasured warm-up of one kind of job before the measured repeats. The cluster's JVM (JIT,
 * heap sizing) and the broker start cold, and each kind of job warms code paths of its own (the
 * ceiling's; each live row's state backend and sink): one short run of each left the first
 * measured repeats at half the rate of the later ones. So each kind drains the backlog exactly as a
 * measured run does, again and again, until two consecutive rates agree within {@link #TOLERANCE},
 * for at most {@code maxRuns} runs and, from the third run on, only while the next run fits in
 * {@code bound}.
 */
final class WarmUp {
    /** Two consecutive rates count as warm when they differ by at most this share of the larger one. */
    static final double TOLERANCE = 0.10;

    /** One warm-up run; its result, or null if it failed (the failure is reported by the caller). */
    interface Run {
        Drain.Result run(int number) throws Exception;
    }

    /** The rates of one kind's warm-up runs (failed runs left out), the runs made, and whether it settled. */
    record Outcome(String kind, List<Double> rates, int runs, boolean settled) {
        /** e.g. "ceiling: warm after 3 runs (62,790 / 140,123 / 144,557 events/s)" */
        String describe() {
            String figures = rates.isEmpty() ? "none succeeded"
                    : rates.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).collect(Collectors.joining(" / "))
                            + " events/s";
            return String.format(Locale.ROOT, "%s: %s after %d run%s (%s)", kind,
                    settled ? "warm" : "not settled", runs, runs == 1 ? "" : "s", figures);
        }
    }

    private WarmUp() {
    }

    /** Warms one kind of job; says each run as it starts and the outcome at the end. */
    static Outcome warm(String kind, int maxRuns, Duration bound, Run run, Consumer<String> say) throws Exception {
        List<Double> rates = new ArrayList<>();
        long started = System.nanoTime();
        long lastRunNanos = 0;
        int runs = 0;
        double previous = Double.NaN;
        while (runs < maxRuns) {
            if (runs >= 2 && System.nanoTime() - started + lastRunNanos > bound.toNanos()) {
                break;
            }
            runs++;
            say.accept(String.format(Locale.ROOT, "warm-up %s: run %d (unmeasured; until two in a row agree within %.0f%%, "
                    + "at most %d)", kind, runs, TOLERANCE * 100, maxRuns));
            long t0 = System.nanoTime();
            Drain.Result result = run.run(runs);
            lastRunNanos = System.nanoTime() - t0;
            if (result == null) {
                previous = Double.NaN; // the next two runs must agree
                continue;
            }
            rates.add(result.rate());
            if (agree(previous, result.rate())) {
                return done(new Outcome(kind, rates, runs, true), say);
            }
            previous = result.rate();
        }
        return done(new Outcome(kind, rates, runs, false), say);
    }

    /** Whether two rates agree within {@link #TOLERANCE}; never with NaN (no run before). */
    static boolean agree(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(a, b);
    }

    private static Outcome done(Outcome outcome, Consumer<String> say) {
        say.accept("warm-up " + outcome.describe());
        return outcome;
    }
}
