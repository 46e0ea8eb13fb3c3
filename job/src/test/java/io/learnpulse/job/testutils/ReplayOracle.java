package io.learnpulse.job.testutils;

import io.learnpulse.job.replay.Replay;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What the replay (issue 2's oracle for the live job) makes of a {@link LearnerStream}. */
public final class ReplayOracle {
    private ReplayOracle() {}

    public static Replay.Result replay(LearnerStream stream, Path directory) throws Exception {
        Replay.Request request = new Replay.Request();
        request.input = stream.writeTo(directory.resolve("events.jsonl"));
        request.output = directory.resolve("alerts.jsonl");
        request.deadLetters = directory.resolve("alerts.dlq.jsonl");
        request.dailyFigures = directory.resolve("figures.jsonl");
        if (!stream.calendar.isEmpty()) {
            request.calendar = stream.writeCalendarTo(directory.resolve("calendar.jsonl"));
        }
        if (!stream.settings.isEmpty()) {
            request.settings = stream.writeSettingsTo(directory.resolve("settings.jsonl"));
        }
        request.clock = TestClock.FIXED;
        return Replay.run(StreamExecutionEnvironment.getExecutionEnvironment(), request);
    }
}
