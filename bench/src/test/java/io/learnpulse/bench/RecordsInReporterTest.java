package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** The reporter sums the task-level numRecordsIn of one job's task, as Flink registers it; no cluster. */
class RecordsInReporterTest {
    private final RecordsInReporter reporter = new RecordsInReporter();

    /** A metric group with the scope variables of a subtask of {@code task} (and of one of its operators). */
    private static MetricGroup scope(String job, String task, String operator) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("<job_id>", job);
        variables.put("<task_name>", task);
        variables.put("<subtask_index>", "0");
        if (operator != null) {
            variables.put("<operator_id>", "op-" + operator);
            variables.put("<operator_name>", operator);
        }
        return new UnregisteredMetricsGroup() {
            @Override
            public Map<String, String> getAllVariables() {
                return variables;
            }
        };
    }

    private SimpleCounter registered(String name, MetricGroup group, long count) {
        SimpleCounter counter = new SimpleCounter();
        counter.inc(count);
        reporter.notifyOfAddedMetric(counter, name, group);
        return counter;
    }

    @Test
    void sumsTheTasksSubtasksOfThatJobOnly() {
        String job = "a1";
        SimpleCounter first = registered("numRecordsIn", scope(job, "learner-rules -> alerts", null), 100);
        registered("numRecordsIn", scope(job, "learner-rules -> alerts", null), 50);
        registered("numRecordsIn", scope(job, "learner-rules -> alerts", "learner-rules"), 1_000);
        registered("numRecordsOut", scope(job, "learner-rules -> alerts", null), 1_000);
        registered("numRecordsIn", scope(job, "kafka-activity -> parse", null), 1_000);
        registered("numRecordsIn", scope("b2", "learner-rules -> alerts", null), 1_000);

        assertThat(RecordsInReporter.recordsIn(job, "learner-rules")).isEqualTo(150);
        first.inc(25);
        assertThat(RecordsInReporter.recordsIn(job, "learner-rules")).as("read when asked").isEqualTo(175);

        reporter.notifyOfRemovedMetric(first, "numRecordsIn", scope(job, "learner-rules -> alerts", null));
        assertThat(RecordsInReporter.recordsIn(job, "learner-rules")).isEqualTo(50);
        assertThat(RecordsInReporter.recordsIn("c3", "learner-rules")).as("no such job (yet)").isZero();
    }
}
