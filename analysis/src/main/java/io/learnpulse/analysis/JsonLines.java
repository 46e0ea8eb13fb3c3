package io.learnpulse.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSON-lines file for an analysis: a line that is not what the caller expects stops it
 * with the file, the line number and what is wrong, since figures over a partly read file would
 * mislead. Blank lines are skipped.
 */
public final class JsonLines {
    private JsonLines() {}

    /** One line's JSON object. */
    public interface Line {
        void accept(JsonNode record) throws InvalidRecordException;
    }

    public static void read(Path file, Line each) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    each.accept(JsonCodec.readObject(line));
                } catch (InvalidRecordException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
