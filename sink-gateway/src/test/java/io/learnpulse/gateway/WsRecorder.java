package io.learnpulse.gateway;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client's listener that keeps every text frame it receives, parsed as JSON. One
 * made {@link #notReading()} never asks for a frame until {@link #startReading} (a stalled browser).
 */
final class WsRecorder implements WebSocket.Listener {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean readAtOnce;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile WebSocket webSocket;

    private WsRecorder(boolean readAtOnce) {
        this.readAtOnce = readAtOnce;
    }

    static WsRecorder reading() {
        return new WsRecorder(true);
    }

    static WsRecorder notReading() {
        return new WsRecorder(false);
    }

    @Override
    public void onOpen(WebSocket ws) {
        this.webSocket = ws;
        if (readAtOnce) {
            ws.request(Long.MAX_VALUE);
        }
    }

    void startReading() {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(MAPPER.readTree(partial.toString()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("frame is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete("error " + error);
    }

    /** All frames so far. */
    synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The alertIds of the alert frames so far, in arrival order. */
    synchronized List<String> alertIds() {
        return frames.stream().filter(f -> "alert".equals(f.path("kind").asText()))
                .map(f -> f.path("alert").path("alertId").asText()).toList();
    }

    synchronized List<JsonNode> ofKind(String kind) {
        return frames.stream().filter(f -> kind.equals(f.path("kind").asText())).toList();
    }

    /** "CODE reason" once closed by the server, or "error ..." */
    CompletableFuture<String> closed() {
        return closed;
    }

    WebSocket webSocket() {
        return webSocket;
    }
}
