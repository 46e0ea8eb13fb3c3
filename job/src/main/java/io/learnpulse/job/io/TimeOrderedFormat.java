package io.learnpulse.job.io;

import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * A replay's {@code --order time} (DESIGN §5): reads the whole file with {@link RecordFileFormat},
 * then hands on its rejected inputs (in file order; they have no time to sort by) and after them its
 * valid events sorted by ({@code timestamp}, {@code eventId}). An LRS exports statements newest
 * first, and in file order all but the newest would be late. The file's events are held in memory
 * until the last one is read.
 */
public final class TimeOrderedFormat implements StreamFormat<InputRecord> {
    private static final long serialVersionUID = 1L;
    /** Rejections first, then events by time; the sort is stable, so equal keys keep file order. */
    private static final Comparator<InputRecord> ORDER = Comparator
            .comparing(InputRecord::isEvent)
            .thenComparing((a, b) -> a.isEvent() ? ActivityEvent.compareByTime(a.event, b.event) : 0);

    private final RecordFileFormat inFileOrder;

    public TimeOrderedFormat(RecordFileFormat inFileOrder) {
        this.inFileOrder = inFileOrder;
    }

    @Override
    public StreamFormat.Reader<InputRecord> createReader(Configuration config, FSDataInputStream stream,
            long fileLen, long splitEnd) throws IOException {
        List<InputRecord> records = new ArrayList<>();
        try (StreamFormat.Reader<InputRecord> reader = inFileOrder.createReader(config, stream, fileLen, splitEnd)) {
            for (InputRecord record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }
        records.sort(ORDER);
        Iterator<InputRecord> sorted = records.iterator();
        return new StreamFormat.Reader<>() {
            @Override
            public InputRecord read() {
                return sorted.hasNext() ? sorted.next() : null;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public StreamFormat.Reader<InputRecord> restoreReader(Configuration config, FSDataInputStream stream,
            long restoredOffset, long fileLen, long splitEnd) throws IOException {
        // as RecordFileFormat: Flink re-reads and skips what was emitted, and the sorted order is the same again
        return createReader(config, stream, fileLen, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return inFileOrder.getProducedType();
    }
}
