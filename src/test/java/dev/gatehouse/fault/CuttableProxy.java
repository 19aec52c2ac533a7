package dev.gatehouse.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A TCP proxy on loopback in front of PostgreSQL or Redis, which a test can cut: every open
 * connection is reset at once (as a network partition or a store restart does to the replicas),
 * and while it is down new connections are refused too. It can also stall: connections stay open
 * and new ones are accepted, but no byte goes through until it resumes (a frozen server: its kernel
 * still acknowledges what it is sent; a host that vanished acknowledges nothing, which is
 * {@link Blackhole}'s). Two threads copy each connection's bytes.
 */
final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    private volatile boolean stalled;

    CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The port at the other end of each connection open to the proxy now (the replicas' side). */
    Set<Integer> clientPorts() {
        clients.removeIf(Socket::isClosed);
        return clients.stream().map(Socket::getPort).collect(Collectors.toSet());
    }

    /** Resets every open connection, and refuses new ones until {@link #restore()}. */
    void cut() {
        down = true;
        open.forEach(CuttableProxy::reset);
    }

    void restore() {
        down = false;
    }

    /** Holds every byte in both directions, keeping the connections open, until {@link #resume()}. */
    void stall() {
        stalled = true;
    }

    void resume() {
        stalled = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (down) {
                    reset(client);
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                clients.add(client);
                open.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                // the server socket closed, or the target refused: the client sees its connection drop
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread copier = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            while (stalled && !to.isClosed()) {
                                Thread.sleep(10);
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed or was reset
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        reset(from);
                        reset(to);
                    }
                },
                "proxy-copy");
        copier.setDaemon(true);
        copier.start();
    }

    /** Closes with SO_LINGER 0: the peer gets a reset, as from a dead network path. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
