package io.learnpulse.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The router next to the source: rejected and late input to the dead letters, events on without raw text. */
class RejectionRouterTest {

    private static InputRecord event(String id, long time) {
        ActivityEvent e = new ActivityEvent(id, "u", EventType.ACTIVITY, time);
        e.raw = "{\"eventId\":\"" + id + "\"}";
        return InputRecord.of(e);
    }

    @Test
    void routesRejectedAndLateInputToTheDeadLetters() throws Exception {
        try (OneInputStreamOperatorTestHarness<InputRecord, ActivityEvent> h =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new RejectionRouter()))) {
            h.open();
            h.processElement(event("a", 1_000), 1_000);
            h.processElement(InputRecord.rejected(DeadLetter.MALFORMED_JSON, "bad", "{x"), Long.MIN_VALUE);
            h.processWatermark(new Watermark(1_000));
            h.processElement(event("on-the-watermark", 1_000), 1_000);
            h.processElement(event("b", 1_001), 1_001);

            assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("a", "b");
            assertThat(h.extractOutputValues()).allSatisfy(e -> assertThat(e.raw).isNull());
            List<DeadLetter> dead = h.getSideOutput(RejectionRouter.REJECTED).stream()
                    .map(StreamRecord::getValue).collect(Collectors.toList());
            assertThat(dead).extracting(d -> d.reason).containsExactly(DeadLetter.MALFORMED_JSON, DeadLetter.LATE);
            assertThat(dead.get(1).raw).isEqualTo("{\"eventId\":\"on-the-watermark\"}");
        }
    }
}
