package io.learnpulse.bench;

import io.learnpulse.cli.UsageException;
import java.util.Arrays;
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

    /** The live job's drains, in the order they run. */
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
