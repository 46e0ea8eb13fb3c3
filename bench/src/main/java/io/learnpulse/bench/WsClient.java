package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.Alert;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A WebSocket client of the gateway's {@code /ws/alerts}, handing every complete text frame to a
 * handler with the time it arrived. One made not reading never asks for a frame (a stalled
 * browser): the JDK client then stops reading its socket, and the gateway's queue for it fills.
 */
final class WsClient implements WebSocket.Listener {
    interface Handler {
        void frame(String text, long receivedNanos, long receivedMillis);
    }

    private final Handler handler;
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket webSocket;
    private volatile int closeCode = -1;

    private WsClient(Handler handler, boolean reading) {
        this.handler = handler;
        this.reading = reading;
    }

    static CompletableFuture<WsClient> connect(HttpClient http, URI uri, Handler handler, boolean reading) {
        WsClient client = new WsClient(handler, reading);
        return http.newWebSocketBuilder().buildAsync(uri, client)
                .exceptionally(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof java.net.http.WebSocketHandshakeException refused) {
                        throw new IllegalStateException("WebSocket " + uri.getPath() + " refused: HTTP "
                                + refused.getResponse().statusCode() + " " + refused.getResponse().body(), cause);
                    }
                    throw new IllegalStateException("WebSocket " + uri.getPath() + " failed: " + cause, cause);
                })
                .thenApply(ws -> client);
    }

    /**
     * Connects, trying up to three times a second apart: on a machine this busy a handshake may
     * time out; a refusal is reported with the gateway's answer.
     */
    static WsClient connectWithRetry(HttpClient http, URI uri, Handler handler, boolean reading) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return connect(http, uri, handler, reading).get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("cannot connect to " + uri.getPath() + " after 3 attempts: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e), e);
                }
                System.err.println("bench: WebSocket connect failed, retrying: "
                        + (e.getCause() != null ? e.getCause().getMessage() : e));
                Thread.sleep(1000);
            }
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        webSocket = ws;
        if (reading) {
            ws.request(Long.MAX_VALUE);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        if (last && partial.length() == 0) {
            handler.frame(data.toString(), nanos, millis);
        } else {
            partial.append(data);
            if (last) {
                handler.frame(partial.toString(), nanos, millis);
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
        closeCode = statusCode;
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeCode = 0;
    }

    /** The close code the server sent, 0 after an error, -1 while open. */
    int closeCode() {
        return closeCode;
    }

    void abort() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** The alert of an alert frame ({@code {"kind":"alert","alert":{...}}}), or null for the other frames. */
    static Alert alertOf(String frame) {
        try {
            JsonNode json = JsonCodec.readObject(frame);
            return "alert".equals(json.path("kind").asText()) ? JsonCodec.readAlert(json.path("alert")) : null;
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("the gateway sent an invalid frame (" + e.getMessage() + "): " + frame);
        }
    }
}
