package io.learnpulse.analysis.oulad;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One OULAD CSV file, read a row at a time: a header line, then one record per line. Fields may be
 * double-quoted (the OU's own export quotes some); OULAD has no line breaks inside fields.
 */
final class CsvFile {
    private final Path path;

    CsvFile(Path path) {
        this.path = path;
    }

    String name() {
        return path.getFileName().toString();
    }

    /** Hands each data row to {@code rows} in file order and returns how many there were. */
    long forEachRow(Consumer<Row> rows) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(path + " is empty; expected a header line");
            }
            Map<String, Integer> columns = new HashMap<>();
            List<String> names = split(header);
            for (int i = 0; i < names.size(); i++) {
                columns.put(names.get(i), i);
            }
            long count = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                count++;
                try {
                    rows.accept(new Row(columns, split(line), count));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + " line " + (count + 1) + ": " + e.getMessage(), e);
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** One data row; {@code number} counts data rows from 1 (the header is not counted). */
    static final class Row {
        private final Map<String, Integer> columns;
        private final List<String> fields;
        final long number;

        private Row(Map<String, Integer> columns, List<String> fields, long number) {
            this.columns = columns;
            this.fields = fields;
            this.number = number;
        }

        /** The field, trimmed; empty when the row is short. Fails on a column the header lacks. */
        String get(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                throw new IllegalArgumentException("no column '" + column + "' in the header");
            }
            return index < fields.size() ? fields.get(index).trim() : "";
        }

        /** The field as a whole number, or null when it is empty (OULAD's "no value"). */
        Integer integer(String column) {
            String value = get(column);
            return value.isEmpty() ? null : Integer.valueOf(value);
        }

        /** The field as a number, or null when it is empty. */
        Double number(String column) {
            String value = get(column);
            return value.isEmpty() ? null : Double.valueOf(value);
        }
    }
}
