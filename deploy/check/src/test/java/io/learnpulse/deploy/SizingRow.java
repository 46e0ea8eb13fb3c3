package io.learnpulse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bold row of docs/sizing.md's table, the row the prod overlay is sized for, read as the page
 * prints it (figures to two or three significant digits, decimal MB, GB and TB).
 */
record SizingRow(double jobCores, int parallelism, int activityPartitions, double stateBytes, double kafkaBytes) {
    private static final Path PAGE = RenderedManifests.ROOT.resolve("docs/sizing.md");
    private static final Map<String, Double> DECIMAL_UNITS = Map.of("MB", 1e6, "GB", 1e9, "TB", 1e12);
    private static final Pattern TERM = Pattern.compile("([0-9][0-9,.]*)\\s*(MB|GB|TB)?");

    static SizingRow bold() throws IOException {
        List<String> lines = Files.readAllLines(PAGE);
        List<String> header = cells(lines.stream().filter(line -> line.startsWith("| learners |")).findFirst()
                .orElseThrow(() -> new AssertionError(PAGE + " has no table starting with | learners |")));
        List<List<String>> bold = lines.stream().filter(line -> line.startsWith("| **")).map(SizingRow::cells).toList();
        if (bold.size() != 1) {
            throw new AssertionError(PAGE + ": expected one bold row, found " + bold.size());
        }
        List<String> row = bold.get(0);
        String state = cell(header, row, "state");
        return new SizingRow(number(cell(header, row, "job cores")), (int) number(cell(header, row, "parallelism")),
                (int) number(cell(header, row, "activity partitions")), bytes(state.substring(state.indexOf('=') + 1)),
                bytes(cell(header, row, "Kafka storage")));
    }

    /** The row's cell in the column whose header starts with {@code name}. */
    private static String cell(List<String> header, List<String> row, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith(name)) {
                return row.get(i);
            }
        }
        throw new AssertionError(PAGE + ": no column " + name);
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                .map(cell -> cell.replace("**", "").trim()).toList();
    }

    /** The leading number of a cell: "4 (learners per slot)" is 4. */
    private static double number(String cell) {
        Matcher number = TERM.matcher(cell);
        if (!number.lookingAt()) {
            throw new AssertionError("not a number: " + cell);
        }
        return Double.parseDouble(number.group(1).replace(",", ""));
    }

    /** A sum of sizes, "391 + 97 GB" or "2.0 TB + 485 GB": a term without a unit has the next term's. */
    private static double bytes(String sum) {
        String[] terms = sum.split("\\+");
        double total = 0;
        String unit = null;
        for (int i = terms.length - 1; i >= 0; i--) {
            Matcher term = TERM.matcher(terms[i].trim());
            if (!term.matches()) {
                throw new AssertionError("not a size: " + terms[i]);
            }
            unit = term.group(2) != null ? term.group(2) : unit;
            if (unit == null) {
                throw new AssertionError("no unit in " + sum);
            }
            total += Double.parseDouble(term.group(1).replace(",", "")) * DECIMAL_UNITS.get(unit);
        }
        return total;
    }
}
