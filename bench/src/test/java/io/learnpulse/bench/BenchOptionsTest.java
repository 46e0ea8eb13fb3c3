package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --quick} changes the defaults, not what the command line says; bad values are refused. */
class BenchOptionsTest {
    @Test
    void quickGivesTinyDefaultsButTheCommandLineWins() {
        BenchOptions full = BenchCommand.parse();
        assertThat(full.learners).isEqualTo(10_000);
        assertThat(full.stateLearners).as("the workload's").isEqualTo(10_000);
        assertThat(full.fanoutClients).isEqualTo(List.of(100, 1000));

        BenchOptions quick = BenchCommand.parse("--quick", "--events", "5000", "--fanout-clients", "3,4");
        assertThat(quick.learners).isEqualTo(300);
        assertThat(quick.stateLearners).isEqualTo(100);
        assertThat(quick.events).as("given").isEqualTo(5000);
        assertThat(quick.fanoutClients).as("given").isEqualTo(List.of(3, 4));
    }

    @Test
    void theThroughputBacklogIsTwiceTheWorkloadUnlessGiven() {
        assertThat(BenchCommand.parse().backlogEvents).isEqualTo(2_000_000);
        assertThat(BenchCommand.parse("--events", "300000").backlogEvents).isEqualTo(600_000);
        assertThat(BenchCommand.parse("--quick").backlogEvents).isEqualTo(40_000);
        assertThat(BenchCommand.parse("--backlog-events", "1500000").backlogEvents).isEqualTo(1_500_000);
        assertThatThrownBy(() -> BenchCommand.parse("--backlog-events", "0"))
                .isInstanceOf(UsageException.class).hasMessage("--backlog-events must be positive");
    }

    @Test
    void rowsAreChosenByNameWithTheRowsTheyNeed() {
        assertThat(BenchCommand.parse().rows).containsExactly(Row.values());
        assertThat(BenchCommand.parse("--rows", "ceiling,rocksdb-exactly-once").rows)
                .containsExactly(Row.CEILING, Row.ROCKSDB_EXACTLY_ONCE);
        assertThat(BenchCommand.parse("--rows", "latency,cron").rows).as("with the drains and the replay they need")
                .containsExactlyInAnyOrder(Row.LATENCY, Row.ROCKSDB_AT_LEAST_ONCE, Row.ROCKSDB_EXACTLY_ONCE, Row.CRON,
                        Row.REPLAY);
        assertThatThrownBy(() -> BenchCommand.parse("--rows", "ceiling,rocksdb-eo"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--rows: no row named 'rocksdb-eo'; the rows are ceiling, ");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> BenchCommand.parse("--learners", "0"))
                .isInstanceOf(UsageException.class).hasMessage("--learners must be positive");
        assertThatThrownBy(() -> BenchCommand.parse("--fanout-clients", "10,-1"))
                .isInstanceOf(UsageException.class).hasMessage("--fanout-clients must be positive");
        assertThatThrownBy(() -> BenchCommand.parse("--qiuck"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("unknown option --qiuck");
    }
}
