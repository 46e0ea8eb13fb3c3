package io.learnpulse.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP port that the test holds from start to close and that forwards each connection to a
 * server's port, which may change: a server stopped and started again (the database of a fault test)
 * gets whichever port is free then, while its clients keep the one address. Nothing else can take the
 * clients' port while the server is down, as it could if the server's own port were freed and reused.
 * While no server listens, connections are accepted and closed at once: what a client of a stopped
 * server sees.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int target;

    TcpRelay(int target) {
        this.target = target;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a relay port", e);
        }
        Thread acceptor = new Thread(this::accept, "test-relay-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port the clients connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** Where new connections go from now on. */
    void target(int port) {
        target = port;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        }
    }

    /** Copies {@code from} to {@code to} on a thread of its own; the end of either closes both. */
    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed or failed: the connection ends, as it would without the relay
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "test-relay-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::closeQuietly);
    }
}
