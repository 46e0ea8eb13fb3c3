package io.learnpulse.bench;

import io.learnpulse.cli.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The measurements of the bench, by the names {@code --rows} takes (the same names label the raw
 * throughput runs). A row that needs another row's figure brings that row in.
 */
enum Row {
    CEILING("ceiling"),
    REPLAY("replay"),
    /** Needs {@code --oulad DIR}; skipped with the reason without it. */
    OULAD("oulad"),
    ROCKSDB_EXACTLY_ONCE("rocksdb-exactly-once"),
    HASHMAP_EXACTLY_ONCE("hashmap-exactly-once"),
    ROCKSDB_AT_LEAST_ONCE("rocksdb-at-least-once"),
    /** Loads of 50% and 80% of the two RocksDB drain rates. */
    LATENCY("latency"),
    STATE("state"),
    FANOUT("fanout"),
    /** Its latency is simulated on the replay's alerts. */
    CRON("cron");

    /** The live job's drains (a round's order: {@link #roundOrder}). */
    static final List<Row> LIVE = List.of(ROCKSDB_EXACTLY_ONCE, HASHMAP_EXACTLY_ONCE, ROCKSDB_AT_LEAST_ONCE);

    final String id;

    Row(String id) {
        this.id = id;
    }

    /** The rows that must run for this one's figure. */
    Set<Row> needs() {
        return switch (this) {
            case LATENCY -> EnumSet.of(ROCKSDB_AT_LEAST_ONCE, ROCKSDB_EXACTLY_ONCE);
            case CRON -> EnumSet.of(REPLAY);
            default -> EnumSet.noneOf(Row.class);
        };
    }

    /** Whether it is a throughput row that drains the backlog in Kafka. */
    boolean drains() {
        return this == CEILING || LIVE.contains(this);
    }

    /**
     * The kinds of job that get a Flink cluster process of their own ({@link FlinkClusters}): each
     * throughput row that drains the backlog on a cluster, and RocksDB exactly-once for the state run
     * (the same kind of job), whether or not its throughput row runs.
     */
    static Set<Row> clusters(Set<Row> rows) {
        Set<Row> clusters = EnumSet.noneOf(Row.class);
        rows.stream().filter(Row::drains).forEach(clusters::add);
        if (rows.contains(STATE)) {
            clusters.add(ROCKSDB_EXACTLY_ONCE);
        }
        return clusters;
    }

    /**
     * Those of {@link #clusters} that the rows after the throughput rounds still run on: RocksDB
     * exactly-once (the state run, the exactly-once latency run) and at-least-once (its latency run);
     * the others can be stopped then, to give their memory back.
     */
    static Set<Row> clustersAfterThroughput(Set<Row> rows) {
        Set<Row> after = EnumSet.noneOf(Row.class);
        if (rows.contains(STATE) || rows.contains(LATENCY)) {
            after.add(ROCKSDB_EXACTLY_ONCE);
        }
        if (rows.contains(LATENCY)) {
            after.add(ROCKSDB_AT_LEAST_ONCE);
        }
        return after;
    }

    /**
     * The order the throughput rows on a cluster run in repeat round {@code round} (from 1): the
     * ceiling, then the live rows, reversed in every even round, so that the ceiling and RocksDB
     * exactly-once always run next to each other (their paired ratio compares adjacent runs) and no
     * row always runs first or last in a round.
     */
    static List<Row> roundOrder(Set<Row> rows, int round) {
        List<Row> order = new ArrayList<>();
        for (Row row : values()) {
            if (row.drains() && rows.contains(row)) {
                order.add(row);
            }
        }
        if (round % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    /** The rows of these names (every row when there is none), with the rows they need. */
    static Set<Row> chosen(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(Row.class);
        }
        Set<Row> rows = EnumSet.noneOf(Row.class);
        for (String name : names) {
            Row row = Arrays.stream(values()).filter(r -> r.id.equals(name.trim().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new UsageException("--rows: no row named '" + name + "'; the rows are "
                            + ids(EnumSet.allOf(Row.class))));
            rows.add(row);
            rows.addAll(row.needs());
        }
        return rows;
    }

    /** "a, b, c" */
    static String ids(Set<Row> rows) {
        return rows.stream().map(r -> r.id).collect(Collectors.joining(", "));
    }
}
