package io.learnpulse.gateway.store;

import static io.learnpulse.gateway.store.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;
import io.learnpulse.testkit.MovableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Silences and preferences on SQLite and on PostgreSQL: what an active silence does to stored alerts, and expiry. */
class SilencesTest {

    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anAlertMatchingAnActiveSilenceIsStoredSilencedAndNotOpen(TestDatabase kind) throws Exception {
        MovableClock clock = new MovableClock(START);
        try (Database database = kind.open(dir)) {
            AlertStore store = new AlertStore(database, new ObjectMapper(), clock);
            Silences silences = new Silences(database, clock);
            Silence silence = silences.create(null, "k1", AlertType.HIGH_PERFORMANCE, START.plus(Duration.ofHours(1)),
                    "exam week", "alice");

            AlertStore.Stored stored = store.store(List.of(alert("a1", "u1", "k1", "2026-11-24T10:00:00Z"),
                    alert("a2", "u2", "k2", "2026-11-24T10:00:00Z")), List.of(), List.of());

            // stored, nothing lost; the silenced one says so, and the batch hands it on marked
            assertThat(stored.newAlerts()).extracting(a -> a.alert().status())
                    .containsExactly(AlertStatus.SILENCED, AlertStatus.OPEN);
            assertThat(store.findAlert("a1").orElseThrow().alert().status()).isEqualTo(AlertStatus.SILENCED);
            AlertStats stats = store.stats(null, null, null, null);
            assertThat(stats.total()).isEqualTo(2);
            assertThat(stats.byStatus()).containsEntry("SILENCED", 1L).containsEntry("OPEN", 1L);
            assertThat(silences.matches(store.findAlert("a2").orElseThrow().alert(), START)).isFalse();
            assertThat(silences.matches(store.findAlert("a1").orElseThrow().alert(), START)).isTrue();
            assertThat(silences.list(Set.of("k1"), false)).extracting(Silence::id).containsExactly(silence.id());
            assertThat(silences.list(Set.of("k2"), false)).isEmpty();

            // a silence of another type, or of another learner, does not reach the alert
            Alert otherType = new Alert("x", "u1", "c1", "k1", AlertType.ENGAGEMENT_DROP, Severity.MEDIUM,
                    "2026-11-24T10:00:00Z", null, AlertStatus.OPEN, new ObjectMapper().createObjectNode(), "m", "r");
            assertThat(silences.matches(otherType, START)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSilenceExpiresByItselfAtUntilAndEndsEarlyWhenDeleted(TestDatabase kind) throws Exception {
        MovableClock clock = new MovableClock(START);
        try (Database database = kind.open(dir)) {
            AlertStore store = new AlertStore(database, new ObjectMapper(), clock);
            Silences silences = new Silences(database, clock);
            Silence learner = silences.create("u1", null, null, START.plus(Duration.ofHours(1)), null, "root");
            clock.advance(Duration.ofMinutes(1));
            Silence cohort = silences.create(null, "k2", null, START.plus(Duration.ofDays(1)), "trip", "bob");

            clock.advance(Duration.ofMinutes(59)); // exactly until: over
            store.store(List.of(alert("a1", "u1", "k1", "2026-11-24T13:00:00Z")), List.of(), List.of());
            assertThat(store.findAlert("a1").orElseThrow().alert().status()).isEqualTo(AlertStatus.OPEN);
            assertThat(silences.list(null, false)).extracting(Silence::id).containsExactly(cohort.id());
            assertThat(silences.list(null, true)).extracting(Silence::id).containsExactly(cohort.id(), learner.id());
            assertThat(silences.end(learner.id(), "root")).as("already expired").isFalse();

            assertThat(silences.end(cohort.id(), "alice")).isTrue();
            assertThat(silences.end(cohort.id(), "alice")).as("once").isFalse();
            Silence ended = silences.find(cohort.id()).orElseThrow();
            assertThat(ended.endedBy()).isEqualTo("alice");
            assertThat(ended.endedAt()).isEqualTo(clock.instant().toString());
            store.store(List.of(alert("a2", "u2", "k2", "2026-11-24T13:00:00Z")), List.of(), List.of());
            assertThat(store.findAlert("a2").orElseThrow().alert().status()).isEqualTo(AlertStatus.OPEN);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preferencesAreSavedPerPrincipalWithDefaultsForTheOthers(TestDatabase kind) throws Exception {
        MovableClock clock = new MovableClock(START);
        try (Database database = kind.open(dir)) {
            PreferenceStore preferences = new PreferenceStore(database, clock);
            assertThat(preferences.of("alice")).isEqualTo(Preferences.DEFAULTS);

            preferences.save("alice", List.of(AlertType.MISSED_DEADLINE, AlertType.CONSECUTIVE_LOW_SCORES,
                    AlertType.MISSED_DEADLINE), Severity.MEDIUM, true);
            preferences.save("bob", List.of(), Severity.HIGH, false);
            preferences.save("bob", null, Severity.HIGH, false);

            Preferences alice = preferences.of("alice");
            assertThat(alice.types()).containsExactly(AlertType.CONSECUTIVE_LOW_SCORES, AlertType.MISSED_DEADLINE);
            assertThat(alice.minSeverity()).isEqualTo(Severity.MEDIUM);
            assertThat(alice.updatedAt()).isEqualTo(START.toString());
            assertThat(preferences.of("bob").types()).as("every type").isNull();
            assertThat(preferences.digestSubscribers()).containsExactly("alice");

            Alert high = alert("a", "u1", "k1", "2026-11-24T10:00:00Z");
            assertThat(alice.pushes(high)).as("HIGH_PERFORMANCE is not among alice's types").isFalse();
            assertThat(preferences.of("bob").pushes(high)).as("LOW is below bob's HIGH").isFalse();
            assertThat(Preferences.DEFAULTS.pushes(high)).isTrue();
        }
    }
}
