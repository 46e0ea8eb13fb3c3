package io.learnpulse.analysis.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * {@code evaluate --report}: one self-contained HTML page (no external scripts, styles or fonts):
 * per alert type an inline SVG chart of precision and recall by day, then the table of each day.
 */
final class HtmlReport {
    private static final int WIDTH = 300;
    private static final int HEIGHT = 180;
    private static final int LEFT = 36;
    private static final int RIGHT = 12;
    private static final int TOP = 24;
    private static final int BOTTOM = 28;
    private static final int LAST_DAY = Evaluation.DAYS.get(Evaluation.DAYS.size() - 1);
    private static final String PRECISION_COLOUR = "#1f6fb4";
    private static final String RECALL_COLOUR = "#d9622b";

    private HtmlReport() {}

    static void write(Evaluation evaluation, Path file) {
        try {
            Files.writeString(file, render(evaluation), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String render(Evaluation evaluation) {
        SortedMap<Integer, Map<String, Figures>> byDay = evaluation.byDay();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>learnpulse: how well alerts predict outcomes</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}\n")
                .append("td,th{padding:0.2em 0.8em;border-bottom:1px solid #ddd;text-align:right}\n")
                .append("td:first-child,th:first-child{text-align:left}\n")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}\n")
                .append("svg text{font-size:11px;fill:#444}\n")
                .append(".key span{display:inline-block;width:1.5em;height:0.3em;margin:0 0.3em 0.2em 1em}\n")
                .append("</style></head><body>\n")
                .append("<h1>How early and how well alerts find learners who fail or withdraw</h1>\n")
                .append(String.format(Locale.ROOT, "<p>%,d learners with an outcome; %,d alerts read, %,d of them"
                                + " of learners without an outcome (ignored). A learner is positive when the"
                                + " outcome is fail or withdrawn. At day N, learners withdrawn before day N are"
                                + " left out; a learner is flagged when an alert of the type came before day N."
                                + " ANY is every type but HIGH_PERFORMANCE.</p>\n",
                        evaluation.learners(), evaluation.alerts(), evaluation.alertsOfUnknownLearners()))
                .append("<p class=\"key\">by day after the course start:<span style=\"background:")
                .append(PRECISION_COLOUR).append("\"></span>precision<span style=\"background:")
                .append(RECALL_COLOUR).append("\"></span>recall</p>\n<div class=\"charts\">\n");
        for (String type : evaluation.types()) {
            html.append(chart(type, byDay));
        }
        html.append("</div>\n");
        byDay.forEach((day, byType) -> {
            Evaluation.Population population = evaluation.population(day);
            html.append(String.format(Locale.ROOT, "<h2>Day %d</h2>\n<p>%,d learners not withdrawn before day %d,"
                    + " %,d of them positive.</p>\n", day, population.learners(), day, population.positives()));
            html.append("<table><tr><th>type</th><th>flagged</th><th>precision</th><th>recall</th>"
                    + "<th>median lead (days)</th></tr>\n");
            byType.forEach((type, f) -> html.append(String.format(Locale.ROOT,
                    "<tr><td>%s</td><td>%,d</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", escape(type), f.flagged(),
                    TextReport.format(f.precision(), "%.3f"), TextReport.format(f.recall(), "%.3f"),
                    TextReport.format(f.medianLeadDays(), "%.1f"))));
            html.append("</table>\n");
        });
        html.append("<p>").append(escape(TextReport.riskLine(evaluation.riskAtDay()))).append(".</p>\n");
        html.append("<p>Precision is undefined (-) when no learner was flagged, recall when there was no positive"
                + " learner. " + Evaluation.AT_RISK_HIGH + " is the AT_RISK alerts of severity HIGH.</p>\n</body></html>\n");
        return html.toString();
    }

    private static String chart(String type, SortedMap<Integer, Map<String, Figures>> byDay) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"precision and recall of %s by day\">\n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(type)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" style=\"font-weight:bold\">%s</text>\n",
                LEFT, escape(type)));
        for (double y : new double[] {0, 0.5, 1}) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"4\" y=\"%.1f\">%.1f</text>\n",
                    LEFT, WIDTH - RIGHT, y(y), y(y), y(y) + 4, y));
        }
        for (int day : byDay.keySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                    x(day), HEIGHT - 10, day));
        }
        svg.append(line(byDay, type, Figures::precision, PRECISION_COLOUR));
        svg.append(line(byDay, type, Figures::recall, RECALL_COLOUR));
        return svg.append("</svg>\n").toString();
    }

    /** A polyline through the defined values, with a dot on each (an undefined value leaves a gap). */
    private static String line(SortedMap<Integer, Map<String, Figures>> byDay, String type,
            Function<Figures, Double> value, String colour) {
        StringBuilder out = new StringBuilder();
        List<String> points = new ArrayList<>();
        Runnable flush = () -> {
            if (points.size() > 1) {
                out.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
                        colour, String.join(" ", points)));
            }
            points.clear();
        };
        byDay.forEach((day, byType) -> {
            Double v = value.apply(byType.get(type));
            if (v == null) {
                flush.run();
                return;
            }
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(day), y(v)));
            out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>day %d:"
                    + " %.3f</title></circle>\n", x(day), y(v), colour, day, v));
        });
        flush.run();
        return out.toString();
    }

    private static double x(int day) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) day / LAST_DAY;
    }

    private static double y(double value) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
