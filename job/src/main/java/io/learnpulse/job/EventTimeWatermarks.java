package io.learnpulse.job;

import io.learnpulse.job.records.InputRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks derived from the data alone, generated in the source per split (per Kafka partition,
 * per file): after each event that raises the highest event time seen, the watermark becomes that
 * time minus the allowed out-of-orderness (minus 1 ms, Flink's convention). Emitting per event
 * rather than on a wall-clock period is what makes the set of late events a function of the
 * input's order alone (docs/time-and-delivery.md).
 */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    /** For a finite input: no idleness, which would depend on reading speed. */
    public static WatermarkStrategy<InputRecord> forBoundedInput(Duration outOfOrderness) {
        return WatermarkStrategy.<InputRecord>forGenerator(ctx -> new PerEventWatermarks(outOfOrderness))
                .withTimestampAssigner((record, previous) -> record.isEvent() ? record.event.timestamp : Long.MIN_VALUE);
    }

    /**
     * For a live stream: a partition without input for {@code idleness} stops holding the watermark
     * back. That is the one place wall-clock time enters; it can only make events late, never change
     * which alerts in-bound input raises.
     */
    public static WatermarkStrategy<InputRecord> forLiveInput(Duration outOfOrderness, Duration idleness) {
        return forBoundedInput(outOfOrderness).withIdleness(idleness);
    }

    /**
     * For the course calendar and the settings: no event time at all. Their input is state for the
     * rule operator, whose watermark is the minimum of its inputs', so their watermark is always the
     * highest possible: it never holds the events' watermark back. Emitted on the periodic tick,
     * which runs for a source reader with no split too (a partition not yet assigned, or no topic yet).
     */
    public static <T> WatermarkStrategy<T> forStateInput() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T item, long timestamp, WatermarkOutput output) {
                // calendar items and settings carry no event time
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(Watermark.MAX_WATERMARK);
            }
        });
    }

    static final class PerEventWatermarks implements WatermarkGenerator<InputRecord> {
        private final long delay;
        private long maxTimestamp = Long.MIN_VALUE;

        PerEventWatermarks(Duration outOfOrderness) {
            this.delay = outOfOrderness.toMillis() + 1;
        }

        @Override
        public void onEvent(InputRecord record, long timestamp, WatermarkOutput output) {
            if (record.isEvent() && timestamp > maxTimestamp) {
                maxTimestamp = timestamp;
                output.emitWatermark(new Watermark(timestamp - delay));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // watermarks are emitted per event only
        }
    }
}
