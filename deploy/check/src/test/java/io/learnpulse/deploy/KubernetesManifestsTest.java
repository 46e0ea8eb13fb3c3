package io.learnpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.learnpulse.gateway.GatewayCommand;
import io.learnpulse.gateway.GatewayConfig;
import io.learnpulse.gateway.auth.TokenRegistry;
import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.TaskManagerSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each overlay of deploy/kubernetes, rendered by Kustomize, read with the operators' own models,
 * strictly, and checked against what the job and the gateway accept (deploy/kubernetes/README.md).
 */
class KubernetesManifestsTest {
    static final Set<String> TOPICS = Set.of("learner-activity", "learner-alerts", "learner-metrics", "learner-risk",
            "learner-dlq",
            "course-calendar", "learner-settings");
    static final Set<String> COMPACTED = Set.of("course-calendar", "learner-settings");

    @BeforeAll
    static void kubectl() {
        RenderedManifests.assumeKubectl();
    }

    static List<String> overlays() throws IOException {
        return RenderedManifests.overlays().toList();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyResourceFitsItsOperatorsModel(String overlay) throws Exception {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        assertThat(manifests.documents).isNotEmpty();
        for (JsonNode document : manifests.documents) {
            StrictModels.read(withoutFlinkVersion(document), StrictModels.modelOf(document));
            assertThat(document.path("metadata").path("namespace").asText())
                    .as("%s %s has the overlay's namespace", document.path("kind"), document.path("metadata").path("name"))
                    .isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theFlinkDeploymentRunsTheJobAsTheIssueAsks(String overlay) throws Exception {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        JsonNode document = manifests.single("FlinkDeployment");
        assertThat(document.path("spec").path("flinkVersion").asText())
                .as("flinkVersion of the Flink the project builds on")
                .isEqualTo(flinkVersionName(System.getProperty("flink.version")));
        FlinkDeploymentSpec spec = StrictModels.read(withoutFlinkVersion(document), FlinkDeployment.class).getSpec();

        assertThat(spec.getJob().getJarURI()).isEqualTo("local:///opt/flink/usrlib/learnpulse-job.jar");
        assertThat(spec.getJob().getEntryClass()).isEqualTo(LearnpulseJob.class.getName());
        assertThat(spec.getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        Map<String, String> flink = spec.getFlinkConfiguration();
        assertThat(flink).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("high-availability.type", "kubernetes");
        for (String storage : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "high-availability.storageDir")) {
            assertThat(flink.get(storage)).as(storage).startsWith("s3://");
        }

        Configuration options = JobOptions.parse(spec.getJob().getArgs());
        assertThat(options.getOptional(JobOptions.PARALLELISM))
                .as("job.parallelism alone sets the parallelism, so that changing it rescales from a savepoint")
                .isEmpty();
        assertThat(spec.getJob().getParallelism()).isPositive();

        Set<String> jobKeys = JobOptions.all().stream().map(ConfigOption::key).collect(Collectors.toSet());
        Set<String> flinkKeys = FlinkOptionKeys.all();
        for (String key : flink.keySet()) {
            assertThat(jobKeys).as("%s is a job option: in flinkConfiguration the job would not read it", key)
                    .doesNotContain(key);
            assertThat(flinkKeys.contains(key) || FlinkOptionKeys.isPluginKey(key))
                    .as("flinkConfiguration key %s is an option of Flink or of a plugin the image holds", key).isTrue();
        }

        String metricsPort = flink.get("metrics.reporter.prom.port");
        List<ContainerPort> ports = spec.getPodTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("flink-main-container"))
                .flatMap(c -> c.getPorts().stream()).toList();
        assertThat(ports).anyMatch(p -> p.getName().equals("metrics") && String.valueOf(p.getContainerPort()).equals(metricsPort));
        assertSecretKeysExist(manifests, spec.getPodTemplate().getSpec().getContainers().get(0).getEnv());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theTaskManagersKeepRocksDbOnTheirOwnVolumeAndAMemorySplitFlinkAccepts(String overlay) throws Exception {
        FlinkDeploymentSpec spec = StrictModels.read(withoutFlinkVersion(RenderedManifests.render(overlay)
                .single("FlinkDeployment")), FlinkDeployment.class).getSpec();
        TaskManagerSpec taskManager = spec.getTaskManager();
        String localDir = spec.getFlinkConfiguration().get(RocksDBOptions.LOCAL_DIRECTORIES.key());
        PodSpec pod = taskManager.getPodTemplate().getSpec();
        VolumeMount mount = pod.getContainers().stream().filter(c -> c.getName().equals("flink-main-container"))
                .flatMap(c -> c.getVolumeMounts().stream()).filter(m -> m.getMountPath().equals(localDir))
                .findFirst().orElseThrow(() -> new AssertionError("no volume mounted at RocksDB's local directory " + localDir));
        assertThat(pod.getVolumes()).as("RocksDB's files on an emptyDir: node-local disk, counted in the pod's ephemeral storage")
                .anyMatch(volume -> volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null);
        assertThat(taskManager.getResource().getEphemeralStorage())
                .as("ephemeralStorage: the disk the scheduler reserves for RocksDB and the kubelet bounds it to").isNotBlank();

        // what the TaskManager computes at start from its process size and options: fails where they do not add up
        Configuration memory = Configuration.fromMap(spec.getFlinkConfiguration());
        memory.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse(taskManager.getResource().getMemory()));
        TaskExecutorProcessSpec split = TaskExecutorProcessUtils.processSpecFromConfig(memory);
        assertThat(split.getManagedMemorySize().getBytes()).as("managed memory, RocksDB's cache and write buffers").isPositive();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaRunsInKraftModeWithTheTopicsTheJobUses(String overlay) throws Exception {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        Kafka kafka = StrictModels.read(manifests.single("Kafka"), Kafka.class);
        String cluster = kafka.getMetadata().getName();
        List<KafkaNodePool> pools = manifests.ofKind("KafkaNodePool").stream()
                .map(d -> StrictModels.read(d, KafkaNodePool.class)).toList();
        assertThat(pools).isNotEmpty().allSatisfy(pool ->
                assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster));
        assertThat(pools.stream().flatMap(p -> p.getSpec().getRoles().stream()))
                .as("KRaft: the node pools hold controllers and brokers")
                .contains(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        int brokers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();

        Map<String, KafkaTopic> topics = new HashMap<>();
        for (JsonNode document : manifests.ofKind("KafkaTopic")) {
            KafkaTopic topic = StrictModels.read(document, KafkaTopic.class);
            topics.put(topic.getMetadata().getName(), topic);
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(topic.getSpec().getReplicas()).isBetween(1, brokers);
            assertThat(topic.getSpec().getConfig().get("cleanup.policy"))
                    .as("cleanup.policy of %s", topic.getMetadata().getName())
                    .isEqualTo(COMPACTED.contains(topic.getMetadata().getName()) ? "compact" : null);
        }
        assertThat(topics.keySet()).isEqualTo(TOPICS);

        FlinkDeploymentSpec job = StrictModels.read(withoutFlinkVersion(manifests.single("FlinkDeployment")),
                FlinkDeployment.class).getSpec();
        Configuration options = JobOptions.parse(job.getJob().getArgs());
        assertThat(options.get(JobOptions.BOOTSTRAP_SERVERS)).isEqualTo(cluster + "-kafka-bootstrap:"
                + kafka.getSpec().getKafka().getListeners().get(0).getPort());
        for (ConfigOption<String> topic : List.of(JobOptions.ACTIVITY_TOPIC, JobOptions.CALENDAR_TOPIC, JobOptions.ALERTS_TOPIC,
                JobOptions.METRICS_TOPIC, JobOptions.DLQ_TOPIC)) {
            assertThat(topics).as("the job's %s", topic.key()).containsKey(options.get(topic));
        }
        assertThat(topics.get(options.get(JobOptions.ACTIVITY_TOPIC)).getSpec().getPartitions())
                .as("activity partitions >= the job's parallelism (a subtask without one holds the watermark back)")
                .isGreaterThanOrEqualTo(job.getJob().getParallelism());
        long maxTransactionTimeout = Long.parseLong(String.valueOf(
                kafka.getSpec().getKafka().getConfig().get("transaction.max.timeout.ms")));
        assertThat(options.get(JobOptions.TRANSACTION_TIMEOUT).toMillis())
                .as("the job's transaction-timeout within the brokers' transaction.max.timeout.ms")
                .isLessThanOrEqualTo(maxTransactionTimeout);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGatewayTakesOnlyItsOwnOptionsAndIsReachable(String overlay, @TempDir Path mounted) throws Exception {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        Deployment deployment = StrictModels.read(manifests.get("Deployment", "learnpulse-gateway"), Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).as("one gateway per database").isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).as("never two at once on one database").isEqualTo("Recreate");
        Container gateway = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = gateway.getArgs();
        assertThat(args.get(0)).isEqualTo("gateway");

        // the gateway's own parser, on the files of the mounted Secret as the pod would see them
        Secret secret = StrictModels.read(manifests.get("Secret", mountedSecret(deployment)), Secret.class);
        String mountPath = gateway.getVolumeMounts().get(0).getMountPath();
        for (Map.Entry<String, String> file : secret.getStringData().entrySet()) {
            Files.writeString(mounted.resolve(file.getKey()), file.getValue());
        }
        List<String> asMounted = args.subList(1, args.size()).stream()
                .map(arg -> arg.startsWith(mountPath + "/") ? mounted + arg.substring(mountPath.length()) : arg)
                .toList();
        GatewayConfig config = GatewayCommand.parse(asMounted.toArray(String[]::new));
        assertThat(config.jdbcUrl()).startsWith("jdbc:postgresql://learnpulse-postgres:5432/");
        assertThat(config.dbPassword()).as("the password comes from the Secret's config file").isNotBlank();
        assertThat(config.tokensFile()).as("--tokens-file, from the Secret").isNotNull();
        assertThat(TokenRegistry.load(config.tokensFile(), null)).as("the gateway reads the tokens file").isNotNull();
        manifests.get("StatefulSet", "learnpulse-postgres");

        int port = config.httpPort();
        assertThat(gateway.getPorts()).anyMatch(p -> p.getName().equals("http") && p.getContainerPort() == port);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Service service = StrictModels.read(manifests.get("Service", "learnpulse-gateway"), Service.class);
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        Ingress ingress = StrictModels.read(manifests.single("Ingress"), Ingress.class);
        assertThat(ingress.getSpec().getRules()).allSatisfy(rule -> assertThat(rule.getHttp().getPaths())
                .allMatch(path -> path.getBackend().getService().getName().equals(service.getMetadata().getName())));

        PodMonitor gatewayMonitor = StrictModels.read(manifests.get("PodMonitor", "learnpulse-gateway"), PodMonitor.class);
        assertThat(podLabels).containsAllEntriesOf(gatewayMonitor.getSpec().getSelector().getMatchLabels());
        assertThat(gatewayMonitor.getSpec().getPodMetricsEndpoints()).allMatch(e -> e.getPort().equals("http")
                && e.getPath().equals("/metrics"));
        PodMonitor flinkMonitor = StrictModels.read(manifests.get("PodMonitor", "learnpulse-flink"), PodMonitor.class);
        assertThat(flinkMonitor.getSpec().getSelector().getMatchLabels())
                .as("the operator labels a FlinkDeployment's pods app=<its name>")
                .containsEntry("app", manifests.single("FlinkDeployment").path("metadata").path("name").asText());

        for (JsonNode document : manifests.ofKind("StatefulSet")) {
            assertSecretKeysExist(manifests, StrictModels.read(document, io.fabric8.kubernetes.api.model.apps.StatefulSet.class)
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv());
        }
    }

    /** "v2_2" for Flink 2.2.x: the operator's name of a Flink version. */
    static String flinkVersionName(String version) {
        String[] parts = version.split("\\.");
        return "v" + parts[0] + "_" + parts[1];
    }

    /**
     * The newest operator API on the Maven registry reachable here (1.10.0) has no Flink 2 in its
     * FlinkVersion enum; the field is checked by name instead ({@link #theFlinkDeploymentRunsTheJobAsTheIssueAsks}).
     */
    static JsonNode withoutFlinkVersion(JsonNode document) {
        if (!document.path("kind").asText().equals("FlinkDeployment")) {
            return document;
        }
        ObjectNode copy = document.deepCopy();
        ((ObjectNode) copy.path("spec")).remove("flinkVersion");
        return copy;
    }

    private static String mountedSecret(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName();
    }

    private static void assertSecretKeysExist(RenderedManifests manifests, List<EnvVar> env) {
        List<String> missing = new ArrayList<>();
        for (EnvVar var : env) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                Secret secret = StrictModels.read(manifests.get("Secret", ref.getName()), Secret.class);
                if (!secret.getStringData().containsKey(ref.getKey())) {
                    missing.add(ref.getName() + "/" + ref.getKey());
                }
            }
        }
        assertThat(missing).as("secret keys referenced by env").isEmpty();
    }
}
