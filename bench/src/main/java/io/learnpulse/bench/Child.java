package io.learnpulse.bench;

import io.learnpulse.cli.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the bench (the Kafka broker, the local Flink cluster, the gateway, a replay, the
 * cron baseline), on the bench's own classpath and JVM flags, so that each part's CPU time can be
 * read from {@code /proc/<pid>/stat} on its own. It answers on stdout with lines beginning
 * {@code @@bench }; everything else it prints goes to its log file. Closing its stdin asks it to
 * stop.
 */
final class Child implements AutoCloseable {
    static final String PREFIX = "@@bench ";
    private static final String EOF = "\u0000eof";

    /** The classpath of the children: a {@link ClasspathSnapshot}, once the bench has made one. */
    static volatile String classpath = System.getProperty("java.class.path");

    private final String name;
    private final Process process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final PrintWriter requests;
    private final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.requests = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.log = log;
    }

    /** Starts {@code ChildMain <mode> args...} with {@code heap} as its maximum heap (e.g. "1g"). */
    static Child start(String name, Path logDir, String heap, String mode, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedJvmFlags());
        command.add("-Xmx" + heap);
        // with bin/log4j2.properties: the libraries' log of each child in a file of its own
        command.add("-D" + Cli.LOG_FILE_PROPERTY + "=" + logDir.resolve(name + ".library.log"));
        command.add("-cp");
        command.add(classpath);
        command.add(ChildMain.class.getName());
        command.add(mode);
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Child child = new Child(name, process, log);
        Thread reader = new Thread(child::readAnswers, "child-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /**
     * The JVM flags Flink needs on Java 17 (bin/jvm.options) and the logging configuration, as this
     * JVM got them; anything else (heap, agents, debuggers) is not passed on.
     */
    static List<String> inheritedJvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")
                    || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || arg.startsWith("-Dlog4j")
                    || arg.startsWith("-Dlearnpulse.bench.")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PREFIX)) {
                    answers.add(line.substring(PREFIX.length()));
                } else {
                    logOut.println(line);
                }
            }
        } catch (IOException e) {
            // the child is gone; await() reports it
        } finally {
            answers.add(EOF);
        }
    }

    /** The next answer whose first word is {@code word}; the rest of its line. */
    String await(String word, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? answers.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new IllegalStateException(name + " gave no '" + word + "' within " + timeout.toSeconds()
                        + " s; see " + log);
            }
            if (line.equals(EOF)) {
                answers.add(EOF);
                throw new IllegalStateException(name + " ended before answering '" + word + "'; see " + log);
            }
            if (line.startsWith("error ")) {
                throw new IllegalStateException(name + " failed: " + line.substring(6) + "; see " + log);
            }
            if (line.equals(word) || line.startsWith(word + " ")) {
                return line.substring(word.length()).trim();
            }
        }
    }

    /** Sends {@code request} as a line on the child's stdin and returns its answer: the rest of the next line of {@code word}. */
    synchronized String ask(String request, String word, Duration timeout) throws InterruptedException {
        requests.println(request);
        requests.flush();
        if (requests.checkError()) {
            throw new IllegalStateException(name + " took no request '" + request + "'; see " + log);
        }
        return await(word, timeout);
    }

    long pid() {
        return process.pid();
    }

    double cpuSeconds() {
        return Cpu.seconds(process.pid());
    }

    Path log() {
        return log;
    }

    /** Asks the child to stop (stdin closed), then ends it if it does not within 20 s. */
    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
