package io.learnpulse.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.junit.jupiter.api.Test;

/**
 * The handles the index of wake-ups keeps: read without a lookup only while the cache holds their
 * entry. After an eviction, or a flush that empties the cache (the heap backend keeps the objects
 * handed to it and snapshots them asynchronously, so a flushed value must be read afresh, through
 * the state, before it changes again), a read through an old handle goes to the state. The keyed
 * state here is a map by the current key, as a keyed value state behaves within one subtask; the
 * operator's tests run the cache on both real backends (LearnerRulesOperatorTest).
 */
class WriteBackCacheTest {

    @Test
    void aHandleReadsTheCachedEntryWithoutTheState() throws Exception {
        KeyedValues state = new KeyedValues();
        state.stored.put("a", new StringBuilder("a0"));
        WriteBackCache<StringBuilder> cache = new WriteBackCache<>(state, state, 10, true);

        StringBuilder a = cache.value("a");
        WriteBackCache.Entry<StringBuilder> handle = cache.held();
        cache.value("b");

        assertThat(cache.value(handle)).isSameAs(a);
        assertThat(cache.held()).isSameAs(handle);
        assertThat(state.reads).as("reads of the state").isEqualTo(2);
    }

    @Test
    void aHandleOfAnEvictedEntryReadsTheStateAgain() throws Exception {
        KeyedValues state = new KeyedValues();
        WriteBackCache<StringBuilder> cache = new WriteBackCache<>(state, state, 1, true);
        cache.value("a");
        WriteBackCache.Entry<StringBuilder> handle = cache.held();
        cache.update("a", new StringBuilder("a1"));

        cache.value("b"); // evicts a, writing it
        StringBuilder a = cache.value(handle);

        assertThat(a).hasToString("a1");
        assertThat(state.reads).as("reads of the state").isEqualTo(3);
        assertThat(cache.held()).as("the new entry of a").isNotSameAs(handle);
        assertThat(cache.value(cache.held())).isSameAs(a);
        assertThat(state.reads).isEqualTo(3);
    }

    @Test
    void afterAFlushThatEmptiesTheCacheAHandleReadsTheStateAgain() throws Exception {
        KeyedValues state = new KeyedValues();
        WriteBackCache<StringBuilder> cache = new WriteBackCache<>(state, state, 10, false);
        cache.value("a");
        WriteBackCache.Entry<StringBuilder> handle = cache.held();
        cache.update("a", new StringBuilder("a1"));

        cache.flush();
        cache.value(handle);

        assertThat(state.reads).as("reads of the state").isEqualTo(2);
        assertThat(cache.held()).isNotSameAs(handle);
    }

    @Test
    void afterAFlushThatKeepsTheCacheAHandleStillReadsItsEntry() throws Exception {
        KeyedValues state = new KeyedValues();
        WriteBackCache<StringBuilder> cache = new WriteBackCache<>(state, state, 10, true);
        cache.value("a");
        WriteBackCache.Entry<StringBuilder> handle = cache.held();
        StringBuilder a1 = new StringBuilder("a1");
        cache.update("a", a1);

        cache.flush();

        assertThat(state.stored.get("a")).hasToString("a1");
        assertThat(cache.value(handle)).isSameAs(a1);
        assertThat(state.reads).as("reads of the state").isEqualTo(1);
    }

    @Test
    void aHandleOfARestoredKeyLooksItUpOnce() throws Exception {
        KeyedValues state = new KeyedValues();
        state.stored.put("a", new StringBuilder("a0"));
        WriteBackCache<StringBuilder> cache = new WriteBackCache<>(state, state, 10, true);

        assertThat(cache.value(cache.handleOf("a"))).hasToString("a0");
        assertThat(cache.value(cache.held())).hasToString("a0");
        assertThat(state.reads).as("reads of the state").isEqualTo(1);
    }

    /** A keyed value state within one subtask: one value per current key; counts its reads. */
    private static final class KeyedValues implements ValueState<StringBuilder>, KeyContext {
        final Map<Object, StringBuilder> stored = new HashMap<>();
        Object currentKey;
        int reads;

        @Override
        public StringBuilder value() {
            reads++;
            return stored.get(currentKey);
        }

        @Override
        public void update(StringBuilder value) {
            stored.put(currentKey, value);
        }

        @Override
        public void clear() {
            stored.remove(currentKey);
        }

        @Override
        public void setCurrentKey(Object key) {
            currentKey = key;
        }

        @Override
        public Object getCurrentKey() {
            return currentKey;
        }
    }
}
