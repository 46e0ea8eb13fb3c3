package io.learnpulse.demo;

import io.learnpulse.synthetic.SyntheticLearners;
import java.util.concurrent.CountDownLatch;

/**
 * Publishes synthetic learners (or a file) to an existing Kafka, as the demo does to its embedded one:
 * the generator of the docker stack. {@code --bootstrap-servers HOST:PORT [--topic learner-activity]}
 * plus the demo's {@code --events}, {@code --learners}, {@code --speed}, {@code --seed}, {@code --start}.
 */
public final class PublishMain {
    private PublishMain() {}

    public static void main(String[] args) throws Exception {
        String bootstrapServers = null;
        String topic = "learner-activity";
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--bootstrap-servers") && i + 1 < args.length) {
                bootstrapServers = args[++i];
            } else if (args[i].equals("--topic") && i + 1 < args.length) {
                topic = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        DemoOptions options;
        try {
            if (bootstrapServers == null) {
                throw new IllegalArgumentException("missing required option --bootstrap-servers");
            }
            options = DemoOptions.parse(rest.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("learnpulse publish: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        try (ActivityPublisher publisher = new ActivityPublisher(bootstrapServers, topic)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                publisher.stop();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            if (options.events != null) {
                publisher.publishFile(options.events);
            } else {
                publisher.publishSimulated(new SyntheticLearners(options.seed, options.learners, options.start, 0.0, 6.0),
                        options.start, options.speed);
            }
            System.err.println("learnpulse publish: " + publisher.published() + " events published to " + topic);
        } finally {
            done.countDown();
        }
    }
}
