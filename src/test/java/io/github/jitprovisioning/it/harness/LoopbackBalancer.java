package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The cluster's public address, as a load balancer in front of the nodes would be: a TCP forwarder on a free
 * loopback port that hands each new connection to the next node in turn and skips a node that refuses the
 * connection (a stopped node). Keycloak's back-channel calls (the broker redeeming the IdP's code, fetching its
 * keys) go through it; tests that pin a login to a node bypass it with {@link BrokeredLogin#route}.
 */
final class LoopbackBalancer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<IntSupplier> nodePorts;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-balancer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private LoopbackBalancer(ServerSocket listener, List<IntSupplier> nodePorts) {
        this.listener = listener;
        this.nodePorts = nodePorts;
    }

    /** Listens on {@code port} of 127.0.0.1 and forwards to the nodes' HTTP ports (read at each connection). */
    static LoopbackBalancer start(int port, List<IntSupplier> nodePorts) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        LoopbackBalancer balancer = new LoopbackBalancer(listener, nodePorts);
        balancer.pumps.execute(balancer::acceptLoop);
        return balancer;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                pumps.execute(() -> forward(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[loopback-balancer] accept failed: " + e);
                }
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = connectToALiveNode();
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        pumps.execute(() -> pump(client, upstream));
        pump(upstream, client);
    }

    private Socket connectToALiveNode() {
        int first = Math.floorMod(next.getAndIncrement(), nodePorts.size());
        for (int i = 0; i < nodePorts.size(); i++) {
            int port = nodePorts.get((first + i) % nodePorts.size()).getAsInt();
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                return socket;
            } catch (IOException refused) {
                // that node is down: try the next one
            }
        }
        return null;
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        pumps.shutdownNow();
    }
}
