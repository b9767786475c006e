package io.github.jitprovisioning.sso.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Real servers on 127.0.0.1 for GuardedFetch: one HTTPS server with a throw-away self-signed certificate (for
 * "localhost" and 127.0.0.1, made in the test), one plain HTTP server with the same handlers, a raw TCP
 * listener that counts connections and answers nothing. The client trusts only the throw-away certificate.
 */
final class TestServers implements AutoCloseable {

    static final String JSON = "{\"issuer\":\"https://localhost\"}";
    static final int TEN_MIB = 10 * 1024 * 1024;

    final HttpsServer https;
    final HttpServer http;
    final ServerSocket silent;
    final SSLSocketFactory clientTls;
    final AtomicInteger requests = new AtomicInteger();
    final List<String> paths = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger silentConnections = new AtomicInteger();
    final AtomicLong bigBytesWritten = new AtomicLong();
    final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-server");
        t.setDaemon(true);
        return t;
    });

    TestServers() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.create("localhost");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("fetch", self.keys().getPrivate(), "changeit".toCharArray(),
                new Certificate[] {self.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        Certificate cert = keys.getCertificate("fetch");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("fetch", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
        clientTls = clientContext.getSocketFactory();

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        https = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        for (HttpServer server : List.of(https, http)) {
            server.createContext("/", this::handle);
            server.setExecutor(pool);
            server.start();
        }
        silent = new ServerSocket(0, 50, loopback);
        pool.execute(() -> {
            List<Socket> held = new ArrayList<>();
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                    silentConnections.incrementAndGet();
                } catch (IOException e) {
                    break;
                }
            }
            held.forEach(TestServers::closeQuietly);
        });
    }

    int httpsPort() {
        return https.getAddress().getPort();
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    /** https://localhost:port + path */
    String httpsUrl(String path) {
        return "https://localhost:" + httpsPort() + path;
    }

    String httpUrl(String path) {
        return "http://localhost:" + httpPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        paths.add(path + (query == null ? "" : "?" + query) + " Host=" + exchange.getRequestHeaders().getFirst("Host")
                + " Accept=" + exchange.getRequestHeaders().getFirst("Accept"));
        try (exchange) {
            if (path.equals("/token")) {
                // echoes the method, the Content-Type and the form; a form with code=bad gets an OAuth error
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean bad = form.contains("code=bad");
                byte[] body = (bad ? "{\"error\":\"invalid_grant\",\"error_description\":\"<script>\"}"
                        : exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                        + " " + form).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(bad ? 400 : 200, body.length);
                exchange.getResponseBody().write(body);
            } else if (path.equals("/doc")) {
                byte[] body = JSON.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else if (path.equals("/redirect")) {
                // /redirect?to=<url, percent-decoded once>
                exchange.getResponseHeaders().add("Location",
                        java.net.URLDecoder.decode(query.substring("to=".length()), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(302, -1);
            } else if (path.startsWith("/chain/")) {
                int left = Integer.parseInt(path.substring("/chain/".length()));
                if (left == 0) {
                    byte[] body = "end of chain".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.getResponseHeaders().add("Location", "/chain/" + (left - 1));
                    exchange.sendResponseHeaders(301, -1);
                }
            } else if (path.equals("/big-chunked")) {
                exchange.sendResponseHeaders(200, 0); // chunked
                writeBig(exchange.getResponseBody());
            } else if (path.equals("/big-declared")) {
                exchange.sendResponseHeaders(200, TEN_MIB);
                writeBig(exchange.getResponseBody());
            } else if (path.equals("/big-until-close")) {
                exchange.getResponseHeaders().add("Connection", "close");
                exchange.sendResponseHeaders(200, 0);
                writeBig(exchange.getResponseBody());
            } else if (path.equals("/exactly")) {
                // /exactly?n=bytes
                int n = Integer.parseInt(query.substring(2));
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(new byte[n]);
            } else if (path.equals("/stall")) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                await();
            } else if (path.equals("/trickle")) {
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < 100 && release.getCount() > 0; i++) {
                    out.write(' ');
                    out.flush();
                    sleep(50);
                }
            } else if (path.equals("/status")) {
                exchange.sendResponseHeaders(Integer.parseInt(query.substring(2)), -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (IOException e) {
            // the client went away: expected for refusals
        }
    }

    private void writeBig(OutputStream out) throws IOException {
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 'x');
        for (int written = 0; written < TEN_MIB; written += block.length) {
            out.write(block);
            bigBytesWritten.addAndGet(block.length);
        }
    }

    private void await() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // ignored
        }
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        https.stop(0);
        http.stop(0);
        silent.close();
        pool.shutdownNow();
    }
}
