package io.learnpulse.job.functions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * A write-back cache on the heap in front of one keyed value state: the values of the keys used
 * last, read from the state once and written back once, when the cache is flushed (before each
 * snapshot, {@link LearnerRulesOperator}) or when a changed value is evicted to keep at most
 * {@code capacity} values. Its callers name the key: the operator's current key is set only to
 * reach the state (on RocksDB that serialises the key, 6% of the rule thread when it was set for
 * every learner the watermark woke), and is left at whichever key the state was last reached for.
 * The entry used last is kept at hand, so that a read and the write after it under the same key
 * cost one map lookup; and a caller may keep an entry as a handle ({@link #held}) and read through
 * it later without any lookup while the cache still holds it (the index of wake-ups does: looking
 * each woken learner up in the map was 9% of the rule thread, a cache miss or three per learner).
 * A read through a handle does not count as a use for the eviction order, which is that of the
 * reads and writes by key: the learners that had events last stay, those only woken at their
 * deadlines go first. On RocksDB every state access is a (de)serialisation and a native call; this
 * turns the several accesses per event into about one read and one write per key and checkpoint
 * interval (bench/results/profile.md), the idea of Flink SQL's mini-batch.
 *
 * <p>A snapshot never sees the cache: the flush writes every changed value to the state just before
 * the state is snapshotted, so a restore finds exactly the values as of that snapshot, as without
 * a cache; what was cached after it is lost with the failed attempt and recomputed from the
 * replayed input, like any state changed after a snapshot.
 *
 * @param <V> the value; null is "no value" (cleared)
 */
final class WriteBackCache<V> {
    /** One key's place in the cache; also the handle its callers keep ({@link #held}). */
    static final class Entry<V> {
        final Object key;
        V value;
        boolean dirty;
        /** Whether the cache holds this entry: not once evicted or emptied (a read then looks its key up). */
        boolean cached;

        Entry(Object key, V value, boolean cached) {
            this.key = key;
            this.value = value;
            this.cached = cached;
        }
    }

    private final ValueState<V> state;
    private final KeyContext keys;
    private final int capacity;
    private final boolean keptAfterFlush;
    /** In access order: the eldest is evicted first. */
    private final LinkedHashMap<Object, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    /** The entry read or written last; null after the cache is emptied. */
    private Entry<V> last;
    /** The entries changed since the last flush (an evicted one is written and no longer dirty). */
    private final List<Entry<V>> changed = new ArrayList<>();

    /**
     * {@code stateCopiesValues}: whether the state keeps copies of the values handed to it (it
     * serialises them, as RocksDB does: Flink's {@code isSafeToReuseKVState}), so that the cache
     * may keep its values after a flush; else (the heap backend) a flush empties the cache.
     */
    WriteBackCache(ValueState<V> state, KeyContext keys, int capacity, boolean stateCopiesValues) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache of " + capacity + " values");
        }
        this.state = state;
        this.keys = keys;
        this.capacity = capacity;
        this.keptAfterFlush = stateCopiesValues;
    }

    /** The value of {@code key}, or null. */
    V value(Object key) throws IOException {
        return entry(key).value;
    }

    /**
     * The value of the key of {@code handle}, or null: straight from the handle while the cache
     * holds it, else looked up by its key (which makes {@link #held} a new handle).
     */
    V value(Entry<V> handle) throws IOException {
        if (handle.cached) {
            last = handle;
            return handle.value;
        }
        return entry(handle.key).value;
    }

    /**
     * The entry of the key last read or written, to keep as a handle: its key is the instance the
     * cache holds (each event brings its own copy of its learner's key, and a lookup with the held
     * one compares by identity instead of reading two strings).
     */
    Entry<V> held() {
        return last;
    }

    /** A handle of {@code key} that the cache does not hold yet: the first read through it looks the key up. */
    Entry<V> handleOf(Object key) {
        return new Entry<>(key, null, false);
    }

    /** Sets the value of {@code key}; null clears it. Written to the state at the next flush. */
    void update(Object key, V value) throws IOException {
        Entry<V> entry = entry(key);
        entry.value = value;
        if (!entry.dirty) {
            entry.dirty = true;
            changed.add(entry);
            if (changed.size() > 2 * capacity) {
                // evicted entries were written and stay listed until a flush, which a job without
                // checkpoints (a replay) never has: at most capacity entries are dirty at a time
                changed.removeIf(e -> !e.dirty);
            }
        }
    }

    void clear(Object key) throws IOException {
        update(key, null);
    }

    /**
     * Writes every changed value to the state. On a state that keeps the objects themselves (the
     * heap backend, which snapshots them asynchronously and gives out copies only through its own
     * reads) a value handed to it must not change afterwards: there the cache is emptied, and
     * reading each value again after a snapshot costs one state read per key and checkpoint
     * interval. On one that copies them (RocksDB) the cache keeps its values, now unchanged.
     */
    void flush() throws IOException {
        if (!changed.isEmpty()) {
            Object current = keys.getCurrentKey();
            for (Entry<V> entry : changed) {
                if (entry.dirty) {
                    write(entry);
                }
            }
            changed.clear();
            keys.setCurrentKey(current);
        }
        if (!keptAfterFlush) {
            for (Entry<V> entry : entries.values()) {
                entry.cached = false;
            }
            entries.clear();
            last = null;
        }
    }

    /** How many values are cached (tests). */
    int size() {
        return entries.size();
    }

    private Entry<V> entry(Object key) throws IOException {
        if (last != null && last.key == key) {
            return last; // the most recently used: already last in the access order
        }
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            if (keys.getCurrentKey() != key) {
                keys.setCurrentKey(key);
            }
            entry = new Entry<>(key, state.value(), true);
            entries.put(key, entry);
            if (entries.size() > capacity) {
                evictEldest(key);
            }
        }
        last = entry;
        return entry;
    }

    private void evictEldest(Object current) throws IOException {
        Iterator<Entry<V>> eldest = entries.values().iterator();
        Entry<V> evicted = eldest.next();
        eldest.remove();
        evicted.cached = false;
        if (evicted.dirty) {
            write(evicted);
            keys.setCurrentKey(current);
        }
    }

    /** Writes an entry under its own key, which it leaves as the current key. */
    private void write(Entry<V> entry) throws IOException {
        keys.setCurrentKey(entry.key);
        if (entry.value == null) {
            state.clear();
        } else {
            state.update(entry.value);
        }
        entry.dirty = false;
    }
}
