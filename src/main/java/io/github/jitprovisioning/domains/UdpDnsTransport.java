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
 * Plain DNS over UDP to the configured servers (in order, {@code attempts} rounds); a truncated answer is asked again
 * over TCP. Keeps no state: a socket per query.
 *
 * <p>An answer counts only when it answers this query ({@link DnsMessage#answers}: random id, the question name with
 * the random case this query gave it (0x20), type and class). Over UDP, a packet that does not (from another address,
 * malformed, or for another question: a late answer or a spoofing attempt) is ignored and the transport keeps
 * listening until the timeout; over TCP, the connection is to the server itself, so such an answer fails this
 * server. What an answer may cost is bounded by {@link DnsMessage#decode}.
 */
final class UdpDnsTransport implements DnsTransport {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_UDP = 4096;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int attempts;
    private final boolean randomizeCase;

    UdpDnsTransport(List<InetSocketAddress> servers, Duration timeout, int attempts, boolean randomizeCase) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.randomizeCase = randomizeCase;
    }

    @Override
    public DnsMessage.Message query(String name, int type) throws IOException {
        if (servers.isEmpty()) {
            throw new IOException("no DNS server configured");
        }
        if (name.length() > 253) {
            throw new IOException("name longer than 253 characters");
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

    private String asked(String name) {
        return randomizeCase ? DnsMessage.randomizeCase(name, RANDOM) : name;
    }

    private DnsMessage.Message udp(InetSocketAddress server, String name, int type) throws IOException {
        int id = RANDOM.nextInt(0x10000);
        String asked = asked(name);
        byte[] query = DnsMessage.query(id, asked, type);
        int ignored = 0;
        String lastIgnored = null;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(query, query.length, server));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[MAX_UDP];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw timeout(server, ignored, lastIgnored);
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw timeout(server, ignored, lastIgnored);
                }
                if (!packet.getSocketAddress().equals(server)) {
                    ignored++;
                    lastIgnored = "a packet from " + packet.getSocketAddress();
                    continue;
                }
                byte[] bytes = new byte[packet.getLength()];
                System.arraycopy(buffer, 0, bytes, 0, bytes.length);
                DnsMessage.Message answer;
                try {
                    answer = DnsMessage.decode(bytes);
                } catch (DnsMessage.MalformedException e) {
                    ignored++;
                    lastIgnored = "a malformed packet (" + e.getMessage() + ")";
                    continue;
                }
                if (DnsMessage.answers(answer, id, asked, type)) {
                    return answer;
                }
                ignored++;
                lastIgnored = "an answer to another question (id, name with its case, type or class)";
            }
        }
    }

    private SocketTimeoutException timeout(InetSocketAddress server, int ignored, String lastIgnored) {
        return new SocketTimeoutException("no answer from " + server + " within " + timeout.toMillis() + " ms"
                + (ignored == 0 ? "" : "; ignored " + ignored + " packet(s), the last " + lastIgnored));
    }

    private DnsMessage.Message tcp(InetSocketAddress server, String name, int type) throws IOException {
        int id = RANDOM.nextInt(0x10000);
        String asked = asked(name);
        byte[] query = DnsMessage.query(id, asked, type);
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
            DnsMessage.Message answer;
            try {
                answer = DnsMessage.decode(bytes);
            } catch (DnsMessage.MalformedException e) {
                throw new IOException("malformed answer over TCP from " + server + ": " + e.getMessage());
            }
            if (!DnsMessage.answers(answer, id, asked, type)) {
                throw new IOException("answer over TCP from " + server + " to another question");
            }
            return answer;
        }
    }
}
