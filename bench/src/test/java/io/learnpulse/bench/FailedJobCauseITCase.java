package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.testkit.FlinkRest;
import io.learnpulse.testkit.Wait;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * A job that fails on the bench's kind of cluster (a local cluster with its REST API, jobs submitted
 * remotely, no restart strategy like the ceiling's) is reported with its cause, read from Flink 2's
 * exception history, not as "FAILED: ?" (the committed run's ceiling run 3).
 */
class FailedJobCauseITCase {

    @Test
    void aFailedJobIsReportedWithItsCause() throws Exception {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config).setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            int port = cluster.getRestAddress().get().getPort();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", port,
                    new Configuration());
            env.setParallelism(1);
            env.fromData(1, 2, 3)
                    .map(i -> {
                        if (i == 2) {
                            throw new IllegalStateException("could not write", new IllegalArgumentException("bad record " + i));
                        }
                        return i;
                    })
                    .name("failing-map")
                    .sinkTo(new DiscardingSink<>())
                    .name("discard");
            JobClient job = env.executeAsync("fails");
            String id = job.getJobID().toHexString();
            FlinkRest rest = FlinkRest.onLocalPort(port);

            Wait.until("job " + id + " ended", Duration.ofMinutes(2), () -> rest.ended(id));

            assertThat(rest.jobState(id)).isEqualTo("FAILED");
            assertThat(rest.rootException(id))
                    .startsWith("java.lang.IllegalStateException: could not write")
                    .contains("(innermost cause: java.lang.IllegalArgumentException: bad record 2)");
            assertThatThrownBy(() -> rest.checkNotEnded(id)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("job " + id + " is FAILED: java.lang.IllegalStateException: could not write");
        }
    }
}
