package io.github.jitprovisioning.it.harness;

import io.github.jitprovisioning.core.domains.DnsMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tiny authoritative DNS server on an ephemeral UDP port of 127.0.0.1, in the test JVM, that the tests control:
 * TXT records (each a list of strings), CNAMEs, names that exist without TXT, and silent names (no answer at all:
 * the resolver times out), and slow names (answered after a delay). Every other name is NXDOMAIN. It records when each
 * query arrived. One per test run ({@link #shared()}), started before the
 * Keycloak server, which is pointed at it through the resolver's SPI option ({@link #serverOptions()}).
 */
public final class TestDnsServer implements AutoCloseable {

    /** The prefix of the domain verification's SPI options. */
    public static final String SPI = "--spi-jit-domain-verification--default--";
    private static TestDnsServer shared;

    private final DatagramSocket socket;
    private final Map<String, Zone> zone = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> queries = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Trick> tricks = new ConcurrentHashMap<>();

    /** What the server does instead of a plain answer, to show how the resolver treats bad packets. */
    public enum Trick {
        /** A malformed packet first, then the real answer. */
        MALFORMED_FIRST,
        /** Only a forged answer that repeats the question in lower case (a spoofer who cannot know its 0x20 case). */
        FORGED_LOWER_CASE,
        /** Only an answer whose question has another type (A) than the query's (TXT). */
        WRONG_TYPE
    }
    private final ScheduledExecutorService delayed;
    private final Thread thread;

    private sealed interface Zone permits Txt, Cname, Silent, Empty {
    }

    private record Txt(List<List<String>> records) implements Zone {
    }

    private record Cname(String target) implements Zone {
    }

    private record Silent() implements Zone {
    }

    private record Empty() implements Zone {
    }

    private TestDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "test-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        delayed = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread sender = new Thread(task, "test-dns-delayed-" + socket.getLocalPort());
            sender.setDaemon(true);
            return sender;
        });
        thread.start();
    }

    /** The server of this test run, started on first use. */
    public static synchronized TestDnsServer shared() {
        if (shared == null) {
            try {
                shared = new TestDnsServer();
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The Keycloak options that point the domain verification at this server and make its timing test-sized. */
    public static List<String> serverOptions() {
        List<String> options = new ArrayList<>(resolverOptions());
        options.addAll(List.of(SPI + "check-interval=1", SPI + "pending-interval=2", SPI + "test-clock=true"));
        return List.copyOf(options);
    }

    /** The Keycloak options that point the domain verification's resolver at this server, and nothing else. */
    public static List<String> resolverOptions() {
        return List.of(SPI + "dns-servers=127.0.0.1:" + shared().port(), SPI + "dns-timeout=700", SPI + "dns-attempts=1");
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** TXT records at {@code name}, each given as its strings. */
    public void txt(String name, List<List<String>> records) {
        zone.put(key(name), new Txt(List.copyOf(records)));
    }

    public void cname(String name, String target) {
        zone.put(key(name), new Cname(key(target)));
    }

    /** The name exists but has no TXT record. */
    void empty(String name) {
        zone.put(key(name), new Empty());
    }

    /** Queries for the name get no answer (the resolver times out). */
    public void silent(String name) {
        zone.put(key(name), new Silent());
    }

    /** The name no longer exists (NXDOMAIN). */
    public void remove(String name) {
        zone.remove(key(name));
    }

    /** Answers for the name are sent {@code delay} after its query arrived (other queries are answered meanwhile). */
    public void delay(String name, Duration delay) {
        delays.put(key(name), delay);
    }

    /** Answers for the name play {@code trick} ({@code null}: plain answers again). */
    public void trick(String name, Trick trick) {
        if (trick == null) {
            tricks.remove(key(name));
        } else {
            tricks.put(key(name), trick);
        }
    }

    public int queries(String name) {
        return queryTimes(name).size();
    }

    /** When each query for the name arrived (epoch milliseconds of this machine's clock), oldest first. */
    public List<Long> queryTimes(String name) {
        List<Long> times = queries.get(key(name));
        return times == null ? List.of() : List.copyOf(times);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] bytes = new byte[packet.getLength()];
                System.arraycopy(buffer, 0, bytes, 0, bytes.length);
                long arrived = System.currentTimeMillis();
                DnsMessage.Message query = DnsMessage.decode(bytes);
                String name = key(query.questionName());
                queries.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(arrived);
                Trick trick = tricks.get(name);
                byte[] answer = trick == null ? answer(query) : tricked(query, trick, packet);
                if (answer != null) {
                    DatagramPacket reply = new DatagramPacket(answer, answer.length, packet.getSocketAddress());
                    Duration delay = delays.get(name);
                    if (delay == null) {
                        socket.send(reply);
                    } else {
                        delayed.schedule(() -> sendQuietly(reply), delay.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            } catch (IOException | DnsMessage.MalformedException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] tricked(DnsMessage.Message query, Trick trick, DatagramPacket packet) throws IOException {
        return switch (trick) {
            case MALFORMED_FIRST -> {
                byte[] garbage = {(byte) (query.id() >> 8), (byte) query.id(), (byte) 0x81, (byte) 0x80, 0, 1, 0, 9};
                socket.send(new DatagramPacket(garbage, garbage.length, packet.getSocketAddress()));
                yield answer(query);
            }
            case FORGED_LOWER_CASE -> answer(new DnsMessage.Message(query.id(), false, false, 0, query.questionName(),
                    query.questionType(), query.questionClass(), query.questionName(), List.of()));
            case WRONG_TYPE -> answer(new DnsMessage.Message(query.id(), false, false, 0, query.questionName(), 1,
                    query.questionClass(), query.questionWire(), List.of()));
        };
    }

    private void sendQuietly(DatagramPacket reply) {
        try {
            socket.send(reply);
        } catch (IOException e) {
            // closed meanwhile: the resolver times out
        }
    }

    private byte[] answer(DnsMessage.Message query) {
        List<DnsMessage.Answer> answers = new ArrayList<>();
        String name = query.questionName();
        for (int hops = 0; hops < 10; hops++) {
            Zone entry = zone.get(name);
            if (entry == null) {
                return DnsMessage.response(query, answers.isEmpty() ? DnsMessage.RCODE_NXDOMAIN : 0, answers);
            }
            if (entry instanceof Silent) {
                return null;
            }
            if (entry instanceof Empty) {
                return DnsMessage.response(query, 0, answers);
            }
            if (entry instanceof Txt txt) {
                for (List<String> record : txt.records()) {
                    answers.add(DnsMessage.Answer.txt(name, record));
                }
                return DnsMessage.response(query, 0, answers);
            }
            Cname cname = (Cname) entry;
            answers.add(DnsMessage.Answer.cname(name, cname.target()));
            name = cname.target();
        }
        return DnsMessage.response(query, 0, answers);
    }

    @Override
    public void close() {
        delayed.shutdownNow();
        socket.close();
    }
}
