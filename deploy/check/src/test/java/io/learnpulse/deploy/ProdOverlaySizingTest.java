package io.learnpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.strimzi.api.kafka.model.kafka.JbodStorage;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorage;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prod overlay holds at least what docs/sizing.md asks for the bold row it is sized for: the
 * row's cores and parallelism, and the page's rules for partitions, TaskManager memory and disk at
 * the overlay's own parallelism. A new bench run that grows the row fails here until prod follows.
 */
class ProdOverlaySizingTest {
    private static final double GIB = 1L << 30;

    @BeforeAll
    static void kubectl() {
        RenderedManifests.assumeKubectl();
    }

    @Test
    void theProdOverlayHoldsWhatTheSizingPageAsksForItsBoldRow() throws Exception {
        SizingRow row = SizingRow.bold();
        RenderedManifests prod = RenderedManifests.render("prod");
        FlinkDeploymentSpec flink = StrictModels.read(KubernetesManifestsTest.withoutFlinkVersion(
                prod.single("FlinkDeployment")), FlinkDeployment.class).getSpec();
        int parallelism = flink.getJob().getParallelism();
        Resource taskManager = flink.getTaskManager().getResource();
        assertThat(flink.getFlinkConfiguration()).containsEntry("taskmanager.numberOfTaskSlots", "1");

        assertThat(parallelism).as("parallelism").isGreaterThanOrEqualTo(row.parallelism());
        assertThat(parallelism * taskManager.getCpu()).as("job cores").isGreaterThanOrEqualTo(row.jobCores());
        assertThat(StrictModels.read(prod.get("KafkaTopic", "learner-activity"), KafkaTopic.class).getSpec().getPartitions())
                .as("activity partitions, at least 4 x parallelism").isGreaterThanOrEqualTo(4 * parallelism);

        // the page's Formula, for one TaskManager of S / P
        double statePerSlot = row.stateBytes() / parallelism;
        assertThat(MemorySize.parse(taskManager.getMemory()).getBytes() / GIB)
                .as("TaskManager process memory in GiB, max(2 GiB, 1.5 GiB + 1.25 x S / P)")
                .isGreaterThanOrEqualTo(Math.max(2, 1.5 + 1.25 * statePerSlot / GIB));
        assertThat(Quantity.getAmountInBytes(new Quantity(taskManager.getEphemeralStorage())).doubleValue() / GIB)
                .as("TaskManager disk in GiB, 3 x S / P + 1 GiB")
                .isGreaterThanOrEqualTo(3 * statePerSlot / GIB + 1);

        double brokerStorage = prod.ofKind("KafkaNodePool").stream().map(d -> StrictModels.read(d, KafkaNodePool.class))
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToDouble(pool -> pool.getSpec().getReplicas() * ((JbodStorage) pool.getSpec().getStorage()).getVolumes()
                        .stream().mapToDouble(v -> Quantity.getAmountInBytes(new Quantity(((PersistentClaimStorage) v).getSize()))
                                .doubleValue()).sum())
                .sum();
        assertThat(brokerStorage).as("the brokers' storage, bytes").isGreaterThanOrEqualTo(row.kafkaBytes());
    }
}
