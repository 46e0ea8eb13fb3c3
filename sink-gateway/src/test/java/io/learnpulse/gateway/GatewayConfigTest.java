package io.learnpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.learnpulse.cli.Cli;
import io.learnpulse.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command-line options and the config file, their defaults, and one-line reasons for bad ones. */
class GatewayConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaults() {
        GatewayConfig config = GatewayCommand.parse("--bootstrap-servers", "localhost:9092");
        assertThat(config.httpPort()).isEqualTo(7070);
        assertThat(config.alertsTopic()).isEqualTo("learner-alerts");
        assertThat(config.metricsTopic()).isEqualTo("learner-metrics");
        assertThat(config.groupId()).isEqualTo("learnpulse-gateway");
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.wsQueueBound()).isEqualTo(256);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.effectiveJdbcUrl()).startsWith("jdbc:sqlite:").endsWith("gateway.db");
        assertThat(config.usesEmbeddedDatabase()).isTrue();
    }

    @Test
    void commandLineWinsOverTheConfigFile() throws IOException {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "kafka.bootstrap.servers = kafka:9092\nhttp.port = 8080\n"
                + "ws.allowed.origins = https://a.example, https://b.example\n"
                + "db.url = jdbc:postgresql://db/learnpulse\n");
        GatewayConfig config = GatewayCommand.parse("--config", file.toString(), "--http-port", "9090",
                "--admin-token", "a-long-admin-token");
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.adminToken()).isEqualTo("a-long-admin-token");
        assertThat(config.allowedOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
        assertThat(config.usesEmbeddedDatabase()).isFalse();
    }

    @Test
    void badOptionsHaveOneLineReasons() {
        assertRefused("--bootstrap-servers (kafka.bootstrap.servers) is required");
        assertRefused("unknown option --port", "--bootstrap-servers", "k:9092", "--port", "1");
        assertRefused("needs a value", "--bootstrap-servers");
        assertRefused("--http-port (http.port) must be an integer, not 'seventy'",
                "--bootstrap-servers", "k:9092", "--http-port", "seventy");
        assertRefused("--http-port (http.port) must be between 0 and 65535",
                "--bootstrap-servers", "k:9092", "--http-port", "70000");
        assertRefused("--ws-queue-bound (ws.queue.bound) must be at least 1",
                "--bootstrap-servers", "k:9092", "--ws-queue-bound", "0");
        assertRefused("--admin-token (auth.admin.token) must be at least 16 characters",
                "--bootstrap-servers", "k:9092", "--admin-token", "fifteen-chars-x");
        assertRefused("cannot read config file", "--config", dir.resolve("missing.properties").toString());
    }

    @Test
    void optionsSetInCodeAreCheckedLikeTheCommandLineAndKeepTheOthers() {
        GatewayConfig config = GatewayConfig.defaults("k:9092")
                .with(GatewayOption.HTTP_PORT, 0)
                .with(GatewayOption.HEARTBEAT_MS, 300);
        assertThat(config.httpPort()).isZero();
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(300));
        assertThat(config.bootstrapServers()).isEqualTo("k:9092");
        assertThat(config.with(GatewayOption.HTTP_PORT, null).httpPort()).isEqualTo(7070);
        assertThatThrownBy(() -> config.with(GatewayOption.WS_QUEUE_BOUND, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--ws-queue-bound (ws.queue.bound) must be at least 1");
    }

    @Test
    void anAdminTokenOfSixteenCharactersIsAccepted() {
        GatewayConfig config = GatewayCommand.parse("--bootstrap-servers", "k:9092", "--admin-token", "sixteen-chars-xx");
        assertThat(config.adminToken()).isEqualTo("sixteen-chars-xx");
    }

    @Test
    void unknownKeysInTheConfigFileAreRefused() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "kafka.bootstrap.servers = k:9092\nhttp.prot = 1\n");
        assertRefused("unknown key http.prot", "--config", file.toString());
    }

    @Test
    void usageListsEveryOption() {
        CommandLine help = Cli.commandLine(new GatewayCommand());
        help.setUsageHelpWidth(200); // the config keys unbroken
        String usage = help.getUsageMessage();
        for (GatewayOption option : GatewayOption.values()) {
            assertThat(usage).contains(option.flag()).contains(option.key());
        }
    }

    @Test
    void readmeDocumentsEveryOptionWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (GatewayOption option : GatewayOption.values()) {
            assertThat(readme).contains("| `" + option.flag() + "` | `" + option.key() + "` |");
            if (option.defaultValue() != null && !option.defaultValue().isEmpty()) {
                assertThat(readme).contains("`" + option.defaultValue() + "`");
            }
        }
    }

    private static void assertRefused(String reason, String... args) {
        assertThatThrownBy(() -> GatewayCommand.parse(args))
                .isInstanceOf(UsageException.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
