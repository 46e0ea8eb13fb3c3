package io.learnpulse.gateway.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.gateway.store.Quarantined;
import io.learnpulse.gateway.store.RiskScore;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.InvalidRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and stores one polled batch, so that no record can stop ingestion and none is lost. A record
 * that is not a valid alert, figure, calendar item or risk score is quarantined (raw bytes, topic, partition, offset, reason) in
 * the batch's own transaction. When the database refuses the batch although it answers, the records
 * are stored one at a time: one that is refused again on its own is quarantined and the others go on.
 * Only a database that does not answer fails the batch, which the consumer loop then reads again.
 */
final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int MAX_REASON_LENGTH = 1000;

    /**
     * One record of the batch: {@code parsed} into an {@link Alert}, {@link DailyFigures}, a {@link CalendarItem}
     * or a {@link RiskScore}, or null and {@code quarantined}.
     */
    private record Item(ConsumerRecord<String, byte[]> source, Object parsed, Quarantined quarantined) {

        Item refused(Exception e) {
            return new Item(source, null, quarantine(source, "refused by the database: " + e));
        }
    }

    private final AlertStore store;
    private final String alertsTopic;
    private final String calendarTopic;
    private final String riskTopic;
    private final IngestMetrics metrics;

    /** Records of {@code alertsTopic}, {@code calendarTopic} and {@code riskTopic} are read as theirs, others as daily figures. */
    BatchWriter(AlertStore store, String alertsTopic, String calendarTopic, String riskTopic, IngestMetrics metrics) {
        this.store = store;
        this.alertsTopic = alertsTopic;
        this.calendarTopic = calendarTopic;
        this.riskTopic = riskTopic;
        this.metrics = metrics;
    }

    /**
     * Stores every record of the batch or quarantines it.
     *
     * @throws SQLException (or a runtime failure of the driver) when the database does not answer; nothing
     *         of the batch may have been stored, and reading it again is safe
     */
    AlertStore.Stored write(List<ConsumerRecord<String, byte[]>> records) throws SQLException {
        List<Item> items = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            items.add(parse(record));
        }
        try {
            return store(items);
        } catch (SQLException | RuntimeException e) {
            if (!store.isReachable()) {
                throw e;
            }
            LOG.warn("the database refused a batch of {} records ({}); storing them one at a time",
                    items.size(), Printable.of(e.toString()));
        }
        AlertStore.Stored stored = AlertStore.Stored.NOTHING;
        for (Item item : items) {
            stored = stored.and(storeAlone(item));
        }
        return stored;
    }

    private AlertStore.Stored storeAlone(Item item) throws SQLException {
        SQLException refusal = null;
        RuntimeException failure = null;
        // twice: a failure of a moment (a conflict with another writer) is not the record's fault
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return store(List.of(item));
            } catch (SQLException e) {
                refusal = e;
            } catch (RuntimeException e) {
                failure = e;
            }
            if (!store.isReachable()) {
                if (refusal != null) {
                    throw refusal;
                }
                throw failure;
            }
        }
        Exception cause = refusal != null ? refusal : failure;
        Item refused = item.refused(cause);
        LOG.warn("quarantined record {}: {}", position(item.source()), refused.quarantined().reason());
        return store(List.of(refused));
    }

    private AlertStore.Stored store(List<Item> items) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        List<DailyFigures> figures = new ArrayList<>();
        List<CalendarItem> calendar = new ArrayList<>();
        List<RiskScore> risks = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        for (Item item : items) {
            if (item.parsed() instanceof Alert alert) {
                alerts.add(alert);
            } else if (item.parsed() instanceof DailyFigures day) {
                figures.add(day);
            } else if (item.parsed() instanceof CalendarItem calendarItem) {
                calendar.add(calendarItem);
            } else if (item.parsed() instanceof RiskScore risk) {
                risks.add(risk);
            } else {
                quarantined.add(item.quarantined());
            }
        }
        AlertStore.Stored stored = store.store(alerts, figures, calendar, risks, quarantined);
        quarantined.forEach(record -> metrics.poisonRecord(record.topic()));
        return stored;
    }

    private Item parse(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(alertsTopic)) {
                return new Item(record, RecordParser.alert(record.value()), null);
            }
            if (record.topic().equals(calendarTopic)) {
                return new Item(record, RecordParser.calendarItem(record.value()), null);
            }
            if (record.topic().equals(riskTopic)) {
                return new Item(record, RecordParser.learnerRisk(record.value()), null);
            }
            return new Item(record, RecordParser.dailyFigures(record.value()), null);
        } catch (InvalidRecordException e) {
            Quarantined quarantined = quarantine(record, e.reason() + ": " + e.getMessage());
            LOG.warn("quarantined record {}: {}", position(record), quarantined.reason());
            return new Item(record, null, quarantined);
        }
    }

    private static Quarantined quarantine(ConsumerRecord<String, byte[]> record, String reason) {
        String printable = Printable.of(reason);
        if (printable.length() > MAX_REASON_LENGTH) {
            printable = printable.substring(0, MAX_REASON_LENGTH) + "...";
        }
        return new Quarantined(record.topic(), record.partition(), record.offset(), record.value(), printable);
    }

    private static String position(ConsumerRecord<String, byte[]> record) {
        return Printable.of(record.topic()) + "-" + record.partition() + "@" + record.offset();
    }
}
