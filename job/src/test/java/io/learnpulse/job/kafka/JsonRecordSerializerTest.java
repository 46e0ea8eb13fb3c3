package io.learnpulse.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.Severity;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Output records: the docs/alerts.md JSON as value, the userId as key. */
class JsonRecordSerializerTest {
    @Test
    void alertsAreKeyedByUserId() {
        Alert alert = new Alert();
        alert.alertId = "a1";
        alert.userId = "u1";
        alert.type = AlertType.HIGH_PERFORMANCE;
        alert.severity = Severity.LOW;
        alert.eventTime = 1_764_000_000_000L;
        alert.detectedAt = 1_764_000_000_500L;
        alert.status = AlertStatus.OPEN;
        alert.metrics = new AlertMetrics();
        alert.message = "m";
        alert.recommendation = "r";
        ProducerRecord<byte[], byte[]> record = JsonRecordSerializer.alerts("learner-alerts").serialize(alert, null, 5L);
        assertThat(record.topic()).isEqualTo("learner-alerts");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("u1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(JsonCodec.alert(alert));
        assertThat(record.timestamp()).as("Kafka stamps the write time").isNull();
        assertThat(record.partition()).as("partitioned by key").isNull();
    }

    @Test
    void deadLettersAreKeyedByTheirUserIdWhenTheRawInputHasOne() {
        DeadLetter late = new DeadLetter(DeadLetter.LATE, "behind", "{\"userId\":\"u7\",\"eventId\":\"e\"}");
        DeadLetter broken = new DeadLetter(DeadLetter.MALFORMED_JSON, "bad", "{userId: u7");
        JsonRecordSerializer<DeadLetter> serializer = JsonRecordSerializer.deadLetters("learner-dlq");
        assertThat(new String(serializer.serialize(late, null, Long.MIN_VALUE).key(), StandardCharsets.UTF_8))
                .isEqualTo("u7");
        ProducerRecord<byte[], byte[]> record = serializer.serialize(broken, null, Long.MIN_VALUE);
        assertThat(record.key()).isNull();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(JsonCodec.deadLetter(broken));
    }
}
