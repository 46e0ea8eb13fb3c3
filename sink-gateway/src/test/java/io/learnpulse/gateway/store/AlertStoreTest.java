package io.learnpulse.gateway.store;

import static io.learnpulse.gateway.store.TestAlerts.alert;
import static io.learnpulse.gateway.store.TestAlerts.figures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store on SQLite and on a real PostgreSQL server: the same migrations, queries and assertions. */
class AlertStoreTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private static final AlertQuery ALL = AlertQuery.ANY;

    @TempDir
    Path dir;

    private static AlertStore store(Database database) {
        return new AlertStore(database, MAPPER, CLOCK);
    }

    private static List<Long> sequences(List<StoredAlert> alerts) {
        return alerts.stream().map(StoredAlert::sequence).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void storesEachAlertOnceInInsertionOrder(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = store(database);
            AlertStore.Stored first = store.store(List.of(alert("a1", "u1", "k1", "2026-11-24T10:00:00Z"),
                    alert("a2", "u1", "k1", "2026-11-24T09:00:00Z")), List.of(), List.of());
            AlertStore.Stored again = store.store(List.of(alert("a2", "u1", "k1", "2026-11-24T09:00:00Z"),
                    alert("a3", "u2", null, "2026-11-24T11:00:00Z")), List.of(), List.of());

            assertThat(sequences(first.newAlerts())).containsExactly(1L, 2L);
            assertThat(again.duplicateAlerts()).isEqualTo(1);
            assertThat(sequences(again.newAlerts())).containsExactly(3L);
            assertThat(store.countAlerts()).isEqualTo(3);
            assertThat(store.alertsAfter(1, ALL, 10)).extracting(a -> a.alert().alertId())
                    .containsExactly("a2", "a3");
            Page<Alert> page = store.findAlerts(ALL, null, 2);
            assertThat(page.items()).extracting(Alert::alertId).containsExactly("a3", "a1");
            assertThat(store.findAlerts(ALL, AlertCursor.decode(page.nextCursor()).orElseThrow(), 2).items())
                    .extracting(Alert::alertId).containsExactly("a2");
        }
    }

    /**
     * Defect 2 of issue 11: the next sequence was kept in memory, so a writer whose picture of the table
     * was stale (a commit that went through while its answer was lost, or a second gateway) reused a
     * sequence and failed on the unique constraint on every retry.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSequenceComesFromTheDatabaseNotFromMemory(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore one = store(database);
            AlertStore other = store(database);
            one.store(List.of(alert("a1", "u1", "k1", "2026-11-24T10:00:00Z")), List.of(), List.of());
            AlertStore.Stored stored = other.store(List.of(alert("a2", "u1", "k1", "2026-11-24T10:01:00Z")),
                    List.of(), List.of());
            AlertStore.Stored next = one.store(List.of(alert("a3", "u1", "k1", "2026-11-24T10:02:00Z")),
                    List.of(), List.of());

            assertThat(sequences(stored.newAlerts())).containsExactly(2L);
            assertThat(sequences(next.newAlerts())).containsExactly(3L);
        }
    }

    /**
     * Two writers on one database (two gateways): each alert once, also one that both offer, and the
     * sequences unique and without a gap.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentWritersTakeTurns(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<StoredAlert>>> results = new ArrayList<>();
                for (String writerName : List.of("one", "other")) {
                    AlertStore writer = store(database);
                    // ten batches of three own alerts and one that the other writer offers too
                    Callable<List<StoredAlert>> task = () -> {
                        List<StoredAlert> inserted = new ArrayList<>();
                        for (int batch = 0; batch < 10; batch++) {
                            List<Alert> alerts = new ArrayList<>();
                            for (int i = 0; i < 3; i++) {
                                alerts.add(alert(writerName + "-" + batch + "-" + i, "u1", "k1", "2026-11-24T10:00:00Z"));
                            }
                            alerts.add(alert("shared-" + batch, "u1", "k1", "2026-11-24T10:00:00Z"));
                            inserted.addAll(writer.store(alerts, List.of(), List.of()).newAlerts());
                        }
                        return inserted;
                    };
                    results.add(pool.submit(task));
                }
                List<StoredAlert> all = new ArrayList<>();
                for (Future<List<StoredAlert>> result : results) {
                    all.addAll(result.get(60, TimeUnit.SECONDS));
                }
                assertThat(all).extracting(a -> a.alert().alertId()).hasSize(70).doesNotHaveDuplicates();
                assertThat(sequences(all)).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 70).boxed().toList());
                assertThat(store(database).alertsAfter(0, ALL, 100)).extracting(StoredAlert::sequence)
                        .isSorted().hasSize(70);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void figuresAreUpsertedAndReportedOnlyWhenChanged(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = store(database);
            assertThat(store.store(List.of(), List.of(figures("u1", "2026-11-24", 5)), List.of()).changedFigures())
                    .hasSize(1);
            assertThat(store.store(List.of(), List.of(figures("u1", "2026-11-24", 5)), List.of()).changedFigures())
                    .isEmpty();
            assertThat(store.store(List.of(), List.of(figures("u1", "2026-11-24", 7)), List.of()).changedFigures())
                    .hasSize(1);
            assertThat(store.figures("u1", null, null, null, null, 10).items()).extracting(DailyFigures::events)
                    .containsExactly(7);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void acknowledgementsAreOncePerPrincipalAndCounted(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = store(database);
            store.store(List.of(alert("a1", "u1", "k1", "2026-11-24T10:00:00Z")), List.of(), List.of());
            assertThat(store.acknowledge("a1", "alice", "seen", Acknowledgement.USEFUL)).isTrue();
            assertThat(store.acknowledge("a1", "alice", "again", null)).isFalse();
            assertThat(store.acknowledge("a1", "bob", null, null)).isTrue();
            assertThat(store.acknowledgements("a1")).extracting(Acknowledgement::by).containsExactly("alice", "bob");
            assertThat(store.findAlert("a1").orElseThrow().alert().status()).isEqualTo(io.learnpulse.model.AlertStatus.ACKNOWLEDGED);
            AlertStats stats = store.stats("k1", null, null, null);
            assertThat(stats.total()).isEqualTo(1);
            assertThat(stats.feedbackByType().get("HIGH_PERFORMANCE").usefulShare()).isEqualTo(0.5);
        }
    }

    /** Quarantined records keep their bytes exactly (NUL included) and are kept once per Kafka position. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void quarantineKeepsRawBytesOncePerPosition(TestDatabase kind) throws Exception {
        try (Database database = kind.open(dir)) {
            AlertStore store = store(database);
            byte[] raw = "{\"userId\":\"u\u0000\"}".getBytes(StandardCharsets.UTF_8);
            Quarantined record = new Quarantined("learner-alerts", 1, 42, raw, "missing alertId");
            store.store(List.of(), List.of(), List.of(record));
            store.store(List.of(), List.of(), List.of(record));

            assertThat(store.quarantined()).singleElement().satisfies(stored -> {
                assertThat(stored.topic()).isEqualTo("learner-alerts");
                assertThat(stored.partition()).isEqualTo(1);
                assertThat(stored.offset()).isEqualTo(42);
                assertThat(stored.rawValue()).isEqualTo(raw);
                assertThat(stored.reason()).isEqualTo("missing alertId");
            });
        }
    }
}
