package io.learnpulse.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.learnpulse.cli.Cli;
import io.learnpulse.testkit.Wait;

/**
 * A gateway in a JVM of its own, run by {@code learnpulse gateway}'s command ({@link GatewayCommand})
 * with a configuration's options on its command line, for the tests that kill it with SIGKILL
 * ({@link Process#destroyForcibly}): nothing of the gateway runs after that, no shutdown hook, no
 * commit, no close. Its console and log go to a file (one per start); its port is read from the line it prints.
 */
final class GatewayProcess {

    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code learnpulse gateway ARGS}, as the child JVM's main. */
    public static void main(String[] args) {
        System.exit(Cli.run(new GatewayCommand(), args));
    }

    /** Starts the gateway with {@code config}'s options and waits until it listens. */
    static GatewayProcess start(GatewayConfig config, Path logFile) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), GatewayProcess.class.getName()));
        config.values().forEach((option, value) -> {
            command.add(option.flag());
            command.add(value);
        });
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a gateway process", e);
        }
        AtomicInteger port = new AtomicInteger();
        try {
            Wait.until("the gateway process listening (its log: " + logFile + ")", START_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the gateway process exited with " + process.exitValue()
                            + ":\n" + Files.readString(logFile, StandardCharsets.UTF_8));
                }
                Matcher listening = LISTENING.matcher(Files.readString(logFile, StandardCharsets.UTF_8));
                if (listening.find()) {
                    port.set(Integer.parseInt(listening.group(1)));
                    return true;
                }
                return false;
            });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return new GatewayProcess(process, port.get());
    }

    int port() {
        return port;
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gateway process did not end after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
