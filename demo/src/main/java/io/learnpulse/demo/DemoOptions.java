package io.learnpulse.demo;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** The options of {@code learnpulse demo}, parsed from {@code --name value} arguments. */
final class DemoOptions {
    Path events;
    int httpPort = 7070;
    String adminToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    int learners = 60;
    double speed = 3600;
    long seed = 42;
    Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(14).atStartOfDay(ZoneOffset.UTC).toInstant();
    int parallelism = 1;
    Duration checkpointInterval = Duration.ofSeconds(5);

    static final String USAGE = "usage: learnpulse demo [--events FILE] [--http-port 7070] [--admin-token TOKEN]"
            + " [--learners 60] [--speed 3600] [--seed 42] [--start ISO-INSTANT] [--parallelism 1]";

    static DemoOptions parse(String[] args) {
        DemoOptions o = new DemoOptions();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args[i + 1];
            try {
                switch (name) {
                    case "--events":
                        o.events = Path.of(value);
                        break;
                    case "--http-port":
                        o.httpPort = Integer.parseInt(value);
                        break;
                    case "--admin-token":
                        o.adminToken = value;
                        break;
                    case "--learners":
                        o.learners = Integer.parseInt(value);
                        break;
                    case "--speed":
                        o.speed = Double.parseDouble(value);
                        break;
                    case "--seed":
                        o.seed = Long.parseLong(value);
                        break;
                    case "--start":
                        o.start = Instant.parse(value);
                        break;
                    case "--parallelism":
                        o.parallelism = Integer.parseInt(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("bad value '" + value + "' for " + name);
            }
        }
        if (o.events != null && !java.nio.file.Files.isReadable(o.events)) {
            throw new IllegalArgumentException("cannot read events file " + o.events);
        }
        if (o.learners < 1 || o.speed <= 0 || o.parallelism < 1) {
            throw new IllegalArgumentException("--learners, --speed and --parallelism must be positive");
        }
        return o;
    }
}
