package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which kinds of job get a Flink cluster of their own, which are kept after the throughput rounds, and the order of a round. */
class RowTest {

    private static Set<Row> rows(String names) {
        return Row.chosen(List.of(names.split(",")));
    }

    @Test
    void eachThroughputRowOnAClusterGetsItsOwnAndTheStateRunRocksDbExactlyOnces() {
        assertThat(Row.clusters(Row.chosen(List.of()))).containsExactly(Row.CEILING, Row.ROCKSDB_EXACTLY_ONCE,
                Row.HASHMAP_EXACTLY_ONCE, Row.ROCKSDB_AT_LEAST_ONCE);
        assertThat(Row.clusters(rows("state"))).containsExactly(Row.ROCKSDB_EXACTLY_ONCE);
        assertThat(Row.clusters(rows("latency"))).containsExactly(Row.ROCKSDB_EXACTLY_ONCE, Row.ROCKSDB_AT_LEAST_ONCE);
        assertThat(Row.clusters(rows("replay,fanout,cron"))).as("no job on a cluster").isEmpty();
    }

    @Test
    void afterTheThroughputRoundsOnlyTheClustersOfTheStateAndLatencyRunsAreKept() {
        assertThat(Row.clustersAfterThroughput(Row.chosen(List.of())))
                .containsExactly(Row.ROCKSDB_EXACTLY_ONCE, Row.ROCKSDB_AT_LEAST_ONCE);
        assertThat(Row.clustersAfterThroughput(rows("ceiling,rocksdb-exactly-once,state")))
                .containsExactly(Row.ROCKSDB_EXACTLY_ONCE);
        assertThat(Row.clustersAfterThroughput(rows("ceiling,rocksdb-exactly-once,hashmap-exactly-once"))).isEmpty();
    }

    @Test
    void aRoundRunsTheCeilingThenTheLiveRowsReversedEverySecondRound() {
        Set<Row> all = Row.chosen(List.of());
        assertThat(Row.roundOrder(all, 1)).containsExactly(Row.CEILING, Row.ROCKSDB_EXACTLY_ONCE,
                Row.HASHMAP_EXACTLY_ONCE, Row.ROCKSDB_AT_LEAST_ONCE);
        assertThat(Row.roundOrder(all, 2)).containsExactly(Row.ROCKSDB_AT_LEAST_ONCE, Row.HASHMAP_EXACTLY_ONCE,
                Row.ROCKSDB_EXACTLY_ONCE, Row.CEILING);
        assertThat(Row.roundOrder(all, 3)).isEqualTo(Row.roundOrder(all, 1));
        assertThat(Row.roundOrder(rows("ceiling,rocksdb-exactly-once,replay"), 2))
                .containsExactly(Row.ROCKSDB_EXACTLY_ONCE, Row.CEILING);
    }
}
