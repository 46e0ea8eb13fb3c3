package io.learnpulse.analysis.fit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.analysis.JsonLines;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.Outcome;
import io.learnpulse.risk.Factor;
import io.learnpulse.risk.FeatureExtractor;
import io.learnpulse.risk.RiskModel;
import io.learnpulse.risk.RiskModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * {@code fit-risk --events FILE --calendar FILE --outcomes FILE --out risk-model.json} (docs/cli.md,
 * issue 13 item 3): the features of every learner of the outcomes at days 14, 30, 60, 90 and 120 of
 * their course, computed by the job's own {@link FeatureExtractor} ({@link RiskHistory}); a logistic
 * model fitted on 80% of the learners ({@link LogisticFit}) and judged on the other 20%, chosen by a
 * hash of the userId so that a learner's checkpoints stay on one side and every run splits alike.
 */
public final class FitRisk {
    public static final int[] CHECKPOINT_DAYS = {14, 30, 60, 90, 120};
    /** The percentage of learners held out of the fit to judge it. */
    static final int HELD_OUT_PERCENT = 20;

    private FitRisk() {}

    /** What the fit is told besides its files. */
    public static final class Settings {
        /** MISSED_DEADLINE's grace: it must be the job's {@code rules.missed-deadline.grace}. */
        public long graceMillis = 24 * 3_600_000L;
        /** The job's {@code rules.zone}: the calendar days of "active on N of the last 7 days". */
        public ZoneId zone = ZoneId.of("UTC");
        /** The L2 penalty on the standardised weights. */
        public double l2 = 1e-3;
        /** The model's version; null: "fit-" and a digest of the fitted numbers. */
        public String version;
    }

    /** Fits, prints the fit's quality on the held-out learners to {@code out}, writes the model. */
    public static RiskModel run(Path events, Path calendar, Path outcomes, Path modelFile, Settings settings,
            PrintWriter out, PrintWriter err) {
        List<CalendarItem> items = new ArrayList<>();
        JsonLines.read(calendar, node -> items.add(JsonCodec.readCalendarItem(node)));
        List<Outcome> learners = new ArrayList<>();
        JsonLines.read(outcomes, node -> learners.add(JsonCodec.readOutcome(node)));
        for (Outcome o : learners) {
            if (o.courseId == null) {
                throw new IllegalArgumentException(outcomes + ": the outcome of " + o.userId
                        + " has no courseId: the fit follows each learner in the course of their outcome");
            }
        }
        RiskHistory history = new RiskHistory(new FeatureExtractor(settings.zone), settings.graceMillis,
                CHECKPOINT_DAYS, items, learners);
        long[] last = {Long.MIN_VALUE};
        JsonLines.read(events, node -> {
            ActivityEvent e = JsonCodec.readEvent(node);
            if (e.timestamp < last[0]) {
                throw new IllegalArgumentException("events must come in time order (import-oulad writes them so);"
                        + " this one is earlier than the line before");
            }
            last[0] = e.timestamp;
            history.event(e);
        });
        List<Sample> all = history.samples();
        List<Sample> training = new ArrayList<>();
        List<Sample> heldOut = new ArrayList<>();
        for (Sample s : all) {
            (isHeldOut(s.userId) ? heldOut : training).add(s);
        }
        err.printf(Locale.ROOT, "fit-risk: %,d learners, %,d samples at days %s; fitting on %,d, holding out %,d"
                + " (%d%% of the learners, by a hash of userId)%n", learners.size(), all.size(),
                days(), training.size(), heldOut.size(), HELD_OUT_PERCENT);

        RiskModel fitted = LogisticFit.fit(training, settings.l2, "");
        String version = settings.version != null ? settings.version : "fit-" + digest(RiskModelFile.write(fitted, null));
        RiskModel model = new RiskModel(version, fitted.factors, fitted.intercept, fitted.medium, fitted.high);

        ObjectNode fit = JsonNodeFactory.instance.objectNode();
        fit.put("by", "learnpulse fit-risk: L2-regularised logistic regression (Newton's method, Apache Commons Math 3)");
        fit.put("events", events.getFileName().toString());
        fit.put("learners", learners.size());
        fit.put("trainingSamples", training.size());
        fit.put("heldOutSamples", heldOut.size());
        fit.put("checkpointDays", days());
        fit.put("graceHours", settings.graceMillis / 3_600_000.0);
        fit.put("zone", settings.zone.getId());
        fit.put("l2", settings.l2);
        FitQuality quality = FitQuality.of(model, heldOut);
        ObjectNode held = fit.putObject("heldOut");
        held.put("auc", quality.auc);
        held.put("logLoss", quality.logLoss);
        held.put("precisionMedium", quality.precisionMedium);
        held.put("recallMedium", quality.recallMedium);
        held.put("precisionHigh", quality.precisionHigh);
        held.put("recallHigh", quality.recallHigh);

        print(model, heldOut, out);
        try {
            Path parent = modelFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(modelFile, RiskModelFile.write(model, fit), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + modelFile, e);
        }
        err.println("fit-risk: wrote " + modelFile + " (version " + version + ")");
        return model;
    }

    /** The held-out learners: a fixed fifth of the userIds, whatever the order or number of inputs. */
    static boolean isHeldOut(String userId) {
        CRC32 crc = new CRC32();
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < HELD_OUT_PERCENT;
    }

    private static void print(RiskModel model, List<Sample> heldOut, PrintWriter out) {
        out.println("held out       samples  positive     AUC  log-loss  precision/recall at medium+  at high");
        row(out, "all days", FitQuality.of(model, heldOut));
        for (int day : CHECKPOINT_DAYS) {
            List<Sample> atDay = new ArrayList<>();
            for (Sample s : heldOut) {
                if (s.day == day) {
                    atDay.add(s);
                }
            }
            row(out, "day " + day, FitQuality.of(model, atDay));
        }
        out.println();
        out.println("weights on standardised features (+ raises the risk), largest first; intercept "
                + String.format(Locale.ROOT, "%+.3f", model.intercept));
        List<Factor> byWeight = new ArrayList<>(model.factors);
        byWeight.sort((a, b) -> Double.compare(Math.abs(b.weight), Math.abs(a.weight)));
        for (Factor f : byWeight) {
            out.printf(Locale.ROOT, "  %-20s %+.3f   (mean %.3f, std %.3f)%n", f.feature.wireName(), f.weight,
                    f.center, f.scale);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, FitQuality q) {
        out.printf(Locale.ROOT, "%-12s %9d %9d %7.3f %9.3f  %9.3f / %-9.3f  %5.3f / %.3f%n", label, q.samples,
                q.positives, q.auc, q.logLoss, q.precisionMedium, q.recallMedium, q.precisionHigh, q.recallHigh);
    }

    private static String days() {
        StringBuilder sb = new StringBuilder();
        for (int day : CHECKPOINT_DAYS) {
            sb.append(sb.length() == 0 ? "" : ", ").append(day);
        }
        return sb.toString();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
