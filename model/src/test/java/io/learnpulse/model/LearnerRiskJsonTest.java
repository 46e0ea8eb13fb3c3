package io.learnpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The risk score's wire form (docs/alerts.md): exactly the shape the gateway ingests, read back validated. */
class LearnerRiskJsonTest {
    private static final long MIDNIGHT = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

    @Test
    void aRiskScoreIsWrittenInItsDocumentedShapeAndReadBack() throws Exception {
        LearnerRisk risk = risk();
        String json = JsonCodec.learnerRisk(risk);
        assertThat(json).isEqualTo("{\"userId\":\"u1\",\"courseId\":\"c1\",\"cohortId\":null,"
                + "\"at\":\"2026-11-25T00:00:00Z\",\"risk\":0.8,\"band\":\"high\",\"modelVersion\":\"m-1\","
                + "\"factors\":[{\"name\":\"shareMissed\",\"value\":0.5,\"contribution\":1.25},"
                + "{\"name\":\"meanScore\",\"value\":null,\"contribution\":0.0}]}");
        assertThat(JsonCodec.readLearnerRisk(json)).isEqualTo(risk);
    }

    @Test
    void anAtRiskAlertCarriesItsFactorsWithUndefinedValuesAsNull() throws Exception {
        Alert alert = new Alert();
        alert.alertId = "a1";
        alert.userId = "u1";
        alert.type = AlertType.AT_RISK;
        alert.severity = Severity.MEDIUM;
        alert.eventTime = MIDNIGHT;
        alert.detectedAt = MIDNIGHT;
        alert.status = AlertStatus.OPEN;
        alert.metrics = new AlertMetrics();
        alert.metrics.risk = 0.6;
        alert.metrics.band = "medium";
        alert.metrics.modelVersion = "m-1";
        alert.metrics.factors = risk().factors;
        alert.metrics.mediumThreshold = 0.5;
        alert.metrics.highThreshold = 0.75;
        String json = JsonCodec.alert(alert);
        assertThat(json).contains("\"metrics\":{\"risk\":0.6,\"band\":\"medium\",\"modelVersion\":\"m-1\","
                + "\"factors\":[{\"name\":\"shareMissed\",\"value\":0.5,\"contribution\":1.25},"
                + "{\"name\":\"meanScore\",\"value\":null,\"contribution\":0.0}],"
                + "\"mediumThreshold\":0.5,\"highThreshold\":0.75}");
        assertThat(JsonCodec.readAlert(json)).isEqualTo(alert);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'courseId':'c','at':'2026-11-25T00:00:00Z','risk':0.5,'band':'low','modelVersion':'m'} | missing_field | 'userId'",
        "{'userId':'u','at':'2026-11-25T00:00:00Z','risk':0.5,'band':'low','modelVersion':'m'} | missing_field | 'courseId'",
        "{'userId':'u','courseId':'c','at':'yesterday','risk':0.5,'band':'low','modelVersion':'m'} | bad_timestamp | 'at'",
        "{'userId':'u','courseId':'c','at':'2026-11-25T00:00:00Z','risk':1.5,'band':'low','modelVersion':'m'} | out_of_range | 'risk'",
        "{'userId':'u','courseId':'c','at':'2026-11-25T00:00:00Z','band':'low','modelVersion':'m'} | missing_field | 'risk'",
        "{'userId':'u','courseId':'c','at':'2026-11-25T00:00:00Z','risk':0.5,'band':'HIGH','modelVersion':'m'} | invalid_value | band 'HIGH'",
        "{'userId':'u','courseId':'c','at':'2026-11-25T00:00:00Z','risk':0.5,'band':'low'} | missing_field | 'modelVersion'",
        "{'userId':'u','courseId':'c','at':'2026-11-25T00:00:00Z','risk':0.5,'band':'low','modelVersion':'m','factors':{}} | invalid_value | 'factors'",
        "{'userId':'u','courseId':'c','at':'2026-11-25T00:00:00Z','risk':0.5,'band':'low','modelVersion':'m','factors':[{'name':'x','value':'1','contribution':0}]} | invalid_value | 'value'",
        "{'userId':'u','courseId':'c','at':'2026-11-25T00:00:00Z','risk':0.5,'band':'low','modelVersion':'m','factors':[{'name':'x','value':1}]} | missing_field | 'contribution'",
    })
    void anInvalidRiskScoreIsRefusedWithItsReason(String json, String reason, String detail) {
        assertThatThrownBy(() -> JsonCodec.readLearnerRisk(json.replace('\'', '"')))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @Test
    void absentFactorsAreNone() throws Exception {
        LearnerRisk r = JsonCodec.readLearnerRisk("{\"userId\":\"u\",\"courseId\":\"c\",\"at\":\"2026-11-25T00:00:00Z\","
                + "\"risk\":0.1,\"band\":\"low\",\"modelVersion\":\"m\",\"later\":true}");
        assertThat(r.factors).isEmpty();
        assertThat(r.cohortId).isNull();
    }

    private static LearnerRisk risk() {
        LearnerRisk r = new LearnerRisk();
        r.userId = "u1";
        r.courseId = "c1";
        r.at = MIDNIGHT;
        r.risk = 0.8;
        r.band = "high";
        r.modelVersion = "m-1";
        r.factors = List.of(new RiskFactor("shareMissed", 0.5, 1.25), new RiskFactor("meanScore", null, 0.0));
        return r;
    }
}
