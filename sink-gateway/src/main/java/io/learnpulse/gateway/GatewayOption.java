package io.learnpulse.gateway;

/**
 * Every option of the gateway: its command-line flag, its key in the {@code --config} properties
 * file, its default and what it means. The README's option table is this enum.
 */
public enum GatewayOption {
    BOOTSTRAP_SERVERS("--bootstrap-servers", "kafka.bootstrap.servers", null,
            "Kafka bootstrap servers, HOST:PORT[,HOST:PORT]. Required."),
    HTTP_PORT("--http-port", "http.port", "7070", "HTTP and WebSocket port (0 picks a free port)."),
    HTTP_HOST("--http-host", "http.host", "0.0.0.0", "Address the HTTP server binds to."),
    ADMIN_TOKEN("--admin-token", "auth.admin.token", null,
            "One extra bearer token with role admin (principal name `admin`), on top of the tokens file."),
    TOKENS_FILE("--tokens-file", "auth.tokens.file", null, "Properties file of bearer tokens and their roles."),
    DATA_DIR("--data-dir", "data.dir", "data/gateway", "Directory of the embedded SQLite database."),
    JDBC_URL("--jdbc-url", "db.url", null,
            "JDBC URL of the database; default `jdbc:sqlite:<data.dir>/gateway.db`. A `jdbc:postgresql:` URL works too."),
    DB_USER("--db-user", "db.user", null, "Database user (PostgreSQL)."),
    DB_PASSWORD("--db-password", "db.password", null, "Database password (PostgreSQL); prefer the config file."),
    ALERTS_TOPIC("--alerts-topic", "topics.alerts", "learner-alerts", "Topic of alerts."),
    METRICS_TOPIC("--metrics-topic", "topics.metrics", "learner-metrics", "Topic of daily figures."),
    CALENDAR_TOPIC("--calendar-topic", "topics.calendar", "course-calendar", "Compacted topic of the course calendar."),
    RISK_TOPIC("--risk-topic", "topics.risk", "learner-risk", "Topic of the learners' risk scores."),
    SETTINGS_TOPIC("--settings-topic", "topics.settings", "learner-settings",
            "Compacted topic that `PUT /api/.../settings` publishes rule-settings overrides to (the job reads it)."),
    SETTINGS_TIMEOUT_MS("--settings-timeout-ms", "kafka.settings.timeout.ms", "10000",
            "How long `PUT /api/.../settings` waits for the broker's acknowledgement before it answers 503."),
    GROUP_ID("--group-id", "kafka.group.id", "learnpulse-gateway",
            "Consumer group; two gateways with their own databases need two groups."),
    ALLOWED_ORIGINS("--allowed-origins", "ws.allowed.origins", "",
            "Comma-separated Origins allowed to open a WebSocket (`*` for any). Empty: only the gateway's own origin. Clients that send no Origin (non-browsers) are allowed."),
    WS_QUEUE_BOUND("--ws-queue-bound", "ws.queue.bound", "256",
            "Frames a WebSocket client may have queued and unwritten; one more and it is disconnected (close code 1008)."),
    HEARTBEAT_MS("--heartbeat-ms", "ws.heartbeat.ms", "15000", "Interval of `{\"kind\":\"heartbeat\"}` frames."),
    MAX_REQUEST_BYTES("--max-request-bytes", "http.max.request.bytes", "65536",
            "Largest accepted request body; larger ones get 413."),
    PAGE_LIMIT("--page-limit", "api.page.limit", "50", "Default `limit` of list endpoints."),
    PAGE_LIMIT_MAX("--page-limit-max", "api.page.limit.max", "500", "Largest `limit` accepted (more is a 400)."),
    ACTIVITY_TOPIC("--activity-topic", "topics.activity", "learner-activity",
            "Topic of learner activity events, pushed live on `/ws/activity` (never stored)."),
    ACTIVITY_GROUP_ID("--activity-group-id", "kafka.activity.group.id", "learnpulse-gateway-activity",
            "Consumer group of the activity stream, apart from the alerts' so it never slows their ingestion."),
    WS_MAX_PER_PRINCIPAL("--ws-max-per-principal", "ws.max.per.principal", "20",
            "Open WebSockets of one principal (token) at most, over /ws/alerts, /ws/metrics and /ws/activity; one more is a 429."),
    ACTIVITY_RATE("--activity-rate", "ws.activity.rate", "10",
            "Activity frames per second at most to one `/ws/activity` client; the rest are counted as skipped."),
    DLQ_TOPIC("--dlq-topic", "topics.dlq", "learner-dlq",
            "The job's dead-letter topic, counted by reason for the operations view (read from 24 h back at start)."),
    FLINK_REST_URL("--flink-rest-url", "ops.flink.rest.url", null,
            "Base URL of the Flink REST API (`http://jobmanager:8081`) for the operations view; none: the job's state is unknown."),
    FLINK_JOB_NAME("--flink-job-name", "ops.flink.job.name", "learnpulse", "Name of the Flink job the operations view watches."),
    JOB_GROUP_ID("--job-group-id", "ops.job.group.id", "learnpulse-job",
            "The job's Kafka consumer group (where it commits its offsets on checkpoints), for its lag."),
    OPS_SAMPLE_MS("--ops-sample-ms", "ops.sample.ms", "10000",
            "How often the operations view samples the job, the lags and the rates (and updates `/metrics`)."),
    WEBHOOK_RETRY_BASE_MS("--webhook-retry-base-ms", "webhooks.retry.base.ms", "10000",
            "Delay before a failed webhook notification is tried again; it doubles with each failed attempt."),
    WEBHOOK_RETRY_MAX_MS("--webhook-retry-max-ms", "webhooks.retry.max.ms", "600000",
            "Longest delay between two attempts of one webhook notification."),
    WEBHOOK_GIVE_UP_MS("--webhook-give-up-ms", "webhooks.give.up.ms", "86400000",
            "A webhook notification not delivered this long after it was enqueued is given up (state `given_up`).");

    private final String flag;
    private final String key;
    private final String defaultValue;
    private final String description;

    GatewayOption(String flag, String key, String defaultValue, String description) {
        this.flag = flag;
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    public String key() {
        return key;
    }

    /** The default, or null when the option has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    static GatewayOption byFlag(String flag) {
        for (GatewayOption option : values()) {
            if (option.flag.equals(flag)) {
                return option;
            }
        }
        return null;
    }
}
