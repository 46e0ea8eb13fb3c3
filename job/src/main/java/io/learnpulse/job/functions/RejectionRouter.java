package io.learnpulse.job.functions;

import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes parsed events on and sends unusable input to the dead-letter output, counted by reason:
 * what the source rejected, and late events. Chained to the source, it sees exactly the source's
 * watermarks in input order, so which events are late follows the order of each input split. An
 * event goes on without its raw text: that is only needed for a dead letter, not over the network.
 */
public class RejectionRouter extends ProcessFunction<InputRecord, ActivityEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected-input") {};
    /** Inputs seen, valid or not: the replay's count of inputs read, in its job's result. */
    public static final String INPUTS_ACCUMULATOR = "inputs";

    private transient LongCounter inputs;
    private transient Counter eventsIn;
    private transient DeadLetterCounters deadLetters;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        eventsIn = metrics.counter("eventsIn");
        inputs = new LongCounter();
        getRuntimeContext().addAccumulator(INPUTS_ACCUMULATOR, inputs);
        deadLetters = new DeadLetterCounters(metrics);
    }

    @Override
    public void processElement(InputRecord record, Context ctx, Collector<ActivityEvent> out) {
        inputs.add(1L);
        if (record.isEvent()) {
            ActivityEvent event = record.event;
            long watermark = ctx.timerService().currentWatermark();
            if (event.timestamp <= watermark) {
                deadLetters.count(DeadLetter.LATE);
                ctx.output(REJECTED, LateEvents.deadLetter(event, watermark, event.raw));
                return;
            }
            eventsIn.inc();
            event.raw = null;
            out.collect(event);
        } else {
            deadLetters.count(record.rejection.reason);
            ctx.output(REJECTED, record.rejection);
        }
    }

    /** One counter per dead-letter reason, made on first use, under {@code deadLetters.<reason>}. */
    static final class DeadLetterCounters {
        private final MetricGroup group;
        private final Map<String, Counter> byReason = new HashMap<>();

        DeadLetterCounters(MetricGroup metrics) {
            this.group = metrics.addGroup("deadLetters");
        }

        void count(String reason) {
            byReason.computeIfAbsent(reason, group::counter).inc();
        }
    }
}
