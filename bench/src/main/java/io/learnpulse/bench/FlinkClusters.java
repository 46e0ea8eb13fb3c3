package io.learnpulse.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The local Flink clusters of one bench run: a process of its own ({@link FlinkSession}) for each
 * kind of job measured on a cluster (the ceiling, each live row; {@link Row#clusters}), started
 * once and kept for that kind's warm-up and all its measured repeats, running only that kind of
 * job. In one process shared by all of them, each kind's JIT profiles were shaped by the others'
 * (call sites made megamorphic by another state backend's or sink's classes) and each run inherited
 * the previous kind's heap garbage; its CPU time was not its own either. Idle, a cluster costs next
 * to no CPU; each has the heap and managed memory the one shared cluster had.
 */
final class FlinkClusters implements AutoCloseable {
    private final Map<Row, FlinkSession> sessions = new EnumMap<>(Row.class);

    private FlinkClusters() {
    }

    /** Starts a cluster for each of {@code kinds}, all at once, each with {@code slots} slots. */
    static FlinkClusters start(Set<Row> kinds, Path logDir, int slots) throws Exception {
        FlinkClusters clusters = new FlinkClusters();
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (Row kind : kinds) {
            starting.add(CompletableFuture.runAsync(() -> {
                try {
                    FlinkSession session = FlinkSession.start(logDir, "flink-" + kind.id, slots);
                    synchronized (clusters.sessions) {
                        clusters.sessions.put(kind, session);
                    }
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            clusters.close();
            throw e;
        }
        return clusters;
    }

    /** The cluster of this kind of job; the state run is on RocksDB exactly-once's. */
    FlinkSession of(Row kind) {
        FlinkSession session = sessions.get(kind);
        if (session == null) {
            throw new IllegalStateException("no Flink cluster for " + kind.id + " in this run");
        }
        return session;
    }

    /** Stops the clusters of the kinds not in {@code kept} (no row left runs on them), giving their memory back. */
    void keepOnly(Set<Row> kept) {
        sessions.entrySet().removeIf(e -> {
            if (kept.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    @Override
    public void close() {
        sessions.values().forEach(FlinkSession::close);
        sessions.clear();
    }
}
