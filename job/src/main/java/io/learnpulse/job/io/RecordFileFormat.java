package io.learnpulse.job.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.job.parse.EventParser;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads an input file for the file source: one input per line, or, for xAPI, also a whole file
 * holding one JSON array of statements (an LRS export), streamed element by element. Blank lines
 * hold no input and are skipped. A file is one split, read in file order, so that its watermarks,
 * and with them its late events, depend on the file's order alone; or, for a replay's
 * {@code --order time} ({@link #inTimeOrder}), read whole and handed on sorted.
 */
public final class RecordFileFormat implements StreamFormat<InputRecord> {
    private static final long serialVersionUID = 1L;
    /** Rejections first (they have no time to sort by), then events by (timestamp, eventId); stable. */
    private static final Comparator<InputRecord> TIME_ORDER = Comparator
            .comparing(InputRecord::isEvent)
            .thenComparing((a, b) -> a.isEvent() ? ActivityEvent.compareByTime(a.event, b.event) : 0);

    private final InputFormat format;
    private final boolean timeOrdered;

    /** The file in file order. */
    public RecordFileFormat(InputFormat format) {
        this(format, false);
    }

    private RecordFileFormat(InputFormat format, boolean timeOrdered) {
        this.format = format;
        this.timeOrdered = timeOrdered;
    }

    /**
     * The file's rejected inputs in file order, then its valid events sorted by ({@code timestamp},
     * {@code eventId}) (docs/cli.md, {@code --order time}): an LRS exports statements newest first,
     * and in file order all but the newest would be late. Holds the file's events in memory.
     */
    public static RecordFileFormat inTimeOrder(InputFormat format) {
        return new RecordFileFormat(format, true);
    }

    @Override
    public StreamFormat.Reader<InputRecord> createReader(Configuration config, FSDataInputStream stream,
            long fileLen, long splitEnd) throws IOException {
        PushbackReader text = new PushbackReader(
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16), 1);
        EventParser parser = EventParser.forFormat(format);
        StreamFormat.Reader<InputRecord> inFileOrder = format == InputFormat.XAPI && startsWithArray(text)
                ? new ArrayReader(text, parser)
                : new LineReader(new BufferedReader(text), parser);
        return timeOrdered ? sorted(inFileOrder) : inFileOrder;
    }

    private static StreamFormat.Reader<InputRecord> sorted(StreamFormat.Reader<InputRecord> inFileOrder)
            throws IOException {
        List<InputRecord> records = new ArrayList<>();
        try (inFileOrder) {
            for (InputRecord record = inFileOrder.read(); record != null; record = inFileOrder.read()) {
                records.add(record);
            }
        }
        records.sort(TIME_ORDER);
        Iterator<InputRecord> next = records.iterator();
        return new StreamFormat.Reader<>() {
            @Override
            public InputRecord read() {
                return next.hasNext() ? next.next() : null;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public StreamFormat.Reader<InputRecord> restoreReader(Configuration config, FSDataInputStream stream,
            long restoredOffset, long fileLen, long splitEnd) throws IOException {
        // positions are never checkpointed (see the readers): Flink re-reads and skips what was emitted,
        // and a sorted file sorts the same again
        return createReader(config, stream, fileLen, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }

    private static boolean startsWithArray(PushbackReader text) throws IOException {
        int c;
        do {
            c = text.read();
        } while (c != -1 && Character.isWhitespace(c));
        if (c != -1) {
            text.unread(c);
        }
        return c == '[';
    }

    /** One input per line. */
    private static final class LineReader implements StreamFormat.Reader<InputRecord> {
        private final BufferedReader lines;
        private final EventParser parser;
        private final ArrayDeque<InputRecord> ready = new ArrayDeque<>();

        LineReader(BufferedReader lines, EventParser parser) {
            this.lines = lines;
            this.parser = parser;
        }

        @Override
        public InputRecord read() throws IOException {
            while (ready.isEmpty()) {
                String line = lines.readLine();
                if (line == null) {
                    return null;
                }
                if (!line.isBlank()) {
                    parser.parse(line, ready::add);
                }
            }
            return ready.poll();
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    /** The elements of one top-level JSON array, each an input of its own. */
    private static final class ArrayReader implements StreamFormat.Reader<InputRecord> {
        private final java.io.Reader text;
        private final JsonParser json;
        private final EventParser parser;
        private final ArrayDeque<InputRecord> ready = new ArrayDeque<>();
        private boolean done;

        ArrayReader(java.io.Reader text, EventParser parser) throws IOException {
            this.text = text;
            this.json = JsonCodec.parser(text);
            this.parser = parser;
            json.nextToken(); // the opening bracket
        }

        @Override
        public InputRecord read() {
            while (ready.isEmpty() && !done) {
                readElement();
            }
            return ready.poll();
        }

        private void readElement() {
            try {
                JsonToken token = json.nextToken();
                if (token == null || token == JsonToken.END_ARRAY) {
                    done = true;
                    return;
                }
                JsonNode element = json.readValueAsTree();
                parser.parseNode(element, element.toString(), ready::add);
            } catch (IOException e) {
                // a broken array cannot be re-synchronised: the rest of the file is one dead letter
                done = true;
                ready.add(InputRecord.rejected(DeadLetter.MALFORMED_JSON,
                        "broken JSON array at " + json.currentLocation() + ": " + e.getMessage(), restOfFile()));
            }
        }

        private String restOfFile() {
            StringBuilder rest = new StringBuilder();
            try {
                json.releaseBuffered(new java.io.Writer() {
                    @Override
                    public void write(char[] buf, int off, int len) {
                        rest.append(buf, off, len);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                });
                char[] buf = new char[8192];
                for (int n = text.read(buf); n != -1; n = text.read(buf)) {
                    rest.append(buf, 0, n);
                }
            } catch (IOException e) {
                rest.append("...(unreadable: ").append(e.getMessage()).append(')');
            }
            return rest.toString();
        }

        @Override
        public void close() throws IOException {
            json.close();
        }
    }
}
