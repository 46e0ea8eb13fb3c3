package io.learnpulse.analysis.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.EventType;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.Outcome;
import io.learnpulse.risk.Factor;
import io.learnpulse.risk.Feature;
import io.learnpulse.risk.RiskModel;
import io.learnpulse.risk.RiskModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit-risk on a generated history whose outcome depends on one feature: the fit must find it. */
class FitRiskTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2024-02-01T00:00:00Z").toEpochMilli();
    private static final int LEARNERS = 300;
    private static final int ITEMS = 8;

    @TempDir
    Path dir;

    /**
     * Every learner submits every item within a week's grace, with scores and activity that say
     * nothing; those who go on to fail (but for a tenth of label noise) submit 2 to 5 days after
     * the deadline, the others up to 3 days before it.
     */
    private void writeHistory(long seed) throws IOException {
        Random random = new Random(seed);
        List<CalendarItem> calendar = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            CalendarItem item = new CalendarItem("C", "A" + i, T0 + (10 + 12L * (i - 1)) * DAY);
            item.weight = 100.0 / ITEMS;
            calendar.add(item);
        }
        List<ActivityEvent> events = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int u = 0; u < LEARNERS; u++) {
            String user = "u" + u;
            boolean late = random.nextDouble() < 0.4;
            boolean fails = late != (random.nextDouble() < 0.1);
            events.add(event(user + "/enrol", user, EventType.ENROLLMENT, T0 - 5 * DAY));
            for (CalendarItem item : calendar) {
                long offset = late ? (long) ((2 + 3 * random.nextDouble()) * DAY) : -(long) (3 * random.nextDouble() * DAY);
                ActivityEvent e = event(user + "/" + item.assessmentId, user, EventType.ASSESSMENT, item.dueAt + offset);
                e.assessmentId = item.assessmentId;
                e.score = Math.round((0.5 + 0.5 * random.nextDouble()) * 100) / 100.0;
                events.add(e);
            }
            for (int day = 0; day < 120; day++) {
                if (random.nextDouble() < 0.3) {
                    events.add(event(user + "/day" + day, user, EventType.ACTIVITY, T0 + day * DAY + 3_600_000L * 10));
                }
            }
            Outcome o = new Outcome(user, T0, fails ? Outcome.Result.FAIL : Outcome.Result.PASS);
            o.courseId = "C";
            o.cohortId = "K";
            outcomes.add(o);
        }
        events.sort(Comparator.comparingLong((ActivityEvent e) -> e.timestamp).thenComparing(e -> e.eventId));
        Files.write(dir.resolve("events.jsonl"), events.stream().map(JsonCodec::event).toList());
        Files.write(dir.resolve("calendar.jsonl"), calendar.stream().map(JsonCodec::calendarItem).toList());
        Files.write(dir.resolve("outcomes.jsonl"), outcomes.stream().map(JsonCodec::outcome).toList());
    }

    private static ActivityEvent event(String id, String user, EventType type, long at) {
        ActivityEvent e = new ActivityEvent(id, user, type, at);
        e.courseId = "C";
        e.cohortId = "K";
        return e;
    }

    private RiskModel fit(Path model, StringWriter out) {
        FitRisk.Settings settings = new FitRisk.Settings();
        settings.graceMillis = 7 * DAY;
        return FitRisk.run(dir.resolve("events.jsonl"), dir.resolve("calendar.jsonl"), dir.resolve("outcomes.jsonl"),
                model, settings, new PrintWriter(out), new PrintWriter(new StringWriter()));
    }

    @Test
    void theFittedWeightFindsTheOneFeatureTheOutcomeDependsOn() throws IOException {
        writeHistory(7);
        StringWriter out = new StringWriter();
        RiskModel model = fit(dir.resolve("risk-model.json"), out);

        Factor strongest = model.factors.stream()
                .max(Comparator.comparingDouble((Factor f) -> Math.abs(f.weight))).orElseThrow();
        assertThat(strongest.feature).isEqualTo(Feature.MEAN_LATENESS_DAYS);
        assertThat(strongest.weight).isPositive();
        for (Factor f : model.factors) {
            if (f != strongest) {
                assertThat(Math.abs(f.weight)).as(f.feature.wireName()).isLessThan(strongest.weight / 2);
            }
        }
        // The file written is the model returned, and says how it was made.
        RiskModel read = RiskModelFile.read(dir.resolve("risk-model.json"));
        assertThat(read.version).isEqualTo(model.version).startsWith("fit-");
        assertThat(Files.readString(dir.resolve("risk-model.json"))).contains("\"heldOutSamples\"", "\"auc\"");
        // Held out: 1 in 5 learners, all five checkpoints each; the held-out AUC says the fit found it.
        assertThat(out.toString()).contains("held out", "day 60", "meanLatenessDays");
        String all = out.toString().lines().filter(l -> l.startsWith("all days")).findFirst().orElseThrow();
        double auc = Double.parseDouble(all.trim().split(" +")[4]);
        assertThat(auc).isGreaterThan(0.8);
    }

    @Test
    void theSameHistoryGivesTheSameModelFile() throws IOException {
        writeHistory(11);
        fit(dir.resolve("a.json"), new StringWriter());
        fit(dir.resolve("b.json"), new StringWriter());
        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo(Files.readString(dir.resolve("a.json")));
    }

    @Test
    void everyLearnerGivesASampleAtEachCheckpointUntilTheyWithdraw() {
        CalendarItem item = new CalendarItem("C", "A1", T0 + 10 * DAY);
        Outcome stays = new Outcome("stays", T0, Outcome.Result.PASS);
        stays.courseId = "C";
        Outcome leaves = new Outcome("leaves", T0, Outcome.Result.WITHDRAWN);
        leaves.courseId = "C";
        leaves.withdrawnAt = T0 + 40 * DAY;
        RiskHistory history = new RiskHistory(new io.learnpulse.risk.FeatureExtractor(java.time.ZoneOffset.UTC), DAY,
                FitRisk.CHECKPOINT_DAYS, List.of(item), List.of(stays, leaves));
        history.event(event("s1", "stays", EventType.ENROLLMENT, T0 - DAY));
        history.event(event("l1", "leaves", EventType.ACTIVITY, T0 + DAY));
        ActivityEvent submitted = event("s2", "stays", EventType.ASSESSMENT, T0 + 9 * DAY);
        submitted.assessmentId = "A1";
        submitted.score = 0.7;
        history.event(submitted);
        history.event(event("l2", "leaves", EventType.WITHDRAWAL, T0 + 40 * DAY));

        List<Sample> samples = history.samples();
        assertThat(samples).extracting(s -> s.userId + "@" + s.day).containsExactly("stays@14", "stays@30", "stays@60",
                "stays@90", "stays@120", "leaves@14", "leaves@30");
        Sample leaver = samples.get(6);
        assertThat(leaver.positive).isTrue();
        assertThat(leaver.values[Feature.ITEMS_MISSED.ordinal()]).isEqualTo(1.0);
        assertThat(samples.get(0).values[Feature.ITEMS_MISSED.ordinal()]).isZero();
        assertThat(samples.get(0).values[Feature.MEAN_SCORE.ordinal()]).isEqualTo(0.7);
    }
}
