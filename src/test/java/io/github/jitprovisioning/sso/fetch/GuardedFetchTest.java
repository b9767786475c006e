package io.github.jitprovisioning.sso.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.sso.fetch.FetchResult.Code;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GuardedFetch against real servers on 127.0.0.1 (HTTPS with a throw-away certificate, plain HTTP, a silent TCP
 * listener). The address checks run on the real resolver and real sockets; two seams (the resolver and the connector)
 * only stand in for DNS answers that a test cannot get from real DNS (a public address, a rebinding answer).
 */
class GuardedFetchTest {

    private static final String JSON = "application/json";

    static TestServers servers;

    /** Every TCP connection GuardedFetch opened (the address it asked for) and the bytes it read from them. */
    final List<InetSocketAddress> connects = new CopyOnWriteArrayList<>();
    final AtomicLong rawBytesRead = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers();
    }

    @AfterAll
    static void stop() throws IOException {
        servers.close();
    }

    @BeforeEach
    void reset() {
        servers.requests.set(0);
        servers.paths.clear();
        servers.silentConnections.set(0);
        servers.bigBytesWritten.set(0);
    }

    /** The JDK's resolver and sockets, recording each connection and counting the raw bytes read from it. */
    GuardedFetch fetch(FetchPolicy policy) {
        return new GuardedFetch(policy, servers.clientTls, InetAddress::getAllByName, recording());
    }

    GuardedFetch.Connector recording() {
        return (address, timeout) -> {
            connects.add(address);
            Socket socket = new Socket() {
                @Override
                public InputStream getInputStream() throws IOException {
                    return new FilterInputStream(super.getInputStream()) {
                        @Override
                        public int read() throws IOException {
                            int b = super.read();
                            if (b >= 0) {
                                rawBytesRead.incrementAndGet();
                            }
                            return b;
                        }

                        @Override
                        public int read(byte[] buffer, int offset, int length) throws IOException {
                            int n = super.read(buffer, offset, length);
                            if (n > 0) {
                                rawBytesRead.addAndGet(n);
                            }
                            return n;
                        }
                    };
                }
            };
            socket.connect(address, timeout);
            return socket;
        };
    }

    static FetchPolicy allow(String... hosts) {
        return FetchPolicy.parse(String.join(",", hosts));
    }

    static FetchResult.Refused refused(FetchResult result, Code code) {
        assertThat(result).isInstanceOf(FetchResult.Refused.class);
        FetchResult.Refused refused = (FetchResult.Refused) result;
        assertThat(refused.code()).as(refused.message()).isEqualTo(code);
        assertThat(result.isOk()).isFalse();
        return refused;
    }

    // ---- not public, not https ------------------------------------------------------------------------------------

    @Test
    void loopbackNotAllowListedIsRefusedBeforeAnyConnection() {
        FetchResult result = fetch(FetchPolicy.DEFAULT)
                .get(URI.create("https://127.0.0.1:" + servers.silent.getLocalPort() + "/doc"), JSON);

        assertThat(refused(result, Code.NOT_PUBLIC_ADDRESS).message()).isEqualTo("The address 127.0.0.1 is a loopback"
                + " address (the server itself); the server only fetches from public addresses.");
        assertThat(connects).isEmpty();
        assertThat(servers.silentConnections).hasValue(0);
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedNamingTheAddress() {
        FetchResult result = fetch(FetchPolicy.DEFAULT).get(URI.create(servers.httpsUrl("/doc")), JSON);

        assertThat(refused(result, Code.NOT_PUBLIC_ADDRESS).message())
                .matches("The address localhost resolves to (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1), a loopback address \\(the"
                        + " server itself\\); the server only fetches from public addresses\\.");
        assertThat(connects).isEmpty();
        assertThat(servers.requests).hasValue(0);
    }

    @Test
    void theWordsNameAPrivateAddressAsTheCustomerSeesIt() {
        GuardedFetch fetch = new GuardedFetch(FetchPolicy.DEFAULT, servers.clientTls,
                host -> new InetAddress[] {InetAddress.getByName("10.0.0.5")}, recording());

        FetchResult result = fetch.get(URI.create("https://metadata.example.com/saml/metadata"), "application/xml");

        assertThat(refused(result, Code.NOT_PUBLIC_ADDRESS).message()).isEqualTo("The address metadata.example.com"
                + " resolves to 10.0.0.5, a private network address; the server only fetches from public addresses.");
        assertThat(connects).isEmpty();
    }

    @Test
    void oneNonPublicAddressAmongSeveralIsEnoughToRefuse() {
        GuardedFetch fetch = new GuardedFetch(FetchPolicy.DEFAULT, servers.clientTls,
                host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"),
                    InetAddress.getByName("169.254.169.254")}, recording());

        FetchResult result = fetch.get(URI.create("https://idp.example.com/.well-known/openid-configuration"), JSON);

        assertThat(refused(result, Code.NOT_PUBLIC_ADDRESS).message()).contains("169.254.169.254, the cloud metadata"
                + " address");
        assertThat(connects).isEmpty();
    }

    @Test
    void ipLiteralsOfEveryNonPublicKindAreRefusedWithoutAConnection() {
        for (String url : List.of("https://10.0.0.1/", "https://169.254.169.254/latest/meta-data/",
                "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[fd00:ec2::254]/", "https://0.0.0.0/",
                "https://[64:ff9b::a9fe:a9fe]/", "https://100.64.0.1/")) {
            refused(fetch(FetchPolicy.DEFAULT).get(URI.create(url), JSON), Code.NOT_PUBLIC_ADDRESS);
        }
        assertThat(connects).isEmpty();
    }

    @Test
    void theOtherTextFormsOfLoopbackAreResolvedAndRefused() {
        // the check is on the address, so no spelling of the host gets past it
        for (String host : List.of("[::ffff:7f00:1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "127.000.000.001",
                "2130706433")) {
            FetchResult.Refused r = refused(fetch(FetchPolicy.DEFAULT).get(
                    URI.create("https://" + host + ":" + servers.silent.getLocalPort() + "/"), JSON),
                    Code.NOT_PUBLIC_ADDRESS);
            assertThat(r.message()).contains("a loopback address (the server itself)");
        }
        // java.net.URI gives no host for "127.1" (InetAddress would read it as 127.0.0.1)
        refused(fetch(FetchPolicy.DEFAULT).get(URI.create("https://127.1/"), JSON), Code.BAD_URL);
        assertThat(connects).isEmpty();
        assertThat(servers.silentConnections).hasValue(0);
    }

    @Test
    void aRedirectToAnInvalidAddressIsABadUrl() {
        refused(redirectTo("https://exa%25mple.com/%25zz"), Code.BAD_URL);
        assertThat(servers.paths).hasSize(1);
    }

    @Test
    void plainHttpIsRefusedUnlessTheHostIsAllowListed() {
        FetchResult refusedResult = fetch(FetchPolicy.DEFAULT).get(URI.create(servers.httpUrl("/doc")), JSON);
        assertThat(refused(refusedResult, Code.NOT_HTTPS).message()).isEqualTo("The address http://localhost:"
                + servers.httpPort() + "/doc uses plain http; the server only fetches https addresses.");
        assertThat(connects).isEmpty();
        assertThat(servers.requests).hasValue(0);

        FetchResult ok = fetch(allow("localhost")).get(URI.create(servers.httpUrl("/doc")), JSON);
        assertThat(ok).isInstanceOf(FetchResult.Ok.class);
        assertThat(new String(((FetchResult.Ok) ok).body(), StandardCharsets.UTF_8)).isEqualTo(TestServers.JSON);
    }

    @Test
    void anAllowListedHostIsFetchedOverHttpsWithHostAcceptAndTheCertificateCheckedForTheName() {
        FetchResult result = fetch(allow("localhost")).get(URI.create(servers.httpsUrl("/doc?x=1")), JSON);

        assertThat(result).isInstanceOf(FetchResult.Ok.class);
        FetchResult.Ok ok = (FetchResult.Ok) result;
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo(TestServers.JSON);
        assertThat(ok.contentType()).isEqualTo("application/json");
        assertThat(ok.finalUri()).isEqualTo(URI.create(servers.httpsUrl("/doc?x=1")));
        assertThat(servers.paths).containsExactly("/doc?x=1 Host=localhost:" + servers.httpsPort()
                + " Accept=application/json");
    }

    @Test
    void aCertificateNotTrustedIsRefusedAsUnreachable() {
        GuardedFetch jvmTrust = new GuardedFetch(allow("localhost"));

        FetchResult result = jvmTrust.get(URI.create(servers.httpsUrl("/doc")), JSON);

        assertThat(refused(result, Code.UNREACHABLE).message()).startsWith("The secure (TLS) connection to localhost"
                + " failed: its certificate is not trusted");
        assertThat(servers.requests).hasValue(0);
    }

    @Test
    void aStatusThatIsNot2xxIsRefused() {
        FetchResult result = fetch(allow("localhost")).get(URI.create(servers.httpsUrl("/status?s=404")), JSON);
        assertThat(refused(result, Code.HTTP_STATUS).message()).isEqualTo("The server at localhost answered HTTP status"
                + " 404 for https://localhost:" + servers.httpsPort() + "/status; the document must be answered with"
                + " status 200. Check the address.");
        refused(fetch(allow("localhost")).get(URI.create(servers.httpsUrl("/status?s=500")), JSON), Code.HTTP_STATUS);
        assertThat(refused(fetch(allow("localhost")).get(URI.create(servers.httpsUrl("/status?s=401")), JSON),
                Code.HTTP_STATUS).message()).contains("published without sign-in");
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        FetchResult result = fetch(allow("127.0.0.1")).get(URI.create("https://127.0.0.1:" + closed + "/"), JSON);
        assertThat(refused(result, Code.UNREACHABLE).message()).isEqualTo("The server could not connect to 127.0.0.1"
                + " on port " + closed + " (connection refused); check the address and that the server is reachable"
                + " from the internet.");
    }

    @Test
    void unusableUrlsAreBadUrls() {
        for (String url : List.of("https://user:secret@localhost/doc", "ftp://localhost/doc", "/relative/doc",
                "mailto:a@b.c")) {
            FetchResult.Refused r = refused(fetch(allow("localhost")).get(URI.create(url), JSON), Code.BAD_URL);
            assertThat(r.message()).doesNotContain("secret");
        }
        assertThat(connects).isEmpty();
    }

    // ---- redirects -------------------------------------------------------------------------------------------------

    FetchResult redirectTo(String target) {
        return fetch(allow("localhost")).get(URI.create(servers.httpsUrl("/redirect?to=" + target)), JSON);
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedWithoutConnectingThere() {
        FetchResult.Refused r = refused(redirectTo("https://10.0.0.1/doc"), Code.NOT_PUBLIC_ADDRESS);
        assertThat(r.message()).isEqualTo("The address 10.0.0.1 is a private network address; the server only fetches"
                + " from public addresses.");
        assertThat(connects).extracting(InetSocketAddress::getPort).containsOnly(servers.httpsPort());
    }

    @Test
    void aRedirectToTheCloudMetadataAddressIsRefused() {
        FetchResult.Refused r = refused(redirectTo("http://169.254.169.254/latest/meta-data/"), Code.NOT_HTTPS);
        assertThat(r.message()).contains("redirected to plain http");
        FetchResult.Refused https = refused(redirectTo("https://169.254.169.254/latest/meta-data/"),
                Code.NOT_PUBLIC_ADDRESS);
        assertThat(https.message()).isEqualTo("The address 169.254.169.254 is the cloud metadata address; the server"
                + " only fetches from public addresses.");
        assertThat(connects).extracting(InetSocketAddress::getPort).containsOnly(servers.httpsPort());
    }

    @Test
    void aRedirectFromHttpsToHttpIsRefusedEvenToAnAllowListedHost() {
        FetchResult.Refused r = refused(redirectTo(servers.httpUrl("/doc")), Code.NOT_HTTPS);
        assertThat(r.message()).isEqualTo("The address https://localhost:" + servers.httpsPort() + "/redirect"
                + " redirected to plain http (http://localhost:" + servers.httpPort() + "/doc); the server does not"
                + " leave https.");
        assertThat(servers.paths).hasSize(1);
    }

    @Test
    void aRedirectToAnotherNameIsCheckedAgain() {
        // 127.0.0.1 is the same server but not on the allow-list: the hop is refused
        FetchResult.Refused r = refused(redirectTo("https://127.0.0.1:" + servers.httpsPort() + "/doc"),
                Code.NOT_PUBLIC_ADDRESS);
        assertThat(r.message()).startsWith("The address 127.0.0.1 is a loopback address");
        assertThat(servers.paths).hasSize(1);
    }

    @Test
    void threeRedirectsAreFollowedAndAFourthIsRefused() {
        FetchResult ok = fetch(allow("localhost")).get(URI.create(servers.httpsUrl("/chain/3")), JSON);
        assertThat(ok).isInstanceOf(FetchResult.Ok.class);
        assertThat(((FetchResult.Ok) ok).finalUri()).isEqualTo(URI.create(servers.httpsUrl("/chain/0")));
        assertThat(servers.requests).hasValue(4);

        servers.requests.set(0);
        FetchResult.Refused r = refused(fetch(allow("localhost")).get(URI.create(servers.httpsUrl("/chain/4")), JSON),
                Code.TOO_MANY_REDIRECTS);
        assertThat(r.message()).isEqualTo("The address https://localhost:" + servers.httpsPort() + "/chain/4 redirected"
                + " more than 3 times; the server follows at most 3 redirects. Give the final address instead.");
        assertThat(servers.requests).as("the fourth redirect's target is never asked for").hasValue(4);
    }

    // ---- size and time ---------------------------------------------------------------------------------------------

    @Test
    void aTenMibChunkedBodyIsTooLargeAfterReadingAtMostMaxBytesPlusOne() {
        FetchPolicy policy = allow("localhost");
        FetchResult.Refused r = refused(fetch(policy).get(URI.create(servers.httpsUrl("/big-chunked")), JSON),
                Code.TOO_LARGE);
        assertThat(r.message()).isEqualTo("The document at localhost is larger than 1 MiB (1048576 bytes), the most"
                + " the server reads; check that the address is the document itself.");
        // raw TLS bytes: the body read (maxBytes + 1), chunk headers, TLS record overhead and one record read ahead
        assertThat(rawBytesRead.get()).isBetween(policy.maxBytes(), policy.maxBytes() + 64 * 1024);
    }

    @Test
    void aBodyWithoutLengthIsCutAtMaxBytesPlusOne() {
        FetchPolicy policy = allow("localhost");
        refused(fetch(policy).get(URI.create(servers.httpUrl("/big-until-close")), JSON), Code.TOO_LARGE);
        // plain http: the body read (maxBytes + 1), the headers and the 8 KiB read buffer at most
        assertThat(rawBytesRead.get()).isBetween(policy.maxBytes() + 1, policy.maxBytes() + 1 + 16 * 1024);
    }

    @Test
    void aDeclaredTenMibBodyIsRefusedWithoutReadingIt() {
        refused(fetch(allow("localhost")).get(URI.create(servers.httpUrl("/big-declared")), JSON), Code.TOO_LARGE);
        assertThat(rawBytesRead.get()).isLessThan(128 * 1024);
    }

    @Test
    void exactlyMaxBytesIsAcceptedAndOneMoreIsNot() {
        FetchPolicy policy = allow("localhost").withMaxBytes(1000);
        FetchResult ok = fetch(policy).get(URI.create(servers.httpsUrl("/exactly?n=1000")), JSON);
        assertThat(((FetchResult.Ok) ok).body()).hasSize(1000);
        FetchResult.Refused r = refused(fetch(policy).get(URI.create(servers.httpsUrl("/exactly?n=1001")), JSON),
                Code.TOO_LARGE);
        assertThat(r.message()).contains("larger than 1000 bytes");
    }

    @Test
    void aServerThatStallsIsRefusedAtTheTimeout() {
        FetchPolicy policy = allow("localhost").withTimeout(Duration.ofMillis(400));
        long start = System.nanoTime();
        FetchResult.Refused r = refused(fetch(policy).get(URI.create(servers.httpsUrl("/stall")), JSON),
                Code.TIMED_OUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.message()).isEqualTo("The server at localhost did not answer completely within 400 milliseconds,"
                + " the most the server waits; check that it is reachable from the internet and answers quickly.");
        assertThat(millis).isBetween(350L, 2_000L);
    }

    @Test
    void aServerThatTricklesBytesIsRefusedAtTheWholeReadDeadline() {
        // a byte every 50 ms never trips a per-read timeout of 400 ms; the deadline of the whole fetch does
        FetchPolicy policy = allow("localhost").withTimeout(Duration.ofMillis(400));
        long start = System.nanoTime();
        refused(fetch(policy).get(URI.create(servers.httpUrl("/trickle")), JSON), Code.TIMED_OUT);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(350L, 2_000L);
    }

    @Test
    void aListenerThatNeverAnswersTheTlsHandshakeIsRefusedAtTheTimeout() {
        FetchPolicy policy = allow("127.0.0.1").withTimeout(Duration.ofMillis(300));
        FetchResult.Refused r = refused(fetch(policy).get(
                URI.create("https://127.0.0.1:" + servers.silent.getLocalPort() + "/"), JSON), Code.TIMED_OUT);
        assertThat(r.message()).startsWith("The server at 127.0.0.1 did not answer completely within 300 milliseconds");
    }

    @Test
    void aResolverThatHangsIsRefusedAtTheTimeout() {
        GuardedFetch fetch = new GuardedFetch(FetchPolicy.DEFAULT.withTimeout(Duration.ofMillis(300)),
                servers.clientTls, host -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new java.net.UnknownHostException(host);
                }, recording());
        refused(fetch.get(URI.create("https://slow-dns.example.com/"), JSON), Code.TIMED_OUT);
        assertThat(connects).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveIsUnreachable() {
        GuardedFetch fetch = new GuardedFetch(FetchPolicy.DEFAULT, servers.clientTls, host -> {
            throw new java.net.UnknownHostException(host);
        }, recording());
        assertThat(refused(fetch.get(URI.create("https://no-such-name.example.com/"), JSON), Code.UNREACHABLE)
                .message()).isEqualTo("The name no-such-name.example.com does not resolve (no DNS record was found);"
                + " check the address.");
    }

    // ---- POST (the test sign-in's code redemption) ------------------------------------------------------------------

    static final byte[] FORM = "grant_type=authorization_code&code=abc&client_secret=s3cret"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPostSendsTheBodyWithItsTypeToAnAllowListedHost() {
        FetchResult result = fetch(allow("localhost")).post(URI.create(servers.httpsUrl("/token")), JSON,
                "application/x-www-form-urlencoded", FORM);
        assertThat(result).isInstanceOf(FetchResult.Ok.class);
        assertThat(new String(((FetchResult.Ok) result).body(), StandardCharsets.UTF_8)).isEqualTo("POST"
                + " application/x-www-form-urlencoded grant_type=authorization_code&code=abc&client_secret=s3cret");
    }

    @Test
    void aPostFollowsTheSameAddressRulesAndSendsNothingToLoopback() {
        FetchResult.Refused r = refused(fetch(FetchPolicy.DEFAULT).post(URI.create(servers.httpsUrl("/token")), JSON,
                "application/x-www-form-urlencoded", FORM), Code.NOT_PUBLIC_ADDRESS);
        assertThat(r.message()).doesNotContain("s3cret");
        refused(fetch(FetchPolicy.DEFAULT).post(URI.create(servers.httpUrl("/token")), JSON,
                "application/x-www-form-urlencoded", FORM), Code.NOT_HTTPS);
        assertThat(connects).isEmpty();
        assertThat(servers.requests).hasValue(0);
    }

    @Test
    void aPostIsNeverRedirectedAndAnOauthErrorIsNamed() {
        FetchResult.Refused redirect = refused(fetch(allow("localhost")).post(
                URI.create(servers.httpsUrl("/redirect?to=" + servers.httpsUrl("/token"))), JSON,
                "application/x-www-form-urlencoded", FORM), Code.HTTP_STATUS);
        assertThat(redirect.message()).contains("answered a redirect (HTTP status 302)")
                .contains("does not follow redirects of a POST");
        assertThat(servers.paths).hasSize(1);

        FetchResult.Refused error = refused(fetch(allow("localhost")).post(URI.create(servers.httpsUrl("/token")), JSON,
                "application/x-www-form-urlencoded", "code=bad".getBytes(StandardCharsets.US_ASCII)), Code.HTTP_STATUS);
        assertThat(error.message()).isEqualTo("The server at localhost answered HTTP status 400 for https://localhost:"
                + servers.httpsPort() + "/token (error: invalid_grant).");
    }

    // ---- DNS rebinding -----------------------------------------------------------------------------------------------

    /**
     * A rebinding DNS answers a public address to the check and loopback to the connection. GuardedFetch resolves once
     * and connects to the address it checked: the second answer is never asked for.
     */
    @Test
    void theNameIsResolvedOnceAndTheConnectionGoesToTheCheckedAddress() throws Exception {
        InetAddress checked = InetAddress.getByName("93.184.215.14");
        AtomicInteger lookups = new AtomicInteger();
        GuardedFetch fetch = new GuardedFetch(FetchPolicy.DEFAULT, servers.clientTls, host -> new InetAddress[] {
            lookups.incrementAndGet() == 1 ? checked : InetAddress.getByName("127.0.0.1")}, (address, timeout) -> {
                connects.add(address);
                throw new ConnectException("Connection refused (the test does not reach the internet)");
            });

        refused(fetch.get(URI.create("https://rebind.example.com:" + servers.httpsPort() + "/doc"), JSON),
                Code.UNREACHABLE);

        assertThat(lookups).hasValue(1);
        assertThat(connects).containsExactly(new InetSocketAddress(checked, servers.httpsPort()));
        assertThat(servers.requests).hasValue(0);
    }

    /**
     * Whatever puts the socket elsewhere than the checked address (a rebinding resolver under the socket layer, a
     * transparent proxy, NAT): the address the socket actually connected to is checked before a byte is sent. The
     * connector seam connects to the loopback server although it was asked for a public address.
     */
    @Test
    void aSocketThatConnectedToLoopbackIsRefusedBeforeAByteIsSent() {
        GuardedFetch fetch = new GuardedFetch(FetchPolicy.DEFAULT, servers.clientTls,
                host -> new InetAddress[] {InetAddress.getByName("93.184.215.14")}, (address, timeout) -> {
                    connects.add(address);
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), servers.httpsPort()),
                            timeout);
                    return socket;
                });

        FetchResult.Refused r = refused(fetch.get(URI.create("https://rebind.example.com:" + servers.httpsPort()
                + "/doc"), JSON), Code.NOT_PUBLIC_ADDRESS);

        assertThat(r.message()).isEqualTo("The connection to rebind.example.com reached 127.0.0.1, a loopback address"
                + " (the server itself), not the public address 93.184.215.14 that was checked; the server only"
                + " fetches from public addresses.");
        assertThat(servers.requests).hasValue(0);
    }
}
