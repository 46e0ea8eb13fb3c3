package io.learnpulse.gateway.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that delivers the outbox: it claims due notifications, POSTs each to its webhook with
 * the signature header, and records the answer: 2xx delivers it for good; any other answer or none
 * schedules a retry by the {@link RetryPolicy}, or gives it up. Once a UTC day has ended it enqueues
 * that day's digests. Delivery is at least once: a gateway killed between a 2xx and its record sends
 * that one notification again after the lease; the {@code X-Learnpulse-Delivery} header lets a
 * receiver drop such a repeat.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Notifications claimed and sent together. */
    private static final int BATCH = 8;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Longer than a batch's requests take (they run together, each bounded by the timeout). */
    private static final Duration LEASE = REQUEST_TIMEOUT.multipliedBy(3);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Outbox outbox;
    private final Digests digests;
    private final RetryPolicy retry;
    private final NotifyMetrics metrics;
    private final Clock clock;
    private final HttpClient http;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private LocalDate lastDigestDay;

    DeliveryWorker(Outbox outbox, Digests digests, RetryPolicy retry, NotifyMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.digests = digests;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.thread = new Thread(this::run, "webhook-delivery");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                int claimed = 0;
                try {
                    digestOfYesterday();
                    claimed = deliverDue();
                    metrics.outbox(outbox.countByState());
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("webhook delivery: the outbox is unavailable ({}); trying again", e.toString());
                }
                if (claimed < BATCH && stopped.await(retry.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void digestOfYesterday() throws SQLException {
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        if (!yesterday.equals(lastDigestDay)) {
            int enqueued = digests.enqueue(yesterday);
            LOG.info("daily digest of {}: {} webhook(s)", yesterday, enqueued);
            lastDigestDay = yesterday;
        }
    }

    /** Claims one batch and delivers it; answers how many were claimed. */
    int deliverDue() throws SQLException {
        List<Delivery> batch = outbox.claim(BATCH, LEASE);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Delivery delivery : batch) {
            sent.add(send(delivery).handle((response, failure) -> {
                record(delivery, response, failure);
                return null;
            }));
        }
        sent.forEach(CompletableFuture::join);
        return batch.size();
    }

    private CompletableFuture<HttpResponse<Void>> send(Delivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "learnpulse-gateway")
                    .header("X-Learnpulse-Event", delivery.kind())
                    .header("X-Learnpulse-Delivery", delivery.webhookId() + ":" + delivery.subject())
                    .header(Signature.HEADER, Signature.header(delivery.secret(), clock.instant().getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) { // a URL or header the client refuses: a failed attempt like any other
            return CompletableFuture.failedFuture(e);
        }
    }

    private void record(Delivery delivery, HttpResponse<Void> response, Throwable failure) {
        try {
            if (response != null && response.statusCode() / 100 == 2) {
                if (outbox.delivered(delivery, response.statusCode())) {
                    metrics.delivered();
                }
                return;
            }
            Integer status = response == null ? null : response.statusCode();
            String error = response != null ? "answered " + response.statusCode() : describe(failure);
            int attempts = delivery.attempts() + 1;
            Long next = retry.nextAttemptMillis(attempts, delivery.createdAtMillis(), clock.millis());
            metrics.failedAttempt();
            if (outbox.failed(delivery, status, error, next) && next == null) {
                metrics.givenUp();
                LOG.warn("webhook {}: gave up on {} after {} attempts ({})", delivery.webhookId(), delivery.subject(),
                        attempts, error);
            }
        } catch (SQLException | RuntimeException e) {
            // unrecorded: the lease runs out and the notification is claimed again
            LOG.warn("webhook {}: cannot record the attempt at {} ({})", delivery.webhookId(), delivery.subject(),
                    e.toString());
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String text = "no answer: " + cause;
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        try {
            thread.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
