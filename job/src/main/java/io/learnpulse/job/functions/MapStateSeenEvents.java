package io.learnpulse.job.functions;

import io.learnpulse.job.rules.SeenEvents;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * Recently seen event ids in keyed map state: one point lookup and one write per event, instead of
 * (de)serialising the whole set with the learner's value state.
 */
final class MapStateSeenEvents implements SeenEvents {
    private final MapState<String, Long> ids;

    MapStateSeenEvents(MapState<String, Long> ids) {
        this.ids = ids;
    }

    @Override
    public Long acceptedAt(String eventId) throws Exception {
        return ids.get(eventId);
    }

    @Override
    public void accept(String eventId, long eventTime) throws Exception {
        ids.put(eventId, eventTime);
    }

    @Override
    public void forgetBefore(long eventTime) throws Exception {
        Iterator<Map.Entry<String, Long>> it = ids.iterator();
        while (it.hasNext()) {
            if (it.next().getValue() < eventTime) {
                it.remove();
            }
        }
    }

    @Override
    public void clear() {
        ids.clear();
    }
}
