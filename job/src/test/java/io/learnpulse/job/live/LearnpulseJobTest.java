package io.learnpulse.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.learnpulse.job.testutils.FailureHook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The live job's graph and Flink settings, without running it. */
class LearnpulseJobTest {
    @Test
    void rocksDbWithIncrementalCheckpointsAndHeapTimersByDefault() {
        Configuration flink = LearnpulseJob.flinkConfiguration(JobOptions.parse(
                new String[] {"--bootstrap-servers", "localhost:9092", "--checkpoint-interval", "30 s"}));
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(flink.get(RocksDBOptions.TIMER_SERVICE_FACTORY)).isEqualTo(PriorityQueueStateType.HEAP);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void hashmapBackendOnRequest() {
        Configuration flink = LearnpulseJob.flinkConfiguration(JobOptions.parse(
                new String[] {"--bootstrap-servers", "localhost:9092", "--state-backend", "hashmap"}));
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    }

    @Test
    void everyOperatorHasAStableUidAndName() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LearnpulseJob.build(env, JobOptions.parse(new String[] {"--bootstrap-servers", "localhost:9092"}),
                FailureHook.stage(10), Clock.systemUTC());
        StreamGraph graph = env.getStreamGraph();
        List<String> uids = graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .collect(Collectors.toList());
        assertThat(uids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(uids).contains("kafka-activity", FailureHook.UID, "route-rejected-input", "learner-rules");
        assertThat(uids.stream().filter(uid -> uid.startsWith("kafka-alerts")).count()).isGreaterThan(0);
        assertThat(uids.stream().filter(uid -> uid.startsWith("kafka-metrics")).count()).isGreaterThan(0);
        assertThat(uids.stream().filter(uid -> uid.startsWith("kafka-dlq")).count()).isGreaterThan(0);
    }

    @Test
    void objectReuseIsTheJobsSetting() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LearnpulseJob.build(env, JobOptions.parse(new String[] {"--bootstrap-servers", "localhost:9092"}));
        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
    }

    @Test
    void noFailureHookUnlessAsked() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LearnpulseJob.build(env, JobOptions.parse(new String[] {"--bootstrap-servers", "localhost:9092"}));
        assertThat(env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getOperatorName))
                .noneMatch(name -> name.contains("failure-hook"));
    }
}
