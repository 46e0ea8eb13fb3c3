package io.learnpulse.job.functions;

import io.learnpulse.job.records.CalendarInput;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes valid course-calendar items on to the rule operator and sends unusable records to the
 * dead-letter output with their reason and raw text, counted by reason (docs/events.md).
 */
public class CalendarRouter extends ProcessFunction<CalendarInput, CalendarItem> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected-calendar") {};

    private transient Counter itemsIn;
    private transient RejectionRouter.DeadLetterCounters deadLetters;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        itemsIn = metrics.counter("calendarItemsIn");
        deadLetters = new RejectionRouter.DeadLetterCounters(metrics);
    }

    @Override
    public void processElement(CalendarInput input, Context ctx, Collector<CalendarItem> out) {
        if (input.isItem()) {
            itemsIn.inc();
            out.collect(input.item);
        } else {
            deadLetters.count(input.rejection.reason);
            ctx.output(REJECTED, input.rejection);
        }
    }
}
