package io.learnpulse.analysis.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code evaluate --json}: {@code {"byDay": {"60": {"ANY": {"flagged": n, "precision": p,
 * "recall": r, "medianLeadDays": d}, ...}, ...}, "riskAtDay60": {"source", "fromAlerts", "learners",
 * "positives", "auc", "missedDeadlinePrecision", "recallAtThatPrecision", "bandHigh": {"flagged",
 * "precision", "recall"}, "bandMediumOrHigh": {...}}}} (the last when risk scores
 * were read); an undefined figure is {@code null}.
 */
final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    static ObjectNode of(Evaluation evaluation) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode byDay = root.putObject("byDay");
        evaluation.byDay().forEach((day, byType) -> {
            ObjectNode ofDay = byDay.putObject(String.valueOf(day));
            byType.forEach((type, f) -> {
                ObjectNode figures = ofDay.putObject(type);
                figures.put("flagged", f.flagged());
                figures.put("precision", f.precision());
                figures.put("recall", f.recall());
                figures.put("medianLeadDays", f.medianLeadDays());
            });
        });
        Evaluation.RiskQuality q = evaluation.riskAtDay();
        if (q != null) {
            ObjectNode risk = root.putObject("riskAtDay" + Evaluation.RISK_DAY);
            risk.put("source", q.source());
            risk.put("fromAlerts", q.fromAlerts());
            risk.put("learners", q.learners());
            risk.put("positives", q.positives());
            risk.put("auc", q.auc());
            risk.put("missedDeadlinePrecision", q.missedDeadlinePrecision());
            risk.put("recallAtThatPrecision", q.recallAtThatPrecision());
            for (String band : new String[] {"high", "mediumOrHigh"}) {
                Figures f = band.equals("high") ? q.bandHigh() : q.bandMediumOrHigh();
                ObjectNode figures = risk.putObject(band.equals("high") ? "bandHigh" : "bandMediumOrHigh");
                figures.put("flagged", f.flagged());
                figures.put("precision", f.precision());
                figures.put("recall", f.recall());
            }
        }
        return root;
    }

    static void write(Evaluation evaluation, Path file) {
        try {
            MAPPER.writeValue(file.toFile(), of(evaluation));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
