package io.learnpulse.gateway.store;

import static io.learnpulse.gateway.store.Jdbc.number;
import static io.learnpulse.gateway.store.Jdbc.setNumber;
import static io.learnpulse.gateway.store.Jdbc.setText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.Jdbc.RowMapper;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.Severity;

/**
 * The alert history, acknowledgements and daily figures, over JDBC with bound parameters only and
 * SQL that SQLite and PostgreSQL both run. The insertion sequence of alerts is read and advanced in
 * the database inside each storing transaction (table {@code alert_sequence}), never kept in memory:
 * a commit whose answer was lost, or another gateway writing to the same database, cannot make a
 * sequence number be used twice.
 */
public final class AlertStore {

    /** What one batch changed: the alerts that were new, the daily figures that were new or different. */
    public record Stored(List<StoredAlert> newAlerts, List<DailyFigures> changedFigures, int duplicateAlerts) {

        public static final Stored NOTHING = new Stored(List.of(), List.of(), 0);

        /** This batch's changes followed by {@code later}'s. */
        public Stored and(Stored later) {
            List<StoredAlert> alerts = new ArrayList<>(newAlerts);
            alerts.addAll(later.newAlerts);
            List<DailyFigures> figures = new ArrayList<>(changedFigures);
            figures.addAll(later.changedFigures);
            return new Stored(alerts, figures, duplicateAlerts + later.duplicateAlerts);
        }
    }

    private static final String ALERT_COLUMNS = "seq, alert_id, user_id, course_id, cohort_id, type, severity, "
            + "status, event_time, detected_at, metrics, message, recommendation";

    /**
     * Work done inside the transaction that stores new alerts, before it commits: what it writes is
     * committed with the alerts or not at all (the outbox of notifications).
     */
    @FunctionalInterface
    public interface InTransaction {

        InTransaction NOTHING = (connection, alerts) -> { };

        void newAlerts(Connection connection, List<StoredAlert> alerts) throws SQLException;
    }

    private final Database database;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final InTransaction withNewAlerts;

    public AlertStore(Database database, ObjectMapper mapper, Clock clock) {
        this(database, mapper, clock, InTransaction.NOTHING);
    }

    /** {@code withNewAlerts}: run in each storing transaction that has new alerts. */
    public AlertStore(Database database, ObjectMapper mapper, Clock clock, InTransaction withNewAlerts) {
        this.database = database;
        this.mapper = mapper;
        this.clock = clock;
        this.withNewAlerts = withNewAlerts;
    }

    /** {@link #store(List, List, List, List, List)} without calendar items and risk scores. */
    public Stored store(List<Alert> alerts, List<DailyFigures> figures, List<Quarantined> quarantined)
            throws SQLException {
        return store(alerts, figures, List.of(), List.of(), quarantined);
    }

    /**
     * Stores a batch in one transaction: each alert once (an alertId already stored changes nothing;
     * one that matches a silence active now is stored with status SILENCED and the silence's id),
     * each daily figure upserted by (userId, day), each calendar item in order (it replaces the item of
     * the same course and id, a deletion removes it), each risk score upserted by (userId, courseId, at),
     * each quarantined record once per Kafka position.
     */
    public Stored store(List<Alert> alerts, List<DailyFigures> figures, List<CalendarItem> calendar,
            List<RiskScore> risks, List<Quarantined> quarantined) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                List<StoredAlert> newAlerts = new ArrayList<>();
                int duplicates = 0;
                Instant storedAt = clock.instant();
                String now = storedAt.toString();
                if (!alerts.isEmpty()) {
                    long sequence = lockSequence(connection);
                    List<Silence> silences = Silences.active(connection, storedAt);
                    for (Alert alert : alerts) {
                        if (exists(connection, "SELECT 1 FROM alerts WHERE alert_id = ?", alert.alertId())) {
                            duplicates++;
                            continue;
                        }
                        sequence++;
                        Silence silence = Silences.firstMatch(silences, alert, storedAt);
                        Alert stored = silence == null ? alert : alert.withStatus(AlertStatus.SILENCED);
                        insertAlert(connection, sequence, stored, silence == null ? null : silence.id(), now);
                        newAlerts.add(new StoredAlert(sequence, stored));
                    }
                    update(connection, "UPDATE alert_sequence SET last_seq = ? WHERE id = 1", sequence);
                    if (!newAlerts.isEmpty()) {
                        withNewAlerts.newAlerts(connection, newAlerts);
                    }
                }
                List<DailyFigures> changed = new ArrayList<>();
                for (DailyFigures day : figures) {
                    if (upsertFigures(connection, day)) {
                        changed.add(day);
                    }
                }
                for (CalendarItem item : calendar) {
                    CourseCalendar.apply(connection, item);
                }
                for (RiskScore score : risks) {
                    RiskStore.upsert(connection, score, mapper);
                }
                for (Quarantined record : quarantined) {
                    quarantine(connection, record, now);
                }
                connection.commit();
                return new Stored(newAlerts, changed, duplicates);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Locks the sequence row until the transaction ends and reads the last sequence used. The lock makes
     * concurrent writers (several gateways on one PostgreSQL) take turns, and the read, made after the lock
     * is had, sees what the previous holder committed, alerts included.
     */
    private static long lockSequence(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "UPDATE alert_sequence SET last_seq = last_seq WHERE id = 1")) {
            lock.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_seq FROM alert_sequence WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("table alert_sequence has no row: the migrations did not run");
            }
            return rs.getLong(1);
        }
    }

    private static void update(Connection connection, String sql, long value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, value);
            update.executeUpdate();
        }
    }

    private static void quarantine(Connection connection, Quarantined record, String now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM quarantine "
                + "WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?")) {
            select.setString(1, record.topic());
            select.setInt(2, record.partition());
            select.setLong(3, record.offset());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine "
                + "(topic, kafka_partition, kafka_offset, reason, raw_value, quarantined_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, record.topic());
            insert.setInt(2, record.partition());
            insert.setLong(3, record.offset());
            insert.setString(4, record.reason());
            if (record.rawValue() == null) {
                insert.setNull(5, Types.BINARY);
            } else {
                insert.setBytes(5, record.rawValue());
            }
            insert.setString(6, now);
            insert.executeUpdate();
        }
    }

    /** The quarantined records, oldest Kafka position first per topic and partition (for operators and tests). */
    public List<Quarantined> quarantined() {
        return query("SELECT topic, kafka_partition, kafka_offset, raw_value, reason FROM quarantine "
                + "ORDER BY topic, kafka_partition, kafka_offset", List.of(),
                rs -> new Quarantined(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getBytes(4), rs.getString(5)));
    }

    /** True when the database gives a connection that answers. */
    public boolean isReachable() {
        return database.isReachable();
    }

    private void insertAlert(Connection connection, long sequence, Alert alert, String silenceId, String storedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alerts (" + ALERT_COLUMNS
                + ", event_time_ms, stored_at, assessment_id, silence_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, sequence);
            insert.setString(2, alert.alertId());
            insert.setString(3, alert.userId());
            setText(insert, 4, alert.courseId());
            setText(insert, 5, alert.cohortId());
            insert.setString(6, alert.type().name());
            insert.setString(7, alert.severity().name());
            insert.setString(8, alert.status().name());
            insert.setString(9, alert.eventTime());
            setText(insert, 10, alert.detectedAt());
            insert.setString(11, alert.metrics().toString());
            setText(insert, 12, alert.message());
            setText(insert, 13, alert.recommendation());
            insert.setLong(14, alert.eventTimeMillis());
            insert.setString(15, storedAt);
            setText(insert, 16, alert.assessmentId());
            setText(insert, 17, silenceId);
            insert.executeUpdate();
        }
    }

    private boolean upsertFigures(Connection connection, DailyFigures day) throws SQLException {
        Optional<DailyFigures> existing = Optional.empty();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM daily_figures WHERE user_id = ? AND day = ?")) {
            select.setString(1, day.userId());
            select.setString(2, day.day());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    existing = Optional.of(figures(rs));
                }
            }
        }
        if (existing.isPresent() && !existing.get().differsFrom(day)) {
            return false;
        }
        String sql = existing.isPresent()
                ? "UPDATE daily_figures SET course_id = ?, cohort_id = ?, events = ?, assessments = ?, mean_score = ?, "
                        + "progress = ?, consistency_7d = ? WHERE user_id = ? AND day = ?"
                : "INSERT INTO daily_figures (course_id, cohort_id, events, assessments, mean_score, progress, "
                        + "consistency_7d, user_id, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            setText(write, 1, day.courseId());
            setText(write, 2, day.cohortId());
            write.setInt(3, day.events());
            write.setInt(4, day.assessments());
            setNumber(write, 5, day.meanScore());
            setNumber(write, 6, day.progress());
            setNumber(write, 7, day.consistency7d());
            write.setString(8, day.userId());
            write.setString(9, day.day());
            write.executeUpdate();
        }
        return true;
    }

    /** One page of alerts matching {@code query}, newest first by (eventTime, alertId). */
    public Page<Alert> findAlerts(AlertQuery query, AlertCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.where(sql, parameters);
        if (after != null) {
            after.whereAfter(sql, parameters, "event_time_ms", "alert_id");
        }
        sql.append(" ORDER BY event_time_ms DESC, alert_id DESC LIMIT ?");
        parameters.add(limit + 1);
        return Page.of(query(sql.toString(), parameters, rs -> alert(rs).alert()), limit,
                alert -> AlertCursor.after(alert).encode());
    }

    /** Alerts matching {@code query} stored after sequence {@code afterSequence}, in insertion order. */
    public List<StoredAlert> alertsAfter(long afterSequence, AlertQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE seq > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(afterSequence);
        query.where(sql, parameters);
        sql.append(" ORDER BY seq LIMIT ?");
        parameters.add(limit);
        return query(sql.toString(), parameters, this::alert);
    }

    /** How many alerts matching {@code query} were stored after {@code afterSequence}, counted up to {@code limit}. */
    public int countAlertsAfter(long afterSequence, AlertQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM (SELECT 1 FROM alerts WHERE seq > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(afterSequence);
        query.where(sql, parameters);
        sql.append(" LIMIT ?) AS missed");
        parameters.add(limit);
        return query(sql.toString(), parameters, rs -> rs.getInt(1)).get(0);
    }

    /** The sequence of the last alert stored, 0 when there is none. */
    public long lastSequence() {
        return query("SELECT last_seq FROM alert_sequence WHERE id = 1", List.of(), rs -> rs.getLong(1)).get(0);
    }

    /**
     * The alerts matching {@code query} that the gateway stored on {@code day} (UTC), in insertion order: a
     * day's alerts, as the daily digest lists them. {@code stored_at} is ISO text, so the day's bounds are
     * compared as its date prefix (an instant with a fraction of a second sorts after its date, before the next).
     */
    public List<Alert> alertsStoredOn(LocalDate day, AlertQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE stored_at >= ? "
                + "AND stored_at < ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(day.toString());
        parameters.add(day.plusDays(1).toString());
        query.where(sql, parameters);
        sql.append(" ORDER BY seq");
        return query(sql.toString(), parameters, rs -> alert(rs).alert());
    }

    public Optional<StoredAlert> findAlert(String alertId) {
        return query("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE alert_id = ?", List.of(alertId), this::alert)
                .stream().findFirst();
    }

    public List<Acknowledgement> acknowledgements(String alertId) {
        return query("SELECT acked_by, acked_at, note, reason FROM acknowledgements WHERE alert_id = ? "
                        + "ORDER BY acked_at_ms, acked_by", List.of(alertId),
                rs -> new Acknowledgement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /**
     * Records {@code by}'s acknowledgement of an alert and marks it ACKNOWLEDGED. Idempotent: a
     * principal acknowledges an alert once; a repeat changes nothing and answers false.
     */
    public boolean acknowledge(String alertId, String by, String note, String reason) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                if (exists(connection, "SELECT 1 FROM acknowledgements WHERE alert_id = ? AND acked_by = ?",
                        alertId, by)) {
                    connection.rollback();
                    return false;
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledgements "
                        + "(alert_id, acked_by, acked_at, acked_at_ms, note, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, alertId);
                    insert.setString(2, by);
                    insert.setString(3, now.toString());
                    insert.setLong(4, now.toEpochMilli());
                    setText(insert, 5, note);
                    setText(insert, 6, reason);
                    insert.executeUpdate();
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE alerts SET status = ? WHERE alert_id = ?")) {
                    update.setString(1, AlertStatus.ACKNOWLEDGED.name());
                    update.setString(2, alertId);
                    update.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                // a concurrent identical acknowledgement won the race: still idempotent
                if (exists(connection, "SELECT 1 FROM acknowledgements WHERE alert_id = ? AND acked_by = ?",
                        alertId, by)) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** Counts over alerts whose event time is in [from, to) and cohort in the scope (null: all). */
    public AlertStats stats(String cohortId, Set<String> cohortScope, Long fromMillis, Long toMillis) {
        AlertQuery query = new AlertQuery(null, cohortId, cohortScope, null, null, null, fromMillis, toMillis);
        StringBuilder sql = new StringBuilder("SELECT type, severity, status, COUNT(*) FROM alerts WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.where(sql, parameters);
        sql.append(" GROUP BY type, severity, status");
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        long total = 0;
        for (Object[] row : query(sql.toString(), parameters,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)})) {
            long count = (Long) row[3];
            byType.merge((String) row[0], count, Long::sum);
            bySeverity.merge((String) row[1], count, Long::sum);
            byStatus.merge((String) row[2], count, Long::sum);
            total += count;
        }

        StringBuilder feedbackSql = new StringBuilder("SELECT type, COUNT(*), "
                + "SUM(CASE WHEN k.reason = ? THEN 1 ELSE 0 END) FROM acknowledgements k "
                + "JOIN alerts ON alerts.alert_id = k.alert_id WHERE 1 = 1");
        List<Object> feedbackParameters = new ArrayList<>();
        feedbackParameters.add(Acknowledgement.USEFUL);
        query.where(feedbackSql, feedbackParameters);
        feedbackSql.append(" GROUP BY type");
        Map<String, AlertStats.TypeFeedback> feedback = new TreeMap<>();
        for (String type : byType.keySet()) {
            feedback.put(type, new AlertStats.TypeFeedback(0, 0, null));
        }
        query(feedbackSql.toString(), feedbackParameters, rs -> {
            long acknowledgements = rs.getLong(2);
            long useful = rs.getLong(3);
            Double share = acknowledgements == 0 ? null : (double) useful / acknowledgements;
            feedback.put(rs.getString(1), new AlertStats.TypeFeedback(acknowledgements, useful, share));
            return null;
        });
        return new AlertStats(cohortId, total, byType, bySeverity, byStatus, feedback);
    }

    /** A learner's daily figures in [fromDay, toDay] (inclusive, null: open), oldest first, after {@code afterDay}. */
    public Page<DailyFigures> figures(String userId, Set<String> cohortScope, String fromDay, String toDay,
            String afterDay, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM daily_figures WHERE user_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(userId);
        if (fromDay != null) {
            sql.append(" AND day >= ?");
            parameters.add(fromDay);
        }
        if (toDay != null) {
            sql.append(" AND day <= ?");
            parameters.add(toDay);
        }
        if (afterDay != null) {
            sql.append(" AND day > ?");
            parameters.add(afterDay);
        }
        if (cohortScope != null) {
            AlertQuery.inCohorts(sql, parameters, cohortScope);
        }
        sql.append(" ORDER BY day LIMIT ?");
        parameters.add(limit + 1);
        return Page.of(query(sql.toString(), parameters, AlertStore::figures), limit, DailyFigures::day);
    }

    /** The daily figures of a cohort's learners in [fromDay, toDay] (both inclusive), by learner and day. */
    public List<DailyFigures> cohortFigures(String cohortId, String fromDay, String toDay) {
        return query("SELECT * FROM daily_figures WHERE cohort_id = ? AND day >= ? AND day <= ? ORDER BY user_id, day",
                List.of(cohortId, fromDay, toDay), AlertStore::figures);
    }

    /** Alerts by type that the job emitted ({@code detectedAt}) at or after the instant (ISO text). */
    public Map<String, Long> alertsDetectedSince(String fromInstant) {
        Map<String, Long> counts = new TreeMap<>();
        query("SELECT type, COUNT(*) FROM alerts WHERE detected_at >= ? GROUP BY type", List.of(fromInstant), rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
            return null;
        });
        return counts;
    }

    /** True when the learner has any daily figure, alert or risk score in one of the cohorts. */
    public boolean learnerInCohorts(String userId, Set<String> cohorts) {
        for (String table : List.of("daily_figures", "alerts", "learner_risk")) {
            StringBuilder sql = new StringBuilder("SELECT 1 FROM " + table + " WHERE user_id = ?");
            List<Object> parameters = new ArrayList<>();
            parameters.add(userId);
            AlertQuery.inCohorts(sql, parameters, cohorts);
            sql.append(" LIMIT 1");
            if (!query(sql.toString(), parameters, rs -> 1).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The course's calendar items, earliest due first, each with how many learners within {@code scope}
     * (a filter of alerts narrowed to the caller's role) have a MISSED_DEADLINE alert for it.
     */
    public List<CalendarEntry> calendar(String courseId, AlertQuery scope) {
        StringBuilder sql = new StringBuilder("SELECT assessment_id, COUNT(DISTINCT user_id) FROM alerts "
                + "WHERE course_id = ? AND assessment_id IS NOT NULL");
        List<Object> parameters = new ArrayList<>();
        parameters.add(courseId);
        scope.withType(AlertType.MISSED_DEADLINE).where(sql, parameters);
        sql.append(" GROUP BY assessment_id");
        Map<String, Long> missed = new TreeMap<>();
        query(sql.toString(), parameters, rs -> missed.put(rs.getString(1), rs.getLong(2)));
        return query("SELECT assessment_id, title, due_at, weight FROM calendar_items WHERE course_id = ? "
                + "ORDER BY due_at_ms, assessment_id", List.of(courseId),
                rs -> new CalendarEntry(rs.getString(1), rs.getString(2), rs.getString(3), number(rs, "weight"),
                        missed.getOrDefault(rs.getString(1), 0L)));
    }

    /** True when an alert or a daily figure within {@code scope} names the course. */
    public boolean courseSeen(String courseId, AlertQuery scope) {
        for (String table : List.of("alerts", "daily_figures")) {
            StringBuilder sql = new StringBuilder("SELECT 1 FROM " + table + " WHERE course_id = ?");
            List<Object> parameters = new ArrayList<>();
            parameters.add(courseId);
            scope.whereLearner(sql, parameters);
            sql.append(" LIMIT 1");
            if (!query(sql.toString(), parameters, rs -> 1).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    public long countAlerts() {
        return query("SELECT COUNT(*) FROM alerts", List.of(), rs -> rs.getLong(1)).get(0);
    }

    private StoredAlert alert(ResultSet rs) throws SQLException {
        JsonNode metrics;
        try {
            metrics = mapper.readTree(rs.getString("metrics"));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored metrics are not JSON", e);
        }
        return new StoredAlert(rs.getLong("seq"), new Alert(rs.getString("alert_id"), rs.getString("user_id"),
                rs.getString("course_id"), rs.getString("cohort_id"), AlertType.valueOf(rs.getString("type")),
                Severity.valueOf(rs.getString("severity")), rs.getString("event_time"), rs.getString("detected_at"),
                AlertStatus.valueOf(rs.getString("status")), metrics,
                rs.getString("message"), rs.getString("recommendation")));
    }

    private static DailyFigures figures(ResultSet rs) throws SQLException {
        return new DailyFigures(rs.getString("user_id"), rs.getString("course_id"), rs.getString("cohort_id"),
                rs.getString("day"), rs.getInt("events"), rs.getInt("assessments"), number(rs, "mean_score"),
                number(rs, "progress"), number(rs, "consistency_7d"));
    }

    private static boolean exists(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private <T> List<T> query(String sql, List<Object> parameters, RowMapper<T> mapper) {
        return Jdbc.query(database, sql, parameters, mapper);
    }

    /** A database failure while reading; answered 503 by the API. */
    public static final class StoreException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
