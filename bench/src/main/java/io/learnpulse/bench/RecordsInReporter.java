package io.learnpulse.bench;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter of the bench's Flink cluster ({@code ChildMain flink}) that keeps the task-level
 * {@code numRecordsIn} counters of the running tasks, so that the cluster's process can answer a
 * job's progress by reading them (the same counters Flink's REST API shows), at the moment it is
 * asked. Following a drain through the REST API instead makes the JobManager fetch and parse every
 * metric of the job (hundreds: the Kafka clients') at each poll, in the process and on the cores
 * whose CPU the drain measures.
 */
public final class RecordsInReporter implements MetricReporter {
    /** Counter → "jobId/taskName" of the tasks running in this JVM. */
    private static final Map<Counter, String> COUNTERS = new ConcurrentHashMap<>();

    /** The sum of numRecordsIn over the subtasks of the job's task whose name contains {@code taskNamePart}. */
    static long recordsIn(String jobId, String taskNamePart) {
        long sum = 0;
        for (Map.Entry<Counter, String> task : COUNTERS.entrySet()) {
            String key = task.getValue();
            if (key.startsWith(jobId + "/") && key.indexOf(taskNamePart, jobId.length() + 1) >= 0) {
                sum += task.getKey().getCount();
            }
        }
        return sum;
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Map<String, String> scope = group.getAllVariables();
        // the task's counter, not one of its operators' (same name, an operator scope's variables)
        if ("numRecordsIn".equals(name) && metric instanceof Counter counter && scope.containsKey("<task_name>")
                && !scope.containsKey("<operator_id>")) {
            COUNTERS.put(counter, scope.get("<job_id>") + "/" + scope.get("<task_name>"));
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter counter) {
            COUNTERS.remove(counter);
        }
    }

    /** Found by Flink through META-INF/services, named by {@code metrics.reporter.<name>.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new RecordsInReporter();
        }
    }
}
