package io.learnpulse.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.testkit.Wait;
import io.learnpulse.testkit.WsClient;

/** Real {@code java.net.http} HTTP and WebSocket clients of a gateway on this machine, at {@link #port()}. */
abstract class GatewayClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The port the gateway listens on now (it changes when a gateway on port 0 restarts). */
    abstract int port();

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    HttpResponse<String> put(String path, String token, String body) {
        return send("PUT", path, token, body);
    }

    HttpResponse<String> delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** A request with a JSON body (none when {@code body} is null). */
    HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer read off a socket: its status code and its body. */
    record RawAnswer(int statusCode, String body) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /**
     * POSTs {@code body} (with a {@code Content-Length}, or chunked) while reading the answer, and keeps
     * the answer when the gateway refuses the body before reading it all and closes the connection,
     * as curl does. java.net.http drops the answer once its upload is cut off (broken pipe), which makes
     * the 413 for a large body a race on a loaded machine.
     */
    RawAnswer postWithoutWaiting(String path, String token, byte[] body, boolean chunked) {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            Thread upload = new Thread(() -> upload(out, body, chunked), "test-upload");
            upload.setDaemon(true);
            upload.start();
            byte[] answer = readUntilClosed(socket.getInputStream());
            socket.close(); // ends the upload if the gateway has not
            upload.join(30_000);
            return parseAnswer(answer);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void upload(OutputStream out, byte[] body, boolean chunked) {
        int piece = 64 * 1024;
        try {
            for (int offset = 0; offset < body.length; offset += piece) {
                int length = Math.min(piece, body.length - offset);
                if (chunked) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, offset, length);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the gateway stopped reading and closed the connection: what a refused body looks like
        }
    }

    /** Everything the gateway sent until it closed the connection (a reset after its answer included). */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (answer.size() == 0) {
                throw e;
            }
        }
        return answer.toByteArray();
    }

    private static RawAnswer parseAnswer(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IllegalStateException("no HTTP answer: " + text);
        }
        String[] head = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        String rest = text.substring(headEnd + 4);
        boolean chunked = false;
        for (String header : head) {
            chunked |= header.toLowerCase(Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked");
        }
        if (!chunked) {
            return new RawAnswer(status, rest);
        }
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = rest.indexOf("\r\n", at);
            int size = Integer.parseInt(rest.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return new RawAnswer(status, body.toString());
            }
            body.append(rest, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    /** Opens a WebSocket with the token in the Authorization header (or none). */
    WebSocket connect(String pathAndQuery, String token, WsClient recorder) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + port() + pathAndQuery), recorder).join();
    }

    /**
     * Waits until the gateway counts exactly {@code count} connected clients on {@code endpoint}
     * ({@code alerts}, {@code metrics}, {@code activity}). {@link #connect} returns at the 101 answer,
     * and Jetty opens the session (where the gateway counts the client) only after sending it. Alerts
     * and figures pushed in between still reach the client (it is subscribed at the handshake);
     * activity events do not: a test that produces activity right after connecting waits here first.
     */
    void awaitWebSocketClients(String endpoint, int count) {
        String line = "learnpulse_gateway_websocket_clients{endpoint=\"" + endpoint + "\"} " + count + ".0";
        Wait.until(count + " " + endpoint + " WebSocket clients subscribed", Duration.ofSeconds(30),
                () -> get("/metrics", null).body().lines().anyMatch(line::equals));
    }

    /** The HTTP status the WebSocket handshake was refused with, or 101 if it was accepted. */
    int handshakeStatus(String pathAndQuery, String token, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            WebSocket ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port() + pathAndQuery),
                    WsClient.reading()).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
