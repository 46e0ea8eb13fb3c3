package io.learnpulse.job.testutils;

import io.learnpulse.testkit.FlinkRest;
import io.learnpulse.testkit.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real standalone Flink session cluster in separate JVMs, started the way Flink's own
 * {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} do, but from a Maven-resolved classpath
 * ({@code target/flink-cluster-classpath.txt}: Flink, RocksDB, the web UI and logging, i.e. a
 * distribution's {@code lib/}) instead of flink-dist, which Maven Central does not have:
 * {@code BashJavaUtils} computes each process's memory flags and dynamic options from the
 * {@code config.yaml} in a fresh config directory, and the CLI ({@code CliFrontend}) submits jobs
 * with {@code FLINK_CONF_DIR} pointing there.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

    private final Path home;
    private final Path conf;
    private final Path logs;
    private final String classpath;
    private final int restPort;
    private final FlinkRest rest;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> taskManagers = new ArrayList<>();
    private Process jobManager;

    private StandaloneFlinkCluster(Path home, String classpath, Map<String, String> extraConfig) throws IOException {
        this.home = home;
        this.conf = Files.createDirectories(home.resolve("conf"));
        this.logs = Files.createDirectories(home.resolve("log"));
        this.classpath = classpath;
        this.restPort = freePort();
        this.rest = new FlinkRest(URI.create("http://localhost:" + restPort + "/"));
        writeConfig(extraConfig);
    }

    /**
     * Writes the configuration and starts the JobManager (with its REST API and web UI) and one
     * TaskManager of two slots.
     */
    public static StandaloneFlinkCluster start(Path home, Map<String, String> extraConfig) throws Exception {
        Path classpathFile = Path.of("target", "flink-cluster-classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile.toAbsolutePath()
                    + " is missing: run through Maven (`mvn -pl job -am verify ...`), whose package phase writes it");
        }
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(home,
                Files.readString(classpathFile, StandardCharsets.UTF_8).trim(), extraConfig);
        try {
            cluster.startJobManager();
            cluster.startTaskManager();
            cluster.awaitSlots(2);
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public FlinkRest rest() {
        return rest;
    }

    public Path home() {
        return home;
    }

    private void writeConfig(Map<String, String> extra) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", Integer.toString(freePort()));
        config.put("jobmanager.bind-host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        config.put("taskmanager.host", "localhost");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", Integer.toString(restPort));
        config.put("jobmanager.memory.process.size", "1g");
        config.put("taskmanager.memory.process.size", "1536m");
        config.put("taskmanager.numberOfTaskSlots", "2");
        config.put("parallelism.default", "2");
        config.put("io.tmp.dirs", Files.createDirectories(home.resolve("tmp")).toString());
        config.put("state.backend.type", "rocksdb");
        config.put("execution.checkpointing.incremental", "true");
        config.put("execution.checkpointing.dir", home.resolve("checkpoints").toUri().toString());
        config.put("execution.checkpointing.savepoint-dir", home.resolve("savepoints").toUri().toString());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", "20");
        config.put("restart-strategy.fixed-delay.delay", "1 s");
        // notice a killed TaskManager within seconds rather than the default 50 s
        config.put("heartbeat.interval", "1000");
        config.put("heartbeat.timeout", "5000");
        config.put("metrics.fetcher.update-interval", "1000");
        config.putAll(extra);
        Files.writeString(conf.resolve("config.yaml"), config.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %t %c{1} - %m%n",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                ""), StandardCharsets.UTF_8);
    }

    private void startJobManager() throws Exception {
        List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS");
        List<String> command = java("jobmanager", params.get(0));
        command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        command.addAll(List.of("--configDir", conf.toString(), "--executionMode", "cluster"));
        command.addAll(words(params.get(1)));
        jobManager = launch(command, "jobmanager");
        Wait.until("the JobManager's REST API", PROCESS_TIMEOUT, Duration.ofMillis(500), () -> {
            try {
                return rest.getRaw("/overview").statusCode() == 200;
            } catch (UncheckedIOException notListeningYet) {
                return false;
            }
        });
    }

    /** Starts one more TaskManager (two slots); returns its process. */
    public Process startTaskManager() throws Exception {
        List<String> params = resourceParams("GET_TM_RESOURCE_PARAMS");
        String name = "taskmanager-" + (taskManagers.size() + 1);
        List<String> command = java(name, params.get(0));
        command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        command.addAll(List.of("--configDir", conf.toString()));
        command.addAll(words(params.get(1)));
        Process taskManager = launch(command, name);
        taskManagers.add(taskManager);
        return taskManager;
    }

    /** The TaskManagers started so far, in order (the first one came with the cluster). */
    public List<Process> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /** Waits until the registered TaskManagers offer {@code slots} slots in all. */
    public void awaitSlots(int slots) {
        Wait.until("TaskManagers offering " + slots + " slots", PROCESS_TIMEOUT, Duration.ofMillis(500),
                () -> rest.get("/overview").path("slots-total").asInt() == slots);
    }

    /** Kills a process as {@code kill -9} does (SIGKILL: no shutdown hook, no goodbye). */
    public void kill9(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
        }
    }

    /** Runs Flink's command line client against the cluster; returns its output, failing on a non-zero exit. */
    public String cli(String... args) throws Exception {
        CliResult result = cliResult(args);
        if (result.exitCode != 0) {
            throw new IllegalStateException("flink " + String.join(" ", args) + " exited " + result.exitCode
                    + ":\n" + result.output);
        }
        return result.output;
    }

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    /** {@code flink run ARGS} (e.g. {@code -d -p 2 job.jar --bootstrap-servers ...}); returns the job's id. */
    public String submit(List<String> runArgs) throws Exception {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.addAll(runArgs);
        String output = cli(args.toArray(String[]::new));
        Matcher id = JOB_ID.matcher(output);
        if (!id.find()) {
            throw new IllegalStateException("no job id in:\n" + output);
        }
        return id.group(1);
    }

    /** {@code flink stop --savepointPath DIR JOB} (no drain); returns the savepoint's path. */
    public String stopWithSavepoint(String jobId, Path directory) throws Exception {
        String output = cli("stop", "--savepointPath", directory.toUri().toString(), jobId);
        Matcher savepoint = SAVEPOINT.matcher(output);
        if (!savepoint.find()) {
            throw new IllegalStateException("no savepoint path in:\n" + output);
        }
        return savepoint.group(1);
    }

    /** What a run of the command line client gave. */
    public static final class CliResult {
        public final int exitCode;
        public final String output;

        CliResult(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    /** Runs Flink's command line client against the cluster, with {@code FLINK_CONF_DIR} set. */
    public CliResult cliResult(String... args) throws Exception {
        List<String> command = java("client", null);
        command.add("org.apache.flink.client.cli.CliFrontend");
        command.addAll(Arrays.asList(args));
        Path out = logs.resolve("client-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        Process client = builder.start();
        processes.add(client);
        if (!client.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("flink " + args[0] + " timed out:\n" + Files.readString(out));
        }
        return new CliResult(client.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The last lines of every process's log, for a failing test's message. */
    public String logTails() {
        StringBuilder tails = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                tails.append("==> ").append(file.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> tails.append(l).append('\n'));
            }
        } catch (IOException e) {
            tails.append("(cannot read the logs: ").append(e.getMessage()).append(")\n");
        }
        return tails.toString();
    }

    /** Stops every process of the cluster (SIGKILL: a test cluster holds nothing worth a graceful stop). */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** BashJavaUtils' two result lines: the JVM memory flags, and the dynamic -D options. */
    private List<String> resourceParams(String command) throws Exception {
        List<String> java = java(command.startsWith("GET_JM") ? "bash-java-utils-jm" : "bash-java-utils-tm", null);
        java.add("org.apache.flink.runtime.util.bash.BashJavaUtils");
        java.addAll(List.of(command, "--configDir", conf.toString()));
        Process process = new ProcessBuilder(java).redirectErrorStream(true).start();
        processes.add(process);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + output);
        }
        String prefix = "BASH_JAVA_UTILS_EXEC_RESULT:";
        List<String> results = output.lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim())
                .collect(Collectors.toList());
        if (results.size() != 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " gave no resource parameters:\n" + output);
        }
        return results;
    }

    /** A java command line: this JVM's Java 17 module flags, memory flags, logging, the classpath. */
    private List<String> java(String logName, String memoryFlags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")
                    || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
                command.add(arg);
            }
        }
        if (memoryFlags != null) {
            command.addAll(words(memoryFlags));
        } else {
            // a short-lived tool: start fast
            command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
        command.add("-Dlog.file=" + logs.resolve(logName + ".log"));
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private Process launch(List<String> command, String name) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toList());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
