package io.learnpulse.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real WebSocket client (the JDK's) of the gateway. It either keeps every text frame, parsed as
 * JSON ({@link #reading()}), or hands each one with the moment it arrived to a {@link Handler} and
 * keeps none (for the bench's thousands of frames per second). One made not reading never asks for
 * a frame until {@link #startReading}: a stalled browser, whose socket the JDK then stops reading,
 * so that the gateway's queue for it fills.
 */
public final class WsClient implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a client does with each complete text frame. */
    public interface Handler {
        void frame(String text, long receivedNanos, long receivedMillis);
    }

    private final Handler handler;
    private final boolean readAtOnce;
    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile WebSocket webSocket;
    private volatile int closeCode = -1;

    private WsClient(Handler handler, boolean readAtOnce) {
        this.handler = handler;
        this.readAtOnce = readAtOnce;
    }

    /** Reads at once and keeps every frame. */
    public static WsClient reading() {
        return new WsClient(null, true);
    }

    /** Keeps every frame, but reads none until {@link #startReading}. */
    public static WsClient notReading() {
        return new WsClient(null, false);
    }

    /** Reads at once (or, if not {@code reading}, never) and hands every frame to {@code handler}. */
    public static WsClient handingTo(Handler handler, boolean reading) {
        return new WsClient(handler, reading);
    }

    /** Opens the connection; fails with the gateway's answer if the handshake is refused. */
    public CompletableFuture<WsClient> connect(HttpClient http, URI uri) {
        return http.newWebSocketBuilder().buildAsync(uri, this)
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof WebSocketHandshakeException refused) {
                        throw new IllegalStateException("WebSocket " + uri.getPath() + " refused: HTTP "
                                + refused.getResponse().statusCode() + " " + refused.getResponse().body(), cause);
                    }
                    throw new IllegalStateException("WebSocket " + uri.getPath() + " failed: " + cause, cause);
                })
                .thenApply(ws -> this);
    }

    /**
     * Connects, trying up to {@code attempts} times a second apart, each for at most a minute: on a
     * busy machine a handshake may time out. Fails with the last attempt's reason.
     */
    public WsClient connectWithRetry(HttpClient http, URI uri, int attempts) {
        AtomicReference<String> lastFailure = new AtomicReference<>();
        int[] tried = {0};
        Wait.until("a WebSocket connection to " + uri.getPath() + " (" + attempts + " attempts)",
                Duration.ofMinutes(attempts + 1), Duration.ofSeconds(1), () -> {
                    if (tried[0]++ == attempts) {
                        throw new IllegalStateException("cannot connect to " + uri.getPath() + " after " + attempts
                                + " attempts: " + lastFailure.get());
                    }
                    try {
                        connect(http, uri).get(60, TimeUnit.SECONDS);
                        return true;
                    } catch (ExecutionException | TimeoutException e) {
                        lastFailure.set(e.getCause() != null ? e.getCause().getMessage() : e.toString());
                        System.err.println("WebSocket connect failed, retrying: " + lastFailure.get());
                        return false;
                    }
                });
        return this;
    }

    @Override
    public void onOpen(WebSocket ws) {
        webSocket = ws;
        if (readAtOnce) {
            ws.request(Long.MAX_VALUE);
        }
    }

    /** A client made not reading starts reading. */
    public void startReading() {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        synchronized (this) {
            if (last && partial.length() == 0) {
                accept(data.toString(), nanos, millis);
            } else {
                partial.append(data);
                if (last) {
                    accept(partial.toString(), nanos, millis);
                    partial.setLength(0);
                }
            }
        }
        return null;
    }

    private void accept(String text, long nanos, long millis) {
        if (handler != null) {
            handler.frame(text, nanos, millis);
            return;
        }
        try {
            frames.add(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame is not JSON: " + text, e);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode = statusCode;
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeCode = 0;
        closed.complete("error " + error);
    }

    /** All frames so far (none for a client with a handler). */
    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The frames so far whose {@code kind} is {@code kind}. */
    public synchronized List<JsonNode> ofKind(String kind) {
        return frames.stream().filter(f -> kind.equals(f.path("kind").asText())).toList();
    }

    /** The alertIds of the alert frames so far, in arrival order. */
    public List<String> alertIds() {
        return ofKind("alert").stream().map(f -> f.path("alert").path("alertId").asText()).toList();
    }

    /** "CODE reason" once closed by the server, or "error ..." */
    public CompletableFuture<String> closed() {
        return closed;
    }

    /** The close code the server sent, 0 after an error, -1 while open. */
    public int closeCode() {
        return closeCode;
    }

    public WebSocket webSocket() {
        return webSocket;
    }

    /** Drops the connection at once, without a close handshake. */
    public void abort() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
    }
}
