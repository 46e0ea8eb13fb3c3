package io.learnpulse.gateway.settings;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.SettingsOverride;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes rule-settings overrides to topic {@code learner-settings} (key {@code scope:id}, the
 * model's JSON), one at a time, and waits for the broker's acknowledgement by all in-sync replicas:
 * {@link #publish} returns only once the override is durably on the topic the job reads, and throws
 * {@link Unavailable} when the broker does not acknowledge it within the timeout.
 */
public final class SettingsPublisher implements AutoCloseable {

    /** The broker did not acknowledge the override: it may not be on the topic. */
    public static final class Unavailable extends Exception {

        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Producer<String, String> producer;
    private final String topic;
    private final Duration timeout;

    public SettingsPublisher(String bootstrapServers, String topic, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // a send waits at most the timeout, for the topic's metadata as for the acknowledgement
        int millis = (int) timeout.toMillis();
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(millis));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /** Sends the override and waits for its acknowledgement. */
    public void publish(SettingsOverride override) throws Unavailable {
        try {
            producer.send(new ProducerRecord<>(topic, override.key(), JsonCodec.settingsOverride(override)))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Unavailable("Kafka did not acknowledge the settings: " + e.getCause(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new Unavailable("Kafka did not acknowledge the settings in " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
