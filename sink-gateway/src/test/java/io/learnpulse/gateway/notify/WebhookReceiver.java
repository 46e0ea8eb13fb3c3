package io.learnpulse.gateway.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks (the JDK's HttpServer on 127.0.0.1), that checks each request's
 * signature as docs/http-api.md tells a receiver to, written apart from the gateway's signing code:
 * HMAC-SHA256 with the shared secret over {@code t + "." + body}, compared in constant time.
 * It answers the status its {@code status} supplier gives; it can be stopped and started again on
 * the same port, to be a receiver that is down and comes back.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request received: its headers of interest, its body, and whether its signature was right. */
    public record Request(String delivery, String event, String signature, String body, boolean verified,
            int answered) {
    }

    private final String secret;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile IntSupplier status = () -> 200;
    private HttpServer server;

    private WebhookReceiver(String secret, int port) {
        this.secret = secret;
        this.port = port;
    }

    /** A receiver listening on a free port. */
    public static WebhookReceiver start(String secret) {
        WebhookReceiver receiver = new WebhookReceiver(secret, freePort());
        receiver.start();
        return receiver;
    }

    /** A receiver on a free port that is not listening yet: requests to it are refused until {@link #start()}. */
    public static WebhookReceiver down(String secret) {
        return new WebhookReceiver(secret, freePort());
    }

    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Learnpulse-Signature");
            int answer = status.getAsInt();
            requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Learnpulse-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Learnpulse-Event"), signature,
                    new String(body, StandardCharsets.UTF_8), verify(signature, body), answer));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    /** Stops listening: connections are refused until started again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public void answer(IntSupplier status) {
        this.status = status;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests answered 2xx, i.e. the deliveries. */
    public List<Request> delivered() {
        return requests.stream().filter(request -> request.answered() / 100 == 2).toList();
    }

    /** The receiver's side of docs/http-api.md "Verifying a webhook's signature". */
    private boolean verify(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                t = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            boolean fresh = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) <= 300;
            return fresh && MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
