package io.learnpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that completes its handshake and then stops reading its socket, on a raw TCP
 * connection whose buffers are as small as the kernel allows, so that the gateway's frames to it
 * back up in the gateway (its per-client queue) instead of in the kernel.
 *
 * <p>A small receive buffer alone is not enough on loopback: the gateway's kernel send buffer is
 * autotuned from the connection's MSS (64 KB on loopback) and grows to about 2.4 MB against even a
 * 2 KB receive window (measured on Linux 6.18). A client MSS of 536 bytes keeps it at about 40 KB.
 * The JDK has no option for TCP_MAXSEG, so it is set through the JDK's own setsockopt (needs
 * {@code --add-opens java.base/sun.nio.ch}, as in bin/jvm.options); where that fails, the client
 * runs with the small receive buffer only and says so ({@link #mssLimited}).
 */
final class StalledClient implements AutoCloseable {
    /** The MSS the client announces: the minimum a TCP stack must accept from a peer (RFC 9293). */
    private static final int MSS = 536;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_MAXSEG = 2;

    /** How it ended, read after the run: a close frame's code and reason, or what happened instead. */
    record Ending(int code, String reason, int framesRead) {
        boolean cutOff() {
            return code == 1008;
        }

        String describe() {
            return code >= 0 ? code + " " + reason : reason;
        }
    }

    private final SocketChannel channel;
    private final boolean mssLimited;

    private StalledClient(SocketChannel channel, boolean mssLimited) {
        this.channel = channel;
        this.mssLimited = mssLimited;
    }

    /** Connects to {@code path} (with its query) on the local port and completes the handshake; reads nothing after it. */
    static StalledClient connect(int port, String path) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            // the kernel raises 1 to its minimum (2,304 bytes on Linux)
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1);
            boolean mssLimited = limitMss(channel);
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            String response = readHead(channel);
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IOException("WebSocket handshake refused: " + response.lines().findFirst().orElse(""));
            }
            return new StalledClient(channel, mssLimited);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether its MSS is limited (else only its receive buffer is small). */
    boolean mssLimited() {
        return mssLimited;
    }

    /**
     * Starts reading at last: skips the frames the kernel held for it and returns how the connection
     * ended, waiting at most {@code wait} for the end.
     */
    Ending readToTheEnd(Duration wait) throws IOException {
        channel.socket().setSoTimeout((int) wait.toMillis());
        var in = channel.socket().getInputStream();
        int frames = 0;
        try {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return new Ending(-1, "closed without a close frame", frames);
                }
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (long) in.read() << 8 | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = length << 8 | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                if ((b0 & 0x0f) == 8) {
                    int code = payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
                    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    return new Ending(code, reason, frames);
                }
                frames++;
            }
        } catch (SocketTimeoutException e) {
            return new Ending(-1, "still open after " + wait.toSeconds() + " s", frames);
        } catch (IOException e) {
            return new Ending(-1, "connection reset (" + e.getMessage() + ")", frames);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static boolean limitMss(SocketChannel channel) {
        try {
            Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
            getFd.setAccessible(true);
            Method setInt = Class.forName("sun.nio.ch.Net").getDeclaredMethod("setIntOption0", FileDescriptor.class,
                    boolean.class, int.class, int.class, int.class, boolean.class);
            setInt.setAccessible(true);
            setInt.invoke(null, getFd.invoke(channel), false, IPPROTO_TCP, TCP_MAXSEG, MSS, false);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("bench: the stalled client's MSS could not be limited (" + e + "); it runs with a small "
                    + "receive buffer only");
            return false;
        }
    }

    /** The HTTP response head, read byte by byte so that nothing after it is consumed. */
    private static String readHead(SocketChannel channel) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (head.size() < 16_384) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("connection closed during the WebSocket handshake");
            }
            head.write(one.get(0));
            byte[] b = head.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("WebSocket handshake: no end of the response head");
    }
}
