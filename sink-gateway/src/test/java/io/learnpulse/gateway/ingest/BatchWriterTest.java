package io.learnpulse.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.Quarantined;
import io.learnpulse.gateway.store.StoredAlert;
import io.learnpulse.gateway.store.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Defect 1 of issue 11: no record stops ingestion, none is lost; on SQLite and on PostgreSQL. */
class BatchWriterTest {

    private static final String ALERTS = "learner-alerts";
    private static final String METRICS = "learner-metrics";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();

    private void add(String topic, String value) {
        batch.add(new ConsumerRecord<>(topic, 0, batch.size(), "key", value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String alert(String alertId, String userId, String type, String severity, String eventTime) {
        return "{\"alertId\":\"" + alertId + "\",\"userId\":\"" + userId + "\",\"cohortId\":\"k1\",\"type\":\"" + type
                + "\",\"severity\":\"" + severity + "\",\"eventTime\":\"" + eventTime + "\",\"metrics\":{}}";
    }

    private BatchWriter writer(AlertStore store) {
        return new BatchWriter(store, ALERTS, "course-calendar", metrics);
    }

    private static AlertStore store(Database database) {
        return new AlertStore(database, MAPPER, Clock.systemUTC());
    }

    private double poison(String topic) {
        return registry.scrape().lines()
                .filter(line -> line.startsWith("learnpulse_gateway_records_poison_total{topic=\"" + topic + "\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void invalidRecordsAreQuarantinedWithTheirBytesAndTheOthersStored(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = store(database);
            add(ALERTS, alert("good-1", "u1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
            add(ALERTS, "not json");
            add(ALERTS, alert("bad-type", "u1", "NOT_A_RULE", "LOW", "2026-11-24T10:00:00Z"));
            add(ALERTS, alert("bad-severity", "u1", "HIGH_PERFORMANCE", "URGENT", "2026-11-24T10:00:00Z"));
            add(ALERTS, alert("far-future", "u1", "HIGH_PERFORMANCE", "LOW", "+300000000-01-01T00:00:00Z"));
            add(ALERTS, alert("nul", "u\\u00001", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
            add(METRICS, "{\"userId\":\"u1\",\"day\":\"+10000-01-01\",\"events\":1}");
            add(ALERTS, alert("good-2", "u1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:01:00Z"));

            AlertStore.Stored stored = writer(store).write(batch);

            assertThat(stored.newAlerts()).extracting(a -> a.alert().alertId()).containsExactly("good-1", "good-2");
            assertThat(store.quarantined()).extracting(Quarantined::offset).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            for (Quarantined record : store.quarantined()) {
                ConsumerRecord<String, byte[]> source = batch.get((int) record.offset());
                assertThat(record.topic()).isEqualTo(source.topic());
                assertThat(record.rawValue()).isEqualTo(source.value());
                assertThat(record.reason()).isNotBlank().doesNotContain("\u0000");
            }
            assertThat(poison(ALERTS)).isEqualTo(5);
            assertThat(poison(METRICS)).isEqualTo(1);
        }
    }

    /** A record the parser lets through but the database refuses is isolated, quarantined, and the rest go on. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRecordTheDatabaseRefusesIsQuarantinedAndTheOthersStored(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            kind.refuseAlertsOf(database, "refused");
            AlertStore store = store(database);
            add(ALERTS, alert("a1", "u1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
            add(ALERTS, alert("a2", "refused", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
            add(METRICS, "{\"userId\":\"u1\",\"day\":\"2026-11-24\",\"events\":1}");
            add(ALERTS, alert("a3", "u1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));

            AlertStore.Stored stored = writer(store).write(batch);

            assertThat(stored.newAlerts()).extracting(a -> a.alert().alertId()).containsExactly("a1", "a3");
            assertThat(stored.newAlerts()).extracting(StoredAlert::sequence).containsExactly(1L, 2L);
            assertThat(stored.changedFigures()).hasSize(1);
            assertThat(store.quarantined()).singleElement().satisfies(record -> {
                assertThat(record.offset()).isEqualTo(1);
                assertThat(record.reason()).startsWith("refused by the database: ");
                assertThat(record.rawValue()).isEqualTo(batch.get(1).value());
            });
            assertThat(poison(ALERTS)).isEqualTo(1);
        }
    }

    /** A database that does not answer is not the records' fault: the batch fails and nothing is quarantined. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anUnreachableDatabaseFailsTheBatchWithoutQuarantining(TestDatabase kind) throws Exception {
        Database database = kind.open(dir);
        AlertStore store = store(database);
        add(ALERTS, alert("a1", "u1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
        database.close();

        assertThatThrownBy(() -> writer(store).write(batch)).isInstanceOf(java.sql.SQLException.class);
        assertThat(poison(ALERTS)).isZero();
    }
}
