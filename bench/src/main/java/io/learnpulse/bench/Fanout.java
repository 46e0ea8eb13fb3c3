package io.learnpulse.bench;

import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.testkit.Wait;
import io.learnpulse.testkit.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Gateway fan-out (issue 6, item 6): N WebSocket clients subscribe to every alert; alerts are
 * written to the gateway's alerts topic at a paced rate, and each client's receipt of each alert is
 * one delivery, timed from the moment the alert was handed to the Kafka producer. Optionally one
 * more client connects and stops reading ({@link StalledClient}), until the gateway cuts it off.
 */
final class Fanout {
    /**
     * The client that stopped reading: whether the gateway counted it cut off, after how long (from
     * the first alert produced) and how many alerts pushed to the others by then (all of the run's if
     * it was not), and how its connection ended as it read at last.
     */
    record Stall(boolean cutOff, double secondsToCutOff, long alertsToCutOff, String ending, boolean mssLimited) {}

    /** One run; {@code stall} null without a stalled client. */
    record Result(int clients, double offeredDeliveriesPerSecond, long expected, long delivered,
            double seconds, Stats.Latencies latency, double gatewayCpu, Stall stall, int readersClosed) {
        boolean stalled() {
            return stall != null;
        }

        double deliveriesPerSecond() {
            return delivered / seconds;
        }

        double deliveriesPerGatewayCpuSecond() {
            return delivered / gatewayCpu;
        }
    }

    private final BenchKafka kafka;
    private final Child gateway;
    private final int port;
    private final String token;
    private final HttpClient metricsHttp = HttpClient.newHttpClient();
    private int runs;

    Fanout(BenchKafka kafka, Child gateway, int port, String token) {
        this.kafka = kafka;
        this.gateway = gateway;
        this.port = port;
        this.token = token;
    }

    /**
     * {@code millis} of alerts at the offered rate; with a stalled client, on until the gateway has cut
     * it off and a second more (so that the readers' latency covers the cut-off and after it), for at
     * most {@code stallMaxMillis}.
     */
    Result run(int clients, boolean stalled, double offeredDeliveriesPerSecond, long millis, long stallMaxMillis)
            throws Exception {
        String run = "fan" + (++runs);
        double alertsPerSecond = Math.max(1, offeredDeliveriesPerSecond / clients);
        long longest = stalled ? Math.max(millis, stallMaxMillis) : millis;
        int capacity = (int) Math.max(1, alertsPerSecond * longest / 1000);
        long[] sentAt = new long[capacity];
        Stats.Samples latencies = new Stats.Samples();
        AtomicLong delivered = new AtomicLong();
        AtomicLong lastReceived = new AtomicLong();
        // alerts the gateway has pushed so far, as the readers see them
        AtomicLong pushed = new AtomicLong();
        String idPrefix = run + "-";
        WsClient.Handler handler = (text, nanos, millisNow) -> {
            Alert alert = AlertFrames.alertOf(text);
            if (alert == null || !alert.alertId.startsWith(idPrefix)) {
                return;
            }
            int i = Integer.parseInt(alert.alertId.substring(idPrefix.length()));
            latencies.add(nanos - sentAt[i]);
            pushed.accumulateAndGet(i + 1, Math::max);
            delivered.incrementAndGet();
            lastReceived.accumulateAndGet(nanos, Math::max);
        };
        ExecutorService executor = Executors.newFixedThreadPool(4);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(30)).build();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/alerts?token=" + token);
        List<WsClient> readers = new ArrayList<>();
        StalledClient stalledClient = null;
        try {
            for (int from = 0; from < clients; from += 100) {
                List<CompletableFuture<WsClient>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(clients, from + 100); i++) {
                    batch.add(WsClient.handingTo(handler, true).connect(http, uri));
                }
                for (CompletableFuture<WsClient> f : batch) {
                    try {
                        readers.add(f.get(60, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        System.err.println("bench: WebSocket connect failed, retrying: " + e.getMessage());
                        readers.add(WsClient.handingTo(handler, true).connectWithRetry(http, uri, 3));
                    }
                }
            }
            if (stalled) {
                stalledClient = StalledClient.connect(port, uri.getRawPath() + "?" + uri.getRawQuery());
            }
            int connected = readers.size() + (stalled ? 1 : 0);
            Wait.until("the gateway to count " + connected + " WebSocket clients", Duration.ofSeconds(30),
                    () -> websocketClients() >= connected);
            double cutOffs0 = slowDisconnects();
            double cpu0 = gateway.cpuSeconds();
            long firstSent = System.nanoTime();
            // the cut-off as the gateway counts it, looked for every 50 ms from the first alert to the end of the run
            AtomicLong cutOffAt = new AtomicLong();
            AtomicLong alertsToCutOff = new AtomicLong();
            if (stalled) {
                watcher.scheduleWithFixedDelay(() -> {
                    try {
                        if (cutOffAt.get() == 0 && slowDisconnects() > cutOffs0) {
                            alertsToCutOff.set(pushed.get());
                            cutOffAt.set(System.nanoTime());
                        }
                    } catch (Exception e) {
                        // looked for again in 50 ms
                    }
                }, 0, 50, TimeUnit.MILLISECONDS);
            }
            int base = (int) Math.max(1, alertsPerSecond * millis / 1000);
            int alerts = 0;
            try (KafkaProducer<String, String> producer = kafka.producer(false)) {
                while (alerts < capacity) {
                    long now = System.nanoTime();
                    long cut = cutOffAt.get();
                    if (alerts >= base && (!stalled || (cut != 0 && now - cut >= 1_000_000_000L))) {
                        break;
                    }
                    long due = Math.min(capacity, (long) (alertsPerSecond * (now - firstSent) / 1e9) + 1);
                    while (alerts < due) {
                        String json = JsonCodec.alert(alert(idPrefix + alerts, "fan-user-" + (alerts % 50)));
                        sentAt[alerts] = System.nanoTime();
                        producer.send(new ProducerRecord<>(LatencyRun.ALERTS_TOPIC, "fan-user-" + (alerts % 50), json));
                        alerts++;
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                producer.flush();
            }
            long expected = (long) alerts * clients;
            // every delivery in, or none for 5 s: what is missing then is reported, not awaited
            long[] last = {-1, System.nanoTime()};
            Wait.within(Duration.ofSeconds(30), () -> {
                long count = delivered.get();
                if (count != last[0]) {
                    last[0] = count;
                    last[1] = System.nanoTime();
                }
                return count >= expected || System.nanoTime() - last[1] > 5_000_000_000L;
            });
            double cpu = gateway.cpuSeconds() - cpu0;
            watcher.shutdownNow();
            Stall stall = null;
            if (stalled) {
                boolean cutOff = cutOffAt.get() != 0;
                // a client cut off has its close frame behind the frames it did not read; one that was not is still open
                StalledClient.Ending ending = stalledClient.readToTheEnd(Duration.ofSeconds(cutOff ? 10 : 1));
                stall = new Stall(cutOff, cutOff ? (cutOffAt.get() - firstSent) / 1e9 : Double.NaN,
                        cutOff ? alertsToCutOff.get() : pushed.get(), ending.describe(), stalledClient.mssLimited());
            }
            int closed = 0;
            for (WsClient reader : readers) {
                if (reader.closeCode() >= 0) {
                    closed++;
                }
            }
            double seconds = Math.max(1e-3, (lastReceived.get() - firstSent) / 1e9);
            long[] nanos = latencies.toArray();
            long[] millisSamples = new long[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                millisSamples[i] = nanos[i] / 1_000_000;
            }
            return new Result(clients, offeredDeliveriesPerSecond, expected, delivered.get(), seconds,
                    Stats.Latencies.of(millisSamples), cpu, stall, closed);
        } finally {
            readers.forEach(WsClient::abort);
            if (stalledClient != null) {
                stalledClient.close();
            }
            executor.shutdownNow();
            watcher.shutdownNow();
            // the next run starts on a gateway that has let these clients go
            Wait.within(Duration.ofSeconds(10), () -> websocketClients() == 0);
        }
    }

    /** The gateway's count of open {@code /ws/alerts} connections. */
    private double websocketClients() throws Exception {
        return gatewayMetric("learnpulse_gateway_websocket_clients{endpoint=\"alerts\"}");
    }

    /** The gateway's count of clients cut off for being slow. */
    private double slowDisconnects() throws Exception {
        return gatewayMetric("learnpulse_gateway_websocket_slow_disconnects_total");
    }

    /** A value of the gateway's Prometheus endpoint: the first line starting with {@code series}, else 0. */
    private double gatewayMetric(String series) throws Exception {
        HttpResponse<String> metrics = metricsHttp.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith(series)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** A fan-out alert: only its id and learner matter to the measurement; the rest is what a real one carries. */
    private static Alert alert(String alertId, String userId) {
        Alert alert = new Alert();
        alert.alertId = alertId;
        alert.userId = userId;
        alert.courseId = "course-1";
        alert.cohortId = "cohort-A";
        alert.type = AlertType.HIGH_PERFORMANCE;
        alert.severity = alert.type.severity();
        alert.eventTime = System.currentTimeMillis();
        alert.detectedAt = alert.eventTime;
        alert.status = AlertStatus.OPEN;
        alert.metrics = new AlertMetrics();
        alert.message = "bench fan-out";
        alert.recommendation = "none";
        return alert;
    }
}
