package io.learnpulse.job.functions;

import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes valid course-calendar items and settings overrides on to the rule operator and sends
 * unusable records to the dead-letter output with their reason and raw text, counted by reason
 * (docs/events.md). It runs before the broadcast, once per record, so each is dead-lettered once.
 */
public class StateRouter extends ProcessFunction<StateInput, StateInput> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected-state") {};

    private final RuleConfig rules;
    private transient Counter itemsIn;
    private transient Counter settingsIn;
    private transient RejectionRouter.DeadLetterCounters deadLetters;

    /** {@code rules}: the job's configuration, which an override must fit. */
    public StateRouter(RuleConfig rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        itemsIn = metrics.counter("calendarItemsIn");
        settingsIn = metrics.counter("settingsIn");
        deadLetters = new RejectionRouter.DeadLetterCounters(metrics);
    }

    @Override
    public void processElement(StateInput input, Context ctx, Collector<StateInput> out) {
        DeadLetter rejection = input.isSettings() ? unfit(input, rules) : input.rejection;
        if (rejection != null) {
            deadLetters.count(rejection.reason);
            ctx.output(REJECTED, rejection);
        } else if (input.isItem()) {
            itemsIn.inc();
            out.collect(input);
        } else {
            settingsIn.inc();
            input.raw = null;
            out.collect(input);
        }
    }

    /**
     * The dead letter of a valid override that the job's configuration cannot take (its values are
     * each in range, but with the job-wide {@code rules.forget-after} they would not work), or null.
     */
    public static DeadLetter unfit(StateInput settings, RuleConfig rules) {
        try {
            rules.with(settings.settings.rules);
            return null;
        } catch (IllegalArgumentException e) {
            return StateInput.Kind.SETTINGS.rejection(DeadLetter.OUT_OF_RANGE, e.getMessage(), settings.raw);
        }
    }
}
