package io.learnpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.records.ActivityEventSerializer;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The topology's graph: the events reach the rule operator through their own serializer, and nothing needs Kryo. */
class LearnpulseTopologyTest {

    @Test
    void eventsCrossTheExchangeInTheirOwnSerializerWithoutGenericTypes() {
        Configuration config = new Configuration();
        // a generic type anywhere in the graph would fail the building of its serializers
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        LearnpulseTopology.build(
                env.fromData(InputRecord.of(new ActivityEvent("e1", "u1", EventType.ACTIVITY, 0L))),
                LearnpulseTopology.boundedState(env, List.of(), List.of()), List.of(), List.of(),
                RuleConfig.defaults(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        StreamGraph graph = env.getStreamGraph();

        assertThat(node(graph, "route-rejected-input").getTypeSerializerOut())
                .isEqualTo(ActivityEventSerializer.INSTANCE);
        assertThat(node(graph, "learner-rules").getTypeSerializersIn()[0])
                .isEqualTo(ActivityEventSerializer.INSTANCE);
    }

    private static StreamNode node(StreamGraph graph, String name) {
        return graph.getStreamNodes().stream()
                .filter(node -> node.getOperatorName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + name + " in the graph"));
    }
}
