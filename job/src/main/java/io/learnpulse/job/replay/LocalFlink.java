package io.learnpulse.job.replay;

import java.net.URI;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * An in-process Flink cluster that outlives the jobs run on it. A plain local environment shuts
 * its cluster down the moment a job ends, while the replay is still fetching the job's last
 * collected results; this one is closed only once the results are in.
 */
final class LocalFlink implements AutoCloseable {
    private final MiniCluster cluster;
    private final StreamExecutionEnvironment env;

    LocalFlink(int parallelism) throws Exception {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        // the progress line's count of inputs comes with each TaskManager heartbeat (default every
        // 10 s) and is served from the REST endpoint's cache of the job (default 3 s)
        config.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        config.set(WebOptions.REFRESH_INTERVAL, Duration.ofSeconds(1));
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build());
        cluster.start();
        URI rest = cluster.getRestAddress().get();
        env = StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(), config);
        env.setParallelism(parallelism);
    }

    StreamExecutionEnvironment env() {
        return env;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
