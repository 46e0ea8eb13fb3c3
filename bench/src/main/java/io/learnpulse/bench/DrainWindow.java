package io.learnpulse.bench;

/**
 * The stretch of one drain that its rate is taken over, chosen from observations of its progress
 * (the count of records processed so far, polled): from the first count above zero to the last
 * new count still below the backlog's size, while the job was certainly still draining. The first
 * poll that sees the whole backlog would overstate the time by up to a poll interval (and, with a
 * count that is only refreshed now and then, by the age of the count); the last new count below it
 * does not. A drain that is not over after {@code maxMeasureNanos} ends at the first new count from
 * then on. If no new count fell between the first one and the end (a tiny backlog, drained between
 * two polls), the window runs from the submission to the first poll that saw the whole backlog.
 */
final class DrainWindow {
    /** One poll: when (System.nanoTime), the count then, and the CPU-seconds of the job's and the broker's processes. */
    record Observation(long nanos, long count, double jobCpu, double brokerCpu) {
    }

    private final long events;
    private final long maxMeasureNanos;
    private final Observation submitted;
    private Observation first;
    private Observation lastBelow;
    private Observation latest;
    private Observation full;

    /** {@code submitted}: the job's submission, with a count of 0. */
    DrainWindow(long events, long maxMeasureNanos, Observation submitted) {
        this.events = events;
        this.maxMeasureNanos = maxMeasureNanos;
        this.submitted = submitted;
        this.latest = submitted;
    }

    /** Takes one poll's observation (a count seen before is no news and ignored); whether the window is complete. */
    boolean observe(Observation o) {
        if (o.count() == latest.count()) {
            return false;
        }
        latest = o;
        if (o.count() >= events) {
            full = o;
            return true;
        }
        if (first == null) {
            first = o;
            return false;
        }
        lastBelow = o;
        return o.nanos() - first.nanos() >= maxMeasureNanos;
    }

    /** The job's submission. */
    Observation submitted() {
        return submitted;
    }

    /** The latest count observed. */
    long count() {
        return latest.count();
    }

    /** The first count above zero, or the submission if there was none (a tiny backlog); once complete. */
    Observation start() {
        return lastBelow == null ? submitted : first;
    }

    /** The last new count below the backlog, or the first poll that saw the whole backlog if none; once complete. */
    Observation end() {
        return lastBelow != null ? lastBelow : full;
    }

    /** The drain measured over the window. */
    Drain.Result result(String label) {
        Observation start = start();
        Observation end = end();
        return new Drain.Result(label, end.count() - start.count(), (end.nanos() - start.nanos()) / 1e9,
                end.jobCpu() - start.jobCpu(), end.brokerCpu() - start.brokerCpu());
    }
}
