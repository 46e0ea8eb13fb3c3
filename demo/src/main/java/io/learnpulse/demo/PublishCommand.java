package io.learnpulse.demo;

import io.learnpulse.cli.Cli;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code learnpulse publish}: publishes synthetic learners (or a file) to an existing Kafka, as the
 * demo does to its embedded one; the generator of the docker stack.
 */
@Command(name = "publish", description = {
        "Publishes synthetic learners (or a file's events) to the activity topic of an existing Kafka.",
        "The demo's generator on its own: the docker stack runs it."})
public final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true,
            description = "Kafka bootstrap servers (required).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The activity topic.")
    String topic = "learner-activity";

    @Option(names = "--calendar-topic", paramLabel = "TOPIC",
            description = "The course-calendar topic (compacted) the synthetic learners' deadlines go to.")
    String calendarTopic = "course-calendar";

    @Mixin
    ActivityOptions activity = new ActivityOptions();

    @Override
    public Integer call() throws Exception {
        activity.check();
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
            if (activity.events != null) {
                publisher.publishFile(activity.events);
            } else {
                publisher.publishCalendar(calendarTopic, activity.courses().calendar());
                publisher.publishSimulated(activity.synthetic(), activity.start(), activity.speed);
            }
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + publisher.published()
                    + " events published to " + topic);
        } finally {
            done.countDown();
        }
        return Cli.DONE;
    }
}
