package io.learnpulse.job.records;

import io.learnpulse.job.parse.EventParser;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * How long the events' network serializer takes per event against Flink's POJO serializer, on the
 * bench's workload (seed 42, 10,000 learners, Zipf 0.5, as parsed: no raw text). Prints, asserts
 * nothing: not one of the suite's tests (its name matches no test pattern of surefire); run it with
 * {@code mvn -pl job -am test -Dtest=ActivityEventSerializerMeasure -Dsurefire.failIfNoSpecifiedTests=false}.
 * One JVM, both serializers alternately, the median of the measured rounds after warm-up rounds.
 */
class ActivityEventSerializerMeasure {
    private static final int EVENTS = 200_000;
    private static final int WARM_UP_ROUNDS = 10;
    private static final int MEASURED_ROUNDS = 15;

    @Test
    void measure() throws IOException {
        List<ActivityEvent> events = bench();
        TypeSerializer<ActivityEvent> pojo = TypeInformation.of(ActivityEvent.class)
                .createSerializer(new SerializerConfigImpl());
        Rounds byPojo = new Rounds();
        Rounds byHand = new Rounds();
        for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
            boolean measured = round >= WARM_UP_ROUNDS;
            byPojo.run(pojo, events, measured);
            byHand.run(ActivityEventSerializer.INSTANCE, events, measured);
        }
        System.out.println(byPojo.report("POJO serializer"));
        System.out.println(byHand.report("ActivityEventSerializer"));
    }

    private static List<ActivityEvent> bench() {
        EventParser parser = EventParser.forFormat(InputFormat.JSONL);
        List<ActivityEvent> events = new ArrayList<>(EVENTS);
        new SyntheticLearners(42, 10_000, Instant.parse("2026-01-05T00:00:00Z"), 0.5, 40).generate(30, e -> {
            if (events.size() < EVENTS) {
                parser.parse(e.json, record -> {
                    record.event.raw = null; // as the parse passes it on (RejectionRouter)
                    events.add(record.event);
                });
            }
        });
        return events;
    }

    /** The nanoseconds per event of each measured round, writing all events to one buffer and reading them back. */
    private static final class Rounds {
        private final List<Double> serialize = new ArrayList<>();
        private final List<Double> deserialize = new ArrayList<>();
        private final DataOutputSerializer out = new DataOutputSerializer(64 * 1024 * 1024);
        private int bytes;
        private long checksum; // read back, so that the JIT cannot drop the deserialization

        void run(TypeSerializer<ActivityEvent> serializer, List<ActivityEvent> events, boolean measured)
                throws IOException {
            out.clear();
            long start = System.nanoTime();
            for (ActivityEvent event : events) {
                serializer.serialize(event, out);
            }
            long written = System.nanoTime();
            DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
            for (int i = 0; i < events.size(); i++) {
                checksum += serializer.deserialize(in).timestamp; // a new event each, as Flink's network input reads
            }
            long read = System.nanoTime();
            bytes = out.length();
            if (measured) {
                serialize.add((written - start) / (double) events.size());
                deserialize.add((read - written) / (double) events.size());
            }
        }

        String report(String name) {
            return String.format(Locale.ROOT, "%-24s serialize %6.1f ns/event, deserialize %6.1f ns/event,"
                    + " %5.1f bytes/event (median of %d rounds; checksum %d)", name, median(serialize),
                    median(deserialize), bytes / (double) EVENTS, serialize.size(), checksum);
        }

        private static double median(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }
}
