package io.github.jitprovisioning.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jitprovisioning.core.domains.DnsMessage;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resolver against a server on the loopback that answers each query with crafted packets: what it ignores, what
 * it accepts, and that it randomises the case of the names it asks.
 */
class UdpDnsTransportTest {

    private static final String NAME = "_keycloak-challenge.acme.com";
    private static final List<String> RECORD = List.of("keycloak-verification=token");

    private DatagramSocket udp;
    private ServerSocket tcp;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
    }

    /** Starts a UDP server that answers every query with the packets {@code replies} makes of it. */
    private UdpDnsTransport serve(Function<DnsMessage.Message, List<byte[]>> replies) throws IOException {
        udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            while (!udp.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    udp.receive(packet);
                    byte[] bytes = java.util.Arrays.copyOf(buffer, packet.getLength());
                    DnsMessage.Message query = DnsMessage.decode(bytes);
                    asked.add(query.questionWire());
                    for (byte[] reply : replies.apply(query)) {
                        udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                    }
                } catch (IOException | DnsMessage.MalformedException e) {
                    // closed
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return new UdpDnsTransport(List.of((InetSocketAddress) udp.getLocalSocketAddress()), Duration.ofMillis(700), 1,
                true);
    }

    private static byte[] good(DnsMessage.Message query) {
        return DnsMessage.response(query, 0, List.of(DnsMessage.Answer.txt(NAME, RECORD)));
    }

    /** The same query with another question name (as it was sent on the wire), type or id. */
    private static DnsMessage.Message changed(DnsMessage.Message query, int id, String wire, int type) {
        return new DnsMessage.Message(id, false, false, 0, wire.toLowerCase(java.util.Locale.ROOT), type,
                query.questionClass(), wire, List.of());
    }

    @Test
    void aMalformedPacketFromTheServerIsIgnoredAndTheRealAnswerTaken() throws Exception {
        UdpDnsTransport dns = serve(query -> List.of(new byte[] {1, 2, 3}, new byte[] {
                (byte) (query.id() >> 8), (byte) query.id(), (byte) 0x81, (byte) 0x80, 0, 1, 0, 9}, good(query)));
        DnsMessage.Message answer = dns.query(NAME, DnsMessage.TYPE_TXT);
        assertThat(answer.answers()).containsExactly(DnsMessage.Answer.txt(NAME, RECORD));
    }

    @Test
    void answersToAnotherQuestionAreIgnored() throws Exception {
        UdpDnsTransport dns = serve(query -> List.of(
                DnsMessage.response(changed(query, query.id() ^ 1, query.questionWire(), 16), 0,
                        List.of(DnsMessage.Answer.txt(NAME, List.of("id")))),
                DnsMessage.response(changed(query, query.id(), NAME, 16), 0,
                        List.of(DnsMessage.Answer.txt(NAME, List.of("case")))),
                DnsMessage.response(changed(query, query.id(), query.questionWire(), 1), 0,
                        List.of(DnsMessage.Answer.txt(NAME, List.of("type")))),
                good(query)));
        DnsMessage.Message answer = dns.query(NAME, DnsMessage.TYPE_TXT);
        assertThat(answer.answers()).containsExactly(DnsMessage.Answer.txt(NAME, RECORD));
        assertThat(asked.get(0)).isEqualToIgnoringCase(NAME);
    }

    @Test
    void onlyWrongAnswersEndInATimeoutThatSaysWhatWasIgnored() throws Exception {
        UdpDnsTransport dns = serve(query -> List.of(DnsMessage.response(changed(query, query.id(), NAME.toUpperCase(), 16),
                0, List.of(DnsMessage.Answer.txt(NAME, RECORD)))));
        assertThatThrownBy(() -> dns.query(NAME, DnsMessage.TYPE_TXT)).isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("ignored 1 packet(s)").hasMessageContaining("another question");
    }

    @Test
    void queryNamesAreAskedInRandomCase() throws Exception {
        UdpDnsTransport dns = serve(query -> List.of(good(query)));
        for (int i = 0; i < 8; i++) {
            dns.query(NAME, DnsMessage.TYPE_TXT);
        }
        assertThat(asked).hasSize(8).allSatisfy(name -> assertThat(name).isEqualToIgnoringCase(NAME));
        assertThat(new java.util.HashSet<>(asked)).hasSizeGreaterThan(1);
    }

    @Test
    void overTcpTheIdAndTheQuestionAreChecked() throws Exception {
        List<Function<DnsMessage.Message, byte[]>> tcpAnswers = new ArrayList<>(List.of(
                query -> DnsMessage.response(changed(query, query.id(), "_keycloak-challenge.evil.com", 16), 0,
                        List.of(DnsMessage.Answer.txt(NAME, RECORD))),
                query -> DnsMessage.response(changed(query, query.id(), query.questionWire(), 1), 0,
                        List.of(DnsMessage.Answer.txt(NAME, RECORD))),
                UdpDnsTransportTest::good));
        UdpDnsTransport dns = serve(query -> {
            byte[] truncated = DnsMessage.response(query, 0, List.of());
            truncated[2] |= 0x02;
            return List.of(truncated);
        });
        tcp = new ServerSocket(udp.getLocalPort(), 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!tcp.isClosed()) {
                try (Socket socket = tcp.accept()) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    byte[] bytes = new byte[in.readUnsignedShort()];
                    in.readFully(bytes);
                    byte[] reply = tcpAnswers.remove(0).apply(DnsMessage.decode(bytes));
                    OutputStream out = socket.getOutputStream();
                    out.write(new byte[] {(byte) (reply.length >> 8), (byte) reply.length});
                    out.write(reply);
                    out.flush();
                } catch (IOException | DnsMessage.MalformedException | IndexOutOfBoundsException e) {
                    // closed
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        assertThatThrownBy(() -> dns.query(NAME, DnsMessage.TYPE_TXT)).hasMessageContaining("another question");
        assertThatThrownBy(() -> dns.query(NAME, DnsMessage.TYPE_TXT)).hasMessageContaining("another question");
        assertThat(dns.query(NAME, DnsMessage.TYPE_TXT).answers()).containsExactly(DnsMessage.Answer.txt(NAME, RECORD));
    }
}
