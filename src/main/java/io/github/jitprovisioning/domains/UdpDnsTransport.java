package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.DnsMessage;
import io.github.jitprovisioning.core.domains.DnsTransport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * Plain DNS over UDP to the configured servers (in order, {@code attempts} rounds), with the query id and question
 * checked on every answer; a truncated answer is asked again over TCP. Keeps no state: a socket per query.
 */
final class UdpDnsTransport implements DnsTransport {

    private static final SecureRandom IDS = new SecureRandom();
    private static final int MAX_UDP = 4096;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int attempts;

    UdpDnsTransport(List<InetSocketAddress> servers, Duration timeout, int attempts) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
    }

    @Override
    public DnsMessage.Message query(String name, int type) throws IOException {
        if (servers.isEmpty()) {
            throw new IOException("no DNS server configured");
        }
        IOException last = null;
        for (int round = 0; round < attempts; round++) {
            for (InetSocketAddress server : servers) {
                try {
                    DnsMessage.Message answer = udp(server, name, type);
                    return answer.truncated() ? tcp(server, name, type) : answer;
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        throw last;
    }

    private DnsMessage.Message udp(InetSocketAddress server, String name, int type) throws IOException {
        int id = IDS.nextInt(0x10000);
        byte[] query = DnsMessage.query(id, name, type);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.send(new DatagramPacket(query, query.length, server));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                byte[] buffer = new byte[MAX_UDP];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("no answer from " + server + " within " + timeout.toMillis() + " ms");
                }
                socket.setSoTimeout((int) left);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw new SocketTimeoutException("no answer from " + server + " within " + timeout.toMillis() + " ms");
                }
                if (!packet.getSocketAddress().equals(server)) {
                    continue;
                }
                byte[] bytes = new byte[packet.getLength()];
                System.arraycopy(buffer, 0, bytes, 0, bytes.length);
                DnsMessage.Message answer = decode(bytes, server);
                if (answer.response() && answer.id() == id && name.equalsIgnoreCase(answer.questionName())) {
                    return answer;
                }
            }
        }
    }

    private DnsMessage.Message tcp(InetSocketAddress server, String name, int type) throws IOException {
        int id = IDS.nextInt(0x10000);
        byte[] query = DnsMessage.query(id, name, type);
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] bytes = new byte[in.readUnsignedShort()];
            in.readFully(bytes);
            DnsMessage.Message answer = decode(bytes, server);
            if (answer.id() != id) {
                throw new IOException("answer with a wrong id from " + server);
            }
            return answer;
        }
    }

    private static DnsMessage.Message decode(byte[] bytes, InetSocketAddress server) throws IOException {
        try {
            return DnsMessage.decode(bytes);
        } catch (DnsMessage.MalformedException e) {
            throw new IOException("malformed answer from " + server + ": " + e.getMessage());
        }
    }
}
