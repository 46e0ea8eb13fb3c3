package io.learnpulse.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Writes a synthetic activity file: {@code --out FILE [--learners 300] [--days 28] [--seed 42] [--start ISO] [--zipf 0]}. */
public final class GenerateCli {
    private GenerateCli() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>(Map.of(
                "learners", "300", "days", "28", "seed", "42", "start", "2026-09-07T00:00:00Z", "zipf", "0",
                "events-per-day", "6"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("out")) {
            System.err.println("usage: generate --out FILE [--learners N] [--days D] [--seed S] [--start ISO] [--zipf S] [--events-per-day N]");
            System.exit(2);
        }
        SyntheticLearners learners = new SyntheticLearners(Long.parseLong(options.get("seed")),
                Integer.parseInt(options.get("learners")), Instant.parse(options.get("start")),
                Double.parseDouble(options.get("zipf")), Double.parseDouble(options.get("events-per-day")));
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(options.get("out")), StandardCharsets.UTF_8)) {
            long n = learners.write(Integer.parseInt(options.get("days")), out);
            System.err.println("wrote " + n + " events to " + options.get("out"));
        }
    }
}
