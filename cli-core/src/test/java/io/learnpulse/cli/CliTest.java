package io.learnpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Help, one-line errors and exit codes, the same for annotated verbs and verbs built from a table. */
class CliTest {
    @TempDir
    Path dir;

    /** An annotated verb. */
    @Command(name = "count", description = "Counts.")
    static final class Count implements Callable<Integer> {
        @Option(names = "--to", paramLabel = "N", description = "Where to stop.")
        int to = 3;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write.")
        Path out;

        @Override
        public Integer call() {
            if (to < 0) {
                throw new UsageException("--to must not be negative");
            }
            if (to == 13) {
                throw new IllegalStateException("unlucky", new java.io.IOException("disk full"));
            }
            if (to == 666) {
                throw new AssertionError("an Error is not a failure to report but the JVM's business");
            }
            return Cli.DONE;
        }
    }

    /** A verb whose options are a table. */
    static final class Table implements SpecifiedCommand, Callable<Integer> {
        final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("table");
        final OptionTable options = OptionTable.addTo(spec, List.of(
                new OptionTable.Row("bootstrap-servers", "kafka.bootstrap.servers", null, "Kafka (required)."),
                new OptionTable.Row("http-port", "http.port", "7070", "The `port`.")));
        Map<String, String> values;

        @Override
        public CommandSpec spec() {
            return spec;
        }

        @Override
        public Integer call() {
            values = options.values();
            return Cli.DONE;
        }
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = run(Cli.root("The tool.", new Count(), new Table()), "table", "--help");
        assertThat(help).startsWith("0:").contains("Usage: learnpulse table")
                .contains("--bootstrap-servers").contains("Config file key: kafka.bootstrap.")
                .contains("--http-port").contains("Default: 7070").contains("The port.").contains("--config")
                .contains("-h, --help");
        assertThat(run(Cli.root("The tool.", new Count()), "count", "-h")).contains("--to").contains("Default: 3");
        assertThat(run(Cli.root("The tool.", new Count(), new Table()), "--help")).contains("count").contains("table");
    }

    @Test
    void unusableArgumentsAreOneLineAndStatus2() {
        CommandLine root = Cli.root("The tool.", new Count(), new Table());
        assertThat(run(root, "table", "--http-prot", "1"))
                .isEqualTo("2:learnpulse table: unknown option --http-prot (did you mean --http-port?)");
        assertThat(run(root, "count", "--out", "f", "--bogus", "1")).isEqualTo("2:learnpulse count: unknown option --bogus");
        assertThat(run(root, "count")).isEqualTo("2:learnpulse count: missing required option --out");
        assertThat(run(root, "count", "--out")).isEqualTo("2:learnpulse count: option --out needs a value");
        assertThat(run(root, "count", "--out", "f", "--to", "x")).startsWith("2:learnpulse count: invalid value")
                .contains("--to").contains("'x'");
        assertThat(run(root, "count", "--out", "f", "--to", "-1")).isEqualTo("2:learnpulse count: --to must not be negative");
        assertThat(run(root, "count", "--out", "f", "stray")).startsWith("2:learnpulse count: unexpected argument 'stray'");
        assertThat(run(root, "cuont")).isEqualTo("2:learnpulse: unknown command 'cuont' (did you mean count?)");
        assertThat(run(root)).startsWith("2:learnpulse: missing command (count, table;");
    }

    @Test
    void aFailureIsOneLineWithItsCauseAndStatus1() {
        assertThat(run(Cli.commandLine(new Count()), "--out", "f", "--to", "13"))
                .isEqualTo("1:learnpulse count failed: IOException: disk full");
        assertThat(run(Cli.commandLine(new Count()), "--out", "f")).isEqualTo("0:");
    }

    @Test
    void aVerbSaysWhereTheLibrariesLogGoes() {
        System.setProperty(Cli.LOG_FILE_PROPERTY, "target/logs/count.log");
        try {
            assertThat(run(Cli.root("The tool.", new Count()), "count", "--out", "f"))
                    .isEqualTo("0:learnpulse count: logging to target/logs/count.log");
            assertThat(run(Cli.root("The tool.", new Count()), "count", "--help")).doesNotContain("logging to");
            assertThat(run(Cli.root("The tool.", new Count()), "count", "--out", "f", "--to", "13"))
                    .endsWith("failed: IOException: disk full (details in target/logs/count.log)");
        } finally {
            System.clearProperty(Cli.LOG_FILE_PROPERTY);
        }
    }

    @Test
    void anErrorIsNotSwallowed() {
        // Flink's ProgramAbortException is an Error that a cluster's plan extraction relies on
        assertThatThrownBy(() -> run(Cli.commandLine(new Count()), "--out", "f", "--to", "666"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void theCommandLineWinsOverTheConfigFile() throws IOException {
        Path file = Files.writeString(dir.resolve("t.properties"), "kafka.bootstrap.servers: k:9092\nhttp.port = 1\n");
        Table table = new Table();
        assertThat(run(Cli.commandLine(table), "--config", file.toString(), "--http-port", "2")).isEqualTo("0:");
        assertThat(table.values).isEqualTo(Map.of("bootstrap-servers", "k:9092", "http-port", "2"));

        Table defaults = new Table();
        run(Cli.commandLine(defaults));
        assertThat(defaults.values).as("defaults stay with the table's owner").isEmpty();
    }

    @Test
    void badConfigFilesAreUsageErrors() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.properties"), "http.prot = 1\n");
        assertThat(run(Cli.commandLine(new Table()), "--config", typo.toString()))
                .isEqualTo("2:learnpulse table: unknown key http.prot in config file " + typo);
        assertThat(run(Cli.commandLine(new Table()), "--config", dir.resolve("none").toString()))
                .startsWith("2:learnpulse table: cannot read config file");
    }

    @Test
    void parseThrowsTheLineRunWouldPrint() {
        assertThatThrownBy(() -> Cli.parse(new Count(), "--out", "f", "--bogus", "1"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --bogus");
        assertThat(Cli.parse(new Count(), "--out", "f", "--to", "5").to).isEqualTo(5);
    }

    private static String run(CommandLine commandLine, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(commandLine, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return status + ":" + (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).trim();
    }
}
