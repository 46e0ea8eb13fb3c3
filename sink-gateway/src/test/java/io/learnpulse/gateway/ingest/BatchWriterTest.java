package io.learnpulse.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.Quarantined;
import io.learnpulse.gateway.store.RiskScore;
import io.learnpulse.gateway.store.RiskStore;
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
    private static final String RISK = "learner-risk";
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
        return new BatchWriter(store, ALERTS, "course-calendar", RISK, metrics);
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

    private static String risk(String userId, String at, String risk, String band) {
        return "{\"userId\":\"" + userId + "\",\"courseId\":\"c1\",\"cohortId\":\"k1\",\"at\":\"" + at
                + "\",\"risk\":" + risk + ",\"band\":\"" + band + "\",\"modelVersion\":\"test-1\","
                + "\"factors\":[{\"name\":\"shareMissed\",\"value\":0.5,\"contribution\":1.2},"
                + "{\"name\":\"meanScore\",\"value\":null,\"contribution\":0.0}]}";
    }

    /** Risk scores: the valid ones stored once however often the batch is read, the invalid ones quarantined. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void riskScoresAreValidatedQuarantinedAndStoredOnce(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = store(database);
            add(RISK, risk("u1", "2026-11-20T00:00:00Z", "0.4", "low"));
            add(RISK, "{\"userId\":\"u1\"");
            add(RISK, risk("u1", "2026-11-21T00:00:00Z", "1.5", "high"));
            add(RISK, risk("u1", "2026-11-21T00:00:00Z", "0.9", "severe"));
            add(RISK, risk("u1", "2026-11-21T00:00:00Z", "0.9", "high").replace("\"courseId\":\"c1\",", ""));
            add(RISK, risk("u\\u0007", "2026-11-21T00:00:00Z", "0.9", "high"));
            add(RISK, risk("u1", "2026-11-21T00:00:00+00:00", "0.81", "high"));

            writer(store).write(batch);
            writer(store).write(batch); // read again after a crash before the commit

            RiskStore risks = new RiskStore(database, MAPPER);
            assertThat(risks.history("u1", null, null, null, 10).items())
                    .extracting(RiskScore::at, RiskScore::risk, RiskScore::band)
                    .containsExactly(tuple("2026-11-21T00:00:00Z", 0.81, "high"), tuple("2026-11-20T00:00:00Z", 0.4, "low"));
            assertThat(risks.history("u1", null, null, null, 10).items().get(1).factors())
                    .containsExactly(new RiskScore.Factor("shareMissed", 0.5, 1.2), new RiskScore.Factor("meanScore", null, 0.0));
            assertThat(store.quarantined()).extracting(Quarantined::offset).containsExactly(1L, 2L, 3L, 4L, 5L);
            for (Quarantined record : store.quarantined()) {
                assertThat(record.topic()).isEqualTo(RISK);
                assertThat(record.rawValue()).isEqualTo(batch.get((int) record.offset()).value());
            }
            assertThat(store.quarantined()).extracting(Quarantined::reason).allMatch(reason -> !reason.isBlank());
            assertThat(poison(RISK)).as("counted each time read").isEqualTo(10);
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
