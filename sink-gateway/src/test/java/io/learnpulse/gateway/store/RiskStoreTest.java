package io.learnpulse.gateway.store;

import static io.learnpulse.gateway.store.TestAlerts.figures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The risk scores and the cohort summary on SQLite and on a real PostgreSQL server. */
class RiskStoreTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static RiskScore score(String userId, String courseId, String cohortId, String at, double risk, String band) {
        return new RiskScore(userId, courseId, cohortId, at, risk, band, "test-1",
                List.of(new RiskScore.Factor("shareMissed", 0.5, 1.2), new RiskScore.Factor("meanScore", null, 0.0)));
    }

    private static Alert alert(String alertId, String userId, String cohortId, AlertType type, Severity severity) {
        return new Alert(alertId, userId, "c1", cohortId, type, severity, "2026-11-20T00:00:00Z", "2026-11-20T00:00:01Z",
                AlertStatus.OPEN, JsonNodeFactory.instance.objectNode(), "m", "r");
    }

    private static void storeRisks(AlertStore store, RiskScore... scores) throws Exception {
        store.store(List.of(), List.of(), List.of(), List.of(scores), List.of());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aScoreIsStoredOnceAndReplacedOnlyByADifferentOneOfTheSameMoment(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = new AlertStore(database, MAPPER, CLOCK);
            RiskStore risks = new RiskStore(database, MAPPER);
            RiskScore first = score("u1", "c1", "k1", "2026-11-20T00:00:00Z", 0.4, "low");
            storeRisks(store, first, first);
            storeRisks(store, first); // the batch read again after a crash, or the job's replay
            assertThat(risks.history("u1", null, null, null, 10).items()).containsExactly(first);

            RiskScore rescored = score("u1", "c1", "k1", "2026-11-20T00:00:00Z", 0.55, "medium");
            storeRisks(store, rescored);
            assertThat(risks.history("u1", null, null, null, 10).items()).containsExactly(rescored);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theHistoryIsNewestFirstAndPagedAndTheLatestIsPerCourse(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = new AlertStore(database, MAPPER, CLOCK);
            RiskStore risks = new RiskStore(database, MAPPER);
            RiskScore day1 = score("u1", "c1", "k1", "2026-11-20T00:00:00Z", 0.3, "low");
            RiskScore day2 = score("u1", "c1", "k1", "2026-11-21T00:00:00Z", 0.6, "medium");
            RiskScore day2other = score("u1", "c2", "k2", "2026-11-21T00:00:00Z", 0.8, "high");
            RiskScore day3 = score("u1", "c1", "k1", "2026-11-22T00:00:00Z", 0.52, "medium");
            RiskScore someoneElse = score("u2", "c1", "k1", "2026-11-23T00:00:00Z", 0.9, "high");
            storeRisks(store, day1, day3, someoneElse, day2other, day2);

            Page<RiskScore> first = risks.history("u1", null, null, null, 2);
            assertThat(first.items()).containsExactly(day3, day2other);
            Page<RiskScore> second = risks.history("u1", null, null, AlertCursor.decode(first.nextCursor()).orElseThrow(), 2);
            assertThat(second.items()).containsExactly(day2, day1);
            assertThat(second.nextCursor()).isNull();

            assertThat(risks.latestByCourse("u1", null, null)).containsExactly(day2other, day3);
            assertThat(risks.latestByCourse("u1", "c1", null)).containsExactly(day3);
            // an instructor of k1 sees the learner's scores of k1 only
            assertThat(risks.latestByCourse("u1", null, Set.of("k1"))).containsExactly(day3);
            assertThat(risks.history("u1", null, Set.of("k1"), null, 10).items()).containsExactly(day3, day2, day1);
            assertThat(store.learnerInCohorts("u1", Set.of("k2"))).as("a learner seen only by its risk scores").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theCohortSummaryRanksByRiskThenBySeverityOfOpenConcerns(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = new AlertStore(database, MAPPER, CLOCK);
            CohortSummaries summaries = new CohortSummaries(database, new RiskStore(database, MAPPER));
            storeRisks(store,
                    score("ana", "c1", "k1", "2026-11-20T00:00:00Z", 0.9, "high"),
                    score("ana", "c1", "k1", "2026-11-22T00:00:00Z", 0.62, "medium"), // her latest
                    score("ben", "c1", "k1", "2026-11-22T00:00:00Z", 0.62, "medium"),
                    score("ben", "c2", "k1", "2026-11-22T00:00:00Z", 0.2, "low"), // his other course: less at risk
                    score("cleo", "c1", "k1", "2026-11-22T00:00:00Z", 0.81, "high"),
                    score("dev", "c1", "k1", "2026-11-22T00:00:00Z", 0.1, "low"),
                    score("zoe", "c1", "k2", "2026-11-22T00:00:00Z", 0.99, "high")); // another cohort
            store.store(List.of(
                    alert("a1", "ana", "k1", AlertType.AT_RISK, Severity.MEDIUM),
                    alert("b1", "ben", "k1", AlertType.MISSED_DEADLINE, Severity.HIGH),
                    alert("b2", "ben", "k1", AlertType.AT_RISK, Severity.MEDIUM),
                    alert("d1", "dev", "k1", AlertType.HIGH_PERFORMANCE, Severity.LOW),
                    alert("e1", "emma", "k1", AlertType.ENGAGEMENT_DROP, Severity.MEDIUM),
                    alert("e2", "emma", "k1", AlertType.LOW_CONSISTENCY, Severity.LOW),
                    alert("f1", "finn", "k1", AlertType.LOW_CONSISTENCY, Severity.LOW),
                    alert("z1", "zoe", "k2", AlertType.MISSED_DEADLINE, Severity.HIGH)),
                    List.of(figures("gus", "2026-11-22", 3)), List.of());
            store.acknowledge("f1", "alice", null, null); // no longer open

            CohortSummary summary = summaries.summary("k1", 10);

            assertThat(summary.learners()).extracting(CohortSummary.Learner::userId)
                    .containsExactly("ana", "ben", "cleo", "dev", "emma", "finn", "gus");
            assertThat(summary.learnerCount()).isEqualTo(7);
            assertThat(summary.learnersByBand()).containsExactly(Map.entry("high", 1L), Map.entry("medium", 2L),
                    Map.entry("low", 1L), Map.entry("unscored", 3L));
            assertThat(summary.learners().get(1)).isEqualTo(new CohortSummary.Learner("ben", "c1", 0.62, "medium",
                    "2026-11-22T00:00:00Z", Map.of("HIGH", 1L, "MEDIUM", 1L, "LOW", 0L)));
            assertThat(summary.openAlerts().total()).isEqualTo(6);
            assertThat(summary.openAlerts().byType()).isEqualTo(Map.of(
                    "AT_RISK", Map.of("MEDIUM", 2L), "MISSED_DEADLINE", Map.of("HIGH", 1L),
                    "HIGH_PERFORMANCE", Map.of("LOW", 1L), "ENGAGEMENT_DROP", Map.of("MEDIUM", 1L),
                    "LOW_CONSISTENCY", Map.of("LOW", 1L)));
            assertThat(summary.openAlerts().bySeverity()).containsExactly(Map.entry("HIGH", 1L),
                    Map.entry("MEDIUM", 3L), Map.entry("LOW", 2L));
            // by risk; ana and ben tie at 0.62 and ben's open HIGH puts him first; then the unscored by severity;
            // dev (low, only good news), finn (acknowledged) and gus (nothing) are not of concern
            assertThat(summary.lookFirst()).extracting(CohortSummary.Learner::userId)
                    .containsExactly("cleo", "ben", "ana", "emma");
            assertThat(summaries.summary("k1", 2).lookFirst()).extracting(CohortSummary.Learner::userId)
                    .containsExactly("cleo", "ben");
            assertThat(summaries.summary("k9", 10).learners()).isEmpty();
        }
    }
}
