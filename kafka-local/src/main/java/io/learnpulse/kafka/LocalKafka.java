package io.learnpulse.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node Kafka broker (combined KRaft broker and controller) running inside this JVM on the
 * loopback interface, with its data in a fresh temporary directory that {@link #close()} deletes.
 *
 * <p>It is configured so that a single node is enough for everything learnpulse does:
 * transactions (the job's exactly-once sink, {@code read_committed} consumers) and consumer
 * groups (the gateway's committed offsets) need their internal topics at replication factor 1.
 * Everything else is a stock broker's default, {@code transaction.max.timeout.ms} (15 min) included,
 * so that the tests prove the job works against a broker nobody has tuned for it.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopic("learner-alerts", 2);
 *     String bootstrap = kafka.bootstrapServers();
 *     ...
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    /** Broker settings that make one node a complete cluster. */
    private static final Map<String, String> SINGLE_NODE_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"));

    private final KafkaClusterTestKit cluster;
    private final Path dataDirectory;

    private LocalKafka(KafkaClusterTestKit cluster, Path dataDirectory) {
        this.cluster = cluster;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a broker on a free loopback port and waits until it accepts clients.
     *
     * @throws IllegalStateException if the broker cannot start
     */
    public static LocalKafka start() {
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("learnpulse-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local Kafka data directory", e);
        }
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dataDirectory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            SINGLE_NODE_CONFIG.forEach(builder::setConfigProp);
            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new LocalKafka(cluster, dataDirectory);
        } catch (Exception e) {
            closeQuietly(cluster);
            deleteRecursively(dataDirectory);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the local Kafka broker: " + e.getMessage(), e);
        }
    }

    /**
     * Formats the node's storage. Kafka's formatter prints its bootstrap metadata to
     * {@code System.out}, which the test kit gives it no other stream for: those lines go to the log,
     * not to the console of a demo or a test.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(console);
            LOG.info("formatted the broker's storage: {}", said.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /** The {@code bootstrap.servers} value for clients, {@code localhost:PORT}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Stops the broker, keeping its data, its port number and the controller: a broker outage, for
     * fault tests. Clients see the broker gone until {@link #startBroker()}.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(BrokerServer::shutdown);
    }

    /**
     * Starts the broker stopped by {@link #stopBroker()} again, on the same port and data, and waits
     * until it accepts clients. (The port was free meanwhile: should another program have taken it,
     * this fails.)
     */
    public void startBroker() {
        cluster.brokers().values().forEach(BrokerServer::startup);
        try {
            cluster.waitForReadyBrokers();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the local Kafka broker did not start again: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local Kafka broker", e);
        }
    }

    /** The directory holding the broker's logs and metadata; deleted by {@link #close()}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates a topic with replication factor 1 and waits until the controller has created it. A
     * topic that already exists is left as it is.
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** A compacted topic (a later record with the same key replaces the earlier), as {@link #createTopic}. */
    public void createCompactedTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        closeQuietly(cluster);
        deleteRecursively(dataDirectory);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot stop the local Kafka broker: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the local Kafka data directory " + directory, e);
        }
    }
}
