package io.learnpulse.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.learnpulse.gateway.auth.TokenRegistry;
import io.learnpulse.gateway.notify.RetryPolicy;

/**
 * The gateway's settings, always built from option values: the command line's and an optional
 * properties file's ({@link GatewayCommand}), or in code from {@link #defaults} and
 * {@link #with(GatewayOption, Object)} (the demo does this). {@link #values} holds the values given;
 * the typed components are derived from them with the options' defaults, so an option is added
 * in {@link GatewayOption}, as a component and as one line of {@link #fromValues}.
 */
public record GatewayConfig(
        Map<GatewayOption, String> values,
        String bootstrapServers,
        String httpHost,
        int httpPort,
        String adminToken,
        Path tokensFile,
        Path dataDir,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String alertsTopic,
        String metricsTopic,
        String calendarTopic,
        String riskTopic,
        String settingsTopic,
        Duration settingsTimeout,
        String groupId,
        List<String> allowedOrigins,
        int wsQueueBound,
        Duration heartbeatInterval,
        long maxRequestBytes,
        int pageLimit,
        int pageLimitMax,
        String activityTopic,
        String activityGroupId,
        int activityRate,
        String dlqTopic,
        String flinkRestUrl,
        String flinkJobName,
        String jobGroupId,
        Duration opsSampleInterval,
        int wsMaxPerPrincipal,
        RetryPolicy webhookRetry) {

    public GatewayConfig {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), GatewayOption.BOOTSTRAP_SERVERS, "is required");
        require(adminToken == null || adminToken.length() >= TokenRegistry.MIN_TOKEN_LENGTH, GatewayOption.ADMIN_TOKEN,
                "must be at least " + TokenRegistry.MIN_TOKEN_LENGTH + " characters");
        require(httpPort >= 0 && httpPort <= 65535, GatewayOption.HTTP_PORT, "must be between 0 and 65535");
        require(wsQueueBound >= 1, GatewayOption.WS_QUEUE_BOUND, "must be at least 1");
        require(!heartbeatInterval.isNegative() && !heartbeatInterval.isZero(), GatewayOption.HEARTBEAT_MS, "must be positive");
        require(maxRequestBytes >= 1024, GatewayOption.MAX_REQUEST_BYTES, "must be at least 1024");
        require(pageLimitMax >= 1, GatewayOption.PAGE_LIMIT_MAX, "must be at least 1");
        require(pageLimit >= 1 && pageLimit <= pageLimitMax, GatewayOption.PAGE_LIMIT, "must be between 1 and " + pageLimitMax);
        require(!alertsTopic.isBlank(), GatewayOption.ALERTS_TOPIC, "must not be empty");
        require(!metricsTopic.isBlank(), GatewayOption.METRICS_TOPIC, "must not be empty");
        require(!calendarTopic.isBlank(), GatewayOption.CALENDAR_TOPIC, "must not be empty");
        require(!riskTopic.isBlank(), GatewayOption.RISK_TOPIC, "must not be empty");
        require(!settingsTopic.isBlank(), GatewayOption.SETTINGS_TOPIC, "must not be empty");
        require(settingsTimeout.toMillis() >= 100, GatewayOption.SETTINGS_TIMEOUT_MS, "must be at least 100");
        require(!groupId.isBlank(), GatewayOption.GROUP_ID, "must not be empty");
        require(!activityTopic.isBlank(), GatewayOption.ACTIVITY_TOPIC, "must not be empty");
        require(!activityGroupId.isBlank() && !activityGroupId.equals(groupId), GatewayOption.ACTIVITY_GROUP_ID,
                "must not be empty nor the alerts' group");
        require(activityRate >= 1, GatewayOption.ACTIVITY_RATE, "must be at least 1");
        require(wsMaxPerPrincipal >= 1, GatewayOption.WS_MAX_PER_PRINCIPAL, "must be at least 1");
        require(!dlqTopic.isBlank(), GatewayOption.DLQ_TOPIC, "must not be empty");
        require(flinkRestUrl == null || flinkRestUrl.startsWith("http://") || flinkRestUrl.startsWith("https://"),
                GatewayOption.FLINK_REST_URL, "must be an http:// or https:// URL");
        require(opsSampleInterval.toMillis() >= 100, GatewayOption.OPS_SAMPLE_MS, "must be at least 100");
        allowedOrigins = List.copyOf(allowedOrigins);
        Map<GatewayOption, String> given = new EnumMap<>(GatewayOption.class);
        given.putAll(values);
        values = Collections.unmodifiableMap(given);
    }

    /** Every option at its default, with the given Kafka bootstrap servers. */
    public static GatewayConfig defaults(String bootstrapServers) {
        Map<GatewayOption, String> values = new EnumMap<>(GatewayOption.class);
        values.put(GatewayOption.BOOTSTRAP_SERVERS, bootstrapServers);
        return fromValues(values);
    }

    /** The configuration of these option values (the rest at their defaults), checked. */
    static GatewayConfig fromValues(Map<GatewayOption, String> values) {
        OptionValues v = new OptionValues(values);
        Path dataDir = Path.of(v.text(GatewayOption.DATA_DIR));
        return new GatewayConfig(
                values,
                v.text(GatewayOption.BOOTSTRAP_SERVERS),
                v.text(GatewayOption.HTTP_HOST),
                v.integer(GatewayOption.HTTP_PORT),
                v.text(GatewayOption.ADMIN_TOKEN),
                v.path(GatewayOption.TOKENS_FILE),
                dataDir,
                v.text(GatewayOption.JDBC_URL),
                v.text(GatewayOption.DB_USER),
                v.text(GatewayOption.DB_PASSWORD),
                v.text(GatewayOption.ALERTS_TOPIC),
                v.text(GatewayOption.METRICS_TOPIC),
                v.text(GatewayOption.CALENDAR_TOPIC),
                v.text(GatewayOption.RISK_TOPIC),
                v.text(GatewayOption.SETTINGS_TOPIC),
                Duration.ofMillis(v.integer(GatewayOption.SETTINGS_TIMEOUT_MS)),
                v.text(GatewayOption.GROUP_ID),
                v.list(GatewayOption.ALLOWED_ORIGINS),
                v.integer(GatewayOption.WS_QUEUE_BOUND),
                Duration.ofMillis(v.integer(GatewayOption.HEARTBEAT_MS)),
                v.integer(GatewayOption.MAX_REQUEST_BYTES),
                v.integer(GatewayOption.PAGE_LIMIT),
                v.integer(GatewayOption.PAGE_LIMIT_MAX),
                v.text(GatewayOption.ACTIVITY_TOPIC),
                v.text(GatewayOption.ACTIVITY_GROUP_ID),
                v.integer(GatewayOption.ACTIVITY_RATE),
                v.text(GatewayOption.DLQ_TOPIC),
                v.text(GatewayOption.FLINK_REST_URL),
                v.text(GatewayOption.FLINK_JOB_NAME),
                v.text(GatewayOption.JOB_GROUP_ID),
                Duration.ofMillis(v.integer(GatewayOption.OPS_SAMPLE_MS)),
                v.integer(GatewayOption.WS_MAX_PER_PRINCIPAL),
                webhookRetry(v));
    }

    private static RetryPolicy webhookRetry(OptionValues v) {
        int base = v.integer(GatewayOption.WEBHOOK_RETRY_BASE_MS);
        int max = v.integer(GatewayOption.WEBHOOK_RETRY_MAX_MS);
        int giveUp = v.integer(GatewayOption.WEBHOOK_GIVE_UP_MS);
        require(base >= 1, GatewayOption.WEBHOOK_RETRY_BASE_MS, "must be at least 1");
        require(max >= base, GatewayOption.WEBHOOK_RETRY_MAX_MS, "must be at least " + GatewayOption.WEBHOOK_RETRY_BASE_MS.flag());
        require(giveUp >= 0, GatewayOption.WEBHOOK_GIVE_UP_MS, "must not be negative");
        return new RetryPolicy(Duration.ofMillis(base), Duration.ofMillis(max), Duration.ofMillis(giveUp));
    }

    /** The JDBC URL in effect: the configured one, else the SQLite file under the data directory. */
    public String effectiveJdbcUrl() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        return "jdbc:sqlite:" + dataDir.resolve("gateway.db").toAbsolutePath();
    }

    public boolean usesEmbeddedDatabase() {
        return effectiveJdbcUrl().startsWith("jdbc:sqlite:");
    }

    /**
     * This configuration with one option set as on the command line ({@code value} as its text:
     * {@code with(GatewayOption.HTTP_PORT, 0)}), checked like the rest.
     */
    public GatewayConfig with(GatewayOption option, Object value) {
        Map<GatewayOption, String> changed = new EnumMap<>(GatewayOption.class);
        changed.putAll(values);
        changed.put(option, value == null ? null : String.valueOf(value));
        return fromValues(changed);
    }

    private static void require(boolean condition, GatewayOption option, String reason) {
        if (!condition) {
            throw new ConfigException(option.flag() + " (" + option.key() + ") " + reason);
        }
    }

    /** Option values with their defaults, converted with one-line errors. */
    private record OptionValues(Map<GatewayOption, String> values) {
        String text(GatewayOption option) {
            String value = values.getOrDefault(option, option.defaultValue());
            return value == null || value.isBlank() ? option.defaultValue() : value;
        }

        int integer(GatewayOption option) {
            String value = text(option);
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(option.flag() + " (" + option.key() + ") must be an integer, not '" + value + "'");
            }
        }

        Path path(GatewayOption option) {
            String value = text(option);
            return value == null ? null : Path.of(value);
        }

        List<String> list(GatewayOption option) {
            String value = text(option);
            if (value == null || value.isBlank()) {
                return List.of();
            }
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}
