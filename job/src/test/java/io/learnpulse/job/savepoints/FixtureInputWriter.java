package io.learnpulse.job.savepoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.job.testutils.LearnerStream;
import io.learnpulse.model.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Wrote {@code savepoints/input/} once (never again: the fixtures' savepoints hold positions in it).
 * Five synthetic learners over twelve days with the test calendar and settings, cut where no later
 * event is behind the watermark of the events before the cut (Flink does not checkpoint watermarks,
 * so a restored job would take such an event as on time where an uninterrupted run finds it late);
 * just before the cut three events that wait for the watermark at the stop, just after it an event
 * repeating the id of one accepted twenty-odd hours earlier.
 *
 * <p>Run: {@code java ... FixtureInputWriter job/src/test/resources/savepoints/input}.
 */
public final class FixtureInputWriter {
    private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(1).toMillis();
    private static final long DEDUP_WINDOW = Duration.ofHours(24).toMillis();

    private FixtureInputWriter() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        LearnerStream stream = LearnerStream.generate(11, 5, 12, 1).withCalendar().withSettings(LearnerStream.START);
        List<LearnerStream.Line> lines = stream.all();
        int cut = cut(lines);
        long highest = lines.subList(0, cut).stream().mapToLong(l -> l.timestamp).max().orElseThrow();
        long watermark = highest - OUT_OF_ORDERNESS - 1;

        List<String> events = new ArrayList<>();
        lines.subList(0, cut).forEach(l -> events.add(l.json));
        LinkedHashSet<String> learners = new LinkedHashSet<>();
        for (int i = cut - 1; i >= 0 && learners.size() < 3; i--) {
            if (learners.add(lines.get(i).key)) {
                events.add(withIdAndTime(lines.get(i).json, null, highest - 10_000L * learners.size()));
            }
        }
        int stopAfter = events.size();
        LearnerStream.Line repeated = lines.subList(0, cut).stream()
                .filter(l -> l.json.contains("\"type\":\"activity\"") || l.json.contains("\"type\":\"session\""))
                .filter(l -> l.timestamp < watermark && highest - l.timestamp <= DEDUP_WINDOW - 3_600_000L)
                .findFirst().orElseThrow(() -> new IllegalStateException("no event to repeat across the cut"));
        events.add(withIdAndTime(repeated.json, JsonCodec.readObject(repeated.json).get("eventId").asText(), highest));
        lines.subList(cut, lines.size()).forEach(l -> events.add(l.json));

        Files.createDirectories(dir);
        Files.write(dir.resolve("events.jsonl"), events, StandardCharsets.UTF_8);
        Files.write(dir.resolve("calendar.jsonl"), stream.calendar, StandardCharsets.UTF_8);
        Files.write(dir.resolve("settings.jsonl"), stream.settings, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("input.properties"), "# written once by FixtureInputWriter; never change\n"
                + "stop-after=" + stopAfter + "\nrepeat-across-stop=" + stopAfter + "\n", StandardCharsets.UTF_8);
    }

    /** The first line after the middle such that no line from it on is behind the watermark before it. */
    private static int cut(List<LearnerStream.Line> lines) {
        for (int cut = lines.size() / 2; cut < lines.size() - 1; cut++) {
            long highest = lines.subList(0, cut).stream().mapToLong(l -> l.timestamp).max().orElseThrow();
            long lowestAfter = lines.subList(cut, lines.size()).stream().mapToLong(l -> l.timestamp).min().orElseThrow();
            if (lowestAfter > highest) {
                return cut;
            }
        }
        throw new IllegalStateException("no cut");
    }

    /** The event of {@code json} at {@code time}, with id {@code id} (or its own id plus "-waiting"). */
    private static String withIdAndTime(String json, String id, long time) throws Exception {
        ObjectNode event = (ObjectNode) JsonCodec.readObject(json);
        event.put("eventId", id != null ? id : event.get("eventId").asText() + "-waiting");
        event.put("timestamp", Instant.ofEpochMilli(time).toString());
        return event.toString();
    }
}
