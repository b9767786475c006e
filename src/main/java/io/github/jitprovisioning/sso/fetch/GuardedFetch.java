package io.github.jitprovisioning.sso.fetch;

import io.github.jitprovisioning.core.sso.AddressRules;
import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.sso.fetch.FetchResult.Code;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jboss.logging.Logger;

/**
 * Fetches one customer's IdP document (discovery document, SAML metadata) on the server's side without becoming a
 * server-side request forgery: https only unless the host is allow-listed; the host's name is resolved once and
 * every address must be public (core.sso.AddressRules) unless the host is allow-listed; the socket is connected by
 * this class to the checked address, and the address it actually connected to is checked again before a byte is
 * sent (so DNS rebinding cannot pass); TLS keeps the host name for SNI and certificate checks and the request keeps
 * it in Host; redirects are followed here, at most the policy's number, each checked again (scheme, host, address;
 * never from https to http); the body is read up to maxBytes + 1 (more is too large) within one deadline for the
 * whole fetch. Only JDK classes. Logs the host and the refusal code, never a document.
 *
 * <p>Thread-safe; one instance may serve many fetches.
 */
public final class GuardedFetch {

    private static final Logger LOG = Logger.getLogger(GuardedFetch.class);
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final String USER_AGENT = "keycloak-jit-provisioning (SSO setup)";

    /** Name resolution, resolved once per hop; a seam for tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Opens the TCP connection to the checked address; a seam for tests (the JDK's Socket otherwise). */
    @FunctionalInterface
    interface Connector {
        Socket connect(InetSocketAddress checked, int timeoutMillis) throws IOException;
    }

    private static final Connector PLAIN = (address, timeoutMillis) -> {
        Socket socket = new Socket();
        try {
            socket.connect(address, timeoutMillis);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    };

    /** Name resolution runs here so that a slow DNS answer counts against the deadline. */
    private static final ExecutorService DNS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "jit-sso-fetch-dns");
        thread.setDaemon(true);
        return thread;
    });

    private final FetchPolicy policy;
    private final SSLSocketFactory tls;
    private final Resolver resolver;
    private final Connector connector;

    /** A fetch with the policy's limits and the JVM's default trust store. */
    public GuardedFetch(FetchPolicy policy) {
        this(policy, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * A fetch with the policy's limits that trusts what {@code tls} trusts (e.g. the SSLSocketFactory of Keycloak's
     * TruststoreProvider, or a test's throw-away trust store). The factory must check certificates; this class adds
     * the host name check (endpoint identification "HTTPS").
     */
    public GuardedFetch(FetchPolicy policy, SSLSocketFactory tls) {
        this(policy, tls, InetAddress::getAllByName, PLAIN);
    }

    GuardedFetch(FetchPolicy policy, SSLSocketFactory tls, Resolver resolver, Connector connector) {
        this.policy = policy;
        this.tls = tls;
        this.resolver = resolver;
        this.connector = connector;
    }

    /** The policy this fetch applies. */
    public FetchPolicy policy() {
        return policy;
    }

    /**
     * GET {@code uri} with the given Accept header.
     *
     * @param uri    absolute https URL (http only for an allow-listed host)
     * @param accept e.g. {@code application/json} or {@code application/samlmetadata+xml, application/xml}
     * @return {@link FetchResult.Ok} with the body, or {@link FetchResult.Refused}; never throws for a network
     *         problem
     * @throws IllegalArgumentException when {@code accept} holds a control character (a programming error)
     */
    public FetchResult get(URI uri, String accept) {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        String acceptHeader = accept == null || accept.isBlank() ? "*/*" : accept.strip();
        if (acceptHeader.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("accept must be one header line");
        }
        URI current = uri;
        URI from = null;
        try {
            for (int redirects = 0; ; redirects++) {
                Target target = target(current, from);
                Response response = exchange(target, new Outgoing("GET", acceptHeader, null, null), deadline);
                if (response.location != null) {
                    if (redirects >= policy.maxRedirects()) {
                        throw refuse(Code.TOO_MANY_REDIRECTS, "The address " + shown(uri) + " redirected more than "
                                + policy.maxRedirects() + " times; the server follows at most "
                                + policy.maxRedirects() + " redirects. Give the final address instead.");
                    }
                    from = current;
                    current = redirectTarget(current, response.location);
                    continue;
                }
                if (response.status < 200 || response.status > 299) {
                    throw refuse(Code.HTTP_STATUS, "The server at " + target.host + " answered HTTP status "
                            + response.status + " for " + shown(current) + "; the document must be answered with"
                            + " status 200. Check the address" + (response.status == 401 || response.status == 403
                            ? " and that the document is published without sign-in" : "") + ".");
                }
                return FetchResult.ok(response.body, current, response.contentType);
            }
        } catch (Refusal refusal) {
            LOG.debugf("SSO document fetch from %s refused: %s", hostOf(current), refusal.result.code().wire());
            return refusal.result;
        }
    }

    /**
     * POST {@code body} to {@code uri} (e.g. the test sign-in's code redemption at the token endpoint) under the same
     * rules as {@link #get}, except that no redirect is followed (a redirect is refused as {@code http_status}). A
     * status that is not 2xx is refused; when its body is JSON with an OAuth {@code error} code (letters, digits,
     * underscores), the refusal's message names that code. The body sent is never logged.
     *
     * @param contentType e.g. {@code application/x-www-form-urlencoded}
     * @throws IllegalArgumentException when {@code accept} or {@code contentType} holds a control character
     */
    public FetchResult post(URI uri, String accept, String contentType, byte[] body) {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        String acceptHeader = headerValue(accept, "*/*");
        String type = headerValue(contentType, "application/octet-stream");
        try {
            Target target = target(uri, null);
            Response response = exchange(target, new Outgoing("POST", acceptHeader, type,
                    body == null ? new byte[0] : body), deadline);
            if (response.location != null) {
                throw refuse(Code.HTTP_STATUS, "The server at " + target.host + " answered a redirect (HTTP status "
                        + response.status + ") for " + shown(uri) + "; the server does not follow redirects of a"
                        + " POST. Check the address.");
            }
            if (response.status < 200 || response.status > 299) {
                String error = oauthError(response.body);
                throw refuse(Code.HTTP_STATUS, "The server at " + target.host + " answered HTTP status "
                        + response.status + " for " + shown(uri) + (error == null ? "" : " (error: " + error + ")")
                        + ".");
            }
            return FetchResult.ok(response.body, uri, response.contentType);
        } catch (Refusal refusal) {
            LOG.debugf("SSO POST to %s refused: %s", hostOf(uri), refusal.result.code().wire());
            return refusal.result;
        }
    }

    private static String headerValue(String value, String otherwise) {
        String header = value == null || value.isBlank() ? otherwise : value.strip();
        if (header.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a header value must be one line");
        }
        return header;
    }

    private static final java.util.regex.Pattern OAUTH_ERROR =
            java.util.regex.Pattern.compile("\"error\"\\s*:\\s*\"([A-Za-z0-9_]{1,64})\"");

    private static String oauthError(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        java.util.regex.Matcher m = OAUTH_ERROR.matcher(new String(body, 0, Math.min(body.length, 4096),
                StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    /** What one request sends: method, Accept, and for a POST its Content-Type and body. */
    private record Outgoing(String method, String accept, String contentType, byte[] body) {
    }

    // ---- checks before a connection ------------------------------------------------------------------------------

    private record Target(URI uri, String scheme, String host, int port, boolean allowListed) {
    }

    private Target target(URI uri, URI from) throws Refusal {
        String via = from == null ? "" : " (a redirect from " + shown(from) + ")";
        if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            throw refuse(Code.BAD_URL, "The address " + shown(uri) + via + " is not an absolute URL with a host name.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refuse(Code.BAD_URL, "The address " + shown(uri) + via + " is not an https URL.");
        }
        if (uri.getRawUserInfo() != null) {
            throw refuse(Code.BAD_URL, "The address" + via + " contains a user name or password; the server does not"
                    + " send credentials in URLs.");
        }
        String host = stripBrackets(uri.getHost()).toLowerCase(Locale.ROOT);
        try {
            if (!isLiteral(host)) {
                host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            throw refuse(Code.BAD_URL, "The host name of " + shown(uri) + via + " is not valid.");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        boolean allowListed = policy.allows(host);
        if (scheme.equals("http")) {
            if (from != null && "https".equalsIgnoreCase(from.getScheme())) {
                throw refuse(Code.NOT_HTTPS, "The address " + shown(from) + " redirected to plain http ("
                        + shown(uri) + "); the server does not leave https.");
            }
            if (!allowListed) {
                throw refuse(Code.NOT_HTTPS, "The address " + shown(uri) + via + " uses plain http; the server only"
                        + " fetches https addresses.");
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(uri, scheme, host, port, allowListed);
    }

    private InetAddress[] resolve(Target target, long deadline) throws Refusal {
        Future<InetAddress[]> answer = DNS.submit(() -> resolver.resolve(target.host));
        try {
            InetAddress[] addresses = answer.get(remainingMillis(deadline, target), TimeUnit.MILLISECONDS);
            if (addresses == null || addresses.length == 0) {
                throw refuse(Code.UNREACHABLE, "The name " + target.host + " does not resolve (no DNS record was"
                        + " found); check the address.");
            }
            return addresses;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut(target);
        } catch (ExecutionException e) {
            throw refuse(Code.UNREACHABLE, "The name " + target.host + " does not resolve (no DNS record was found);"
                    + " check the address.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timedOut(target);
        }
    }

    private void checkPublic(Target target, InetAddress[] addresses) throws Refusal {
        if (target.allowListed) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!AddressRules.isPublic(address)) {
                String literal = address.getHostAddress();
                String subject = literal.equalsIgnoreCase(target.host)
                        || ("[" + literal + "]").equalsIgnoreCase(target.host) || isLiteral(target.host)
                        ? "The address " + target.host + " is "
                        : "The address " + target.host + " resolves to " + literal + ", ";
                throw refuse(Code.NOT_PUBLIC_ADDRESS, subject + AddressRules.describe(address)
                        + "; the server only fetches from public addresses.");
            }
        }
    }

    // ---- one request ---------------------------------------------------------------------------------------------

    private record Response(int status, String location, String contentType, byte[] body) {
    }

    private Response exchange(Target target, Outgoing outgoing, long deadline) throws Refusal {
        InetAddress[] addresses = resolve(target, deadline);
        checkPublic(target, addresses);
        Socket socket = connect(target, addresses, deadline);
        try (Socket open = socket) {
            Socket channel = open;
            if (target.scheme.equals("https")) {
                channel = handshake(target, open, deadline);
            }
            OutputStream out = channel.getOutputStream();
            out.write(request(target, outgoing).getBytes(StandardCharsets.US_ASCII));
            if (outgoing.body != null) {
                out.write(outgoing.body);
            }
            out.flush();
            return read(target, channel, deadline, outgoing.body != null);
        } catch (SocketTimeoutException e) {
            throw timedOut(target);
        } catch (IOException e) {
            throw refuse(Code.UNREACHABLE, "The connection to " + target.host + " broke off before the whole answer"
                    + " arrived; try again or check the server.");
        }
    }

    private Socket connect(Target target, InetAddress[] addresses, long deadline) throws Refusal {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket;
            try {
                socket = connector.connect(new InetSocketAddress(address, target.port), remainingMillis(deadline, target));
            } catch (SocketTimeoutException e) {
                throw timedOut(target);
            } catch (IOException e) {
                last = e;
                continue;
            }
            InetAddress connected = socket.getInetAddress();
            if (!target.allowListed && (connected == null || !connected.equals(address)
                    || !AddressRules.isPublic(connected))) {
                close(socket);
                String reached = connected == null ? "an unknown address" : connected.getHostAddress() + ", "
                        + AddressRules.describe(connected) + ",";
                throw refuse(Code.NOT_PUBLIC_ADDRESS, "The connection to " + target.host + " reached " + reached
                        + " not the public address " + address.getHostAddress() + " that was checked; the server only"
                        + " fetches from public addresses.");
            }
            return socket;
        }
        throw refuse(Code.UNREACHABLE, "The server could not connect to " + target.host + " on port " + target.port
                + (last != null && last.getMessage() != null && last.getMessage().toLowerCase(Locale.ROOT)
                .contains("refused") ? " (connection refused)" : "") + "; check the address and that the server"
                + " is reachable from the internet.");
    }

    private Socket handshake(Target target, Socket plain, long deadline) throws Refusal, IOException {
        try {
            SSLSocket ssl = (SSLSocket) tls.createSocket(plain, target.host, target.port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isLiteral(target.host)) {
                parameters.setServerNames(List.of(new SNIHostName(target.host)));
            }
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(remainingMillis(deadline, target));
            ssl.startHandshake();
            return ssl;
        } catch (SocketTimeoutException e) {
            throw timedOut(target);
        } catch (SSLHandshakeException e) {
            throw refuse(Code.UNREACHABLE, "The secure (TLS) connection to " + target.host + " failed: its certificate"
                    + " is not trusted for the name " + target.host + " (expired, self-signed, issued for another"
                    + " name, or the TLS handshake failed).");
        } catch (SSLException e) {
            throw refuse(Code.UNREACHABLE, "The secure (TLS) connection to " + target.host + " failed; check that the"
                    + " address is https and the server speaks TLS on port " + target.port + ".");
        }
    }

    private static String request(Target target, Outgoing outgoing) {
        String path = target.uri.getRawPath() == null || target.uri.getRawPath().isEmpty() ? "/"
                : target.uri.getRawPath();
        if (target.uri.getRawQuery() != null) {
            path = path + "?" + target.uri.getRawQuery();
        }
        boolean defaultPort = target.port == (target.scheme.equals("https") ? 443 : 80);
        String hostHeader = (target.host.indexOf(':') >= 0 ? "[" + target.host + "]" : target.host)
                + (defaultPort ? "" : ":" + target.port);
        return outgoing.method + " " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Accept: " + outgoing.accept + "\r\n"
                + (outgoing.body == null ? "" : "Content-Type: " + outgoing.contentType + "\r\n"
                        + "Content-Length: " + outgoing.body.length + "\r\n")
                + "Accept-Encoding: identity\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
    }

    private Response read(Target target, Socket channel, long deadline, boolean bodyOfAnyStatus)
            throws Refusal, IOException {
        InputStream in = new BufferedInputStream(new DeadlineInput(channel, deadline), 8192);
        int status;
        Map<String, String> headers;
        do {
            String statusLine = line(in, target);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw malformed(target);
            }
            status = Integer.parseInt(parts[1]);
            headers = headers(in, target);
        } while (status >= 100 && status < 200);
        String location = headers.get("location");
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            if (location == null || location.isBlank()) {
                throw refuse(Code.HTTP_STATUS, "The server at " + target.host + " answered a redirect (HTTP status "
                        + status + ") without saying where to.");
            }
            return new Response(status, location.strip(), null, null);
        }
        if ((status < 200 || status > 299) && !bodyOfAnyStatus) {
            return new Response(status, null, null, null);
        }
        byte[] body;
        String transfer = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (transfer.contains("chunked")) {
            body = chunked(in, target);
        } else if (headers.containsKey("content-length")) {
            long length;
            try {
                length = Long.parseLong(headers.get("content-length").strip());
            } catch (NumberFormatException e) {
                throw malformed(target);
            }
            if (length < 0) {
                throw malformed(target);
            }
            if (length > policy.maxBytes()) {
                throw tooLarge(target);
            }
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw refuse(Code.UNREACHABLE, "The connection to " + target.host + " closed before the whole"
                        + " document arrived.");
            }
        } else {
            body = in.readNBytes((int) policy.maxBytes() + 1);
            if (body.length > policy.maxBytes()) {
                throw tooLarge(target);
            }
        }
        return new Response(status, null, headers.get("content-type"), body);
    }

    private byte[] chunked(InputStream in, Target target) throws Refusal, IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, target);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw malformed(target);
            }
            if (size < 0) {
                throw malformed(target);
            }
            if (size == 0) {
                headers(in, target); // trailers, ignored
                return body.toByteArray();
            }
            if (body.size() + size > policy.maxBytes()) {
                // read what fits plus one byte, no more, then refuse
                long wanted = policy.maxBytes() + 1 - body.size();
                body.write(in.readNBytes((int) Math.min(wanted, size)));
                throw tooLarge(target);
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw refuse(Code.UNREACHABLE, "The connection to " + target.host + " closed before the whole"
                        + " document arrived.");
            }
            body.write(chunk);
            if (!line(in, target).isEmpty()) {
                throw malformed(target);
            }
        }
    }

    private Map<String, String> headers(InputStream in, Target target) throws Refusal, IOException {
        Map<String, String> headers = new TreeMap<>();
        int total = 0;
        while (true) {
            String line = line(in, target);
            if (line.isEmpty()) {
                return headers;
            }
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw malformed(target);
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed(target);
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            String earlier = headers.putIfAbsent(name, value);
            if (earlier != null && name.equals("content-length") && !earlier.equals(value)) {
                throw malformed(target);
            }
        }
    }

    /** One CRLF (or LF) terminated line of at most 8 KiB, as ISO-8859-1. */
    private String line(InputStream in, Target target) throws Refusal, IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw refuse(Code.UNREACHABLE, "The connection to " + target.host + " closed before a complete"
                        + " answer arrived.");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
            if (line.size() > 8192) {
                throw malformed(target);
            }
        }
    }

    /** Reads from the socket with the time left until the deadline as the read timeout. */
    private final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            return in.read(buffer, offset, length);
        }
    }

    // ---- redirects, words ----------------------------------------------------------------------------------------

    private static URI redirectTarget(URI current, String location) throws Refusal {
        try {
            URI next = current.resolve(new URI(location));
            return new URI(next.getScheme(), next.getRawAuthority(), next.getRawPath(), next.getRawQuery(), null)
                    .normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refuse(Code.BAD_URL, "The address " + shown(current) + " redirected to an address that is not a"
                    + " valid URL.");
        }
    }

    private int remainingMillis(long deadline, Target target) throws Refusal {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw timedOut(target);
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private Refusal timedOut(Target target) {
        return refuse(Code.TIMED_OUT, "The server at " + target.host + " did not answer completely within "
                + Sizes.words(policy.timeout()) + ", the most the server waits; check that it is reachable from the"
                + " internet and answers quickly.");
    }

    private Refusal tooLarge(Target target) {
        return refuse(Code.TOO_LARGE, "The document at " + target.host + " is larger than "
                + Sizes.words(policy.maxBytes()) + ", the most the server reads; check that the address is the"
                + " document itself.");
    }

    private static Refusal malformed(Target target) {
        return refuse(Code.UNREACHABLE, "The server at " + target.host + " did not give a valid HTTP answer.");
    }

    private static Refusal refuse(Code code, String message) {
        return new Refusal(FetchResult.refused(code, message));
    }

    /** An address as a refusal may quote it: scheme, host, port and path, without query, user info or fragment. */
    private static String shown(URI uri) {
        if (uri == null) {
            return "(none)";
        }
        if (uri.getHost() == null) {
            String text = uri.toString();
            return (text.length() > 100 ? text.substring(0, 100) + "..." : text).replaceAll("\\p{Cntrl}", "?");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() > 100) {
            path = path.substring(0, 100) + "...";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }

    private static String hostOf(URI uri) {
        return uri == null || uri.getHost() == null ? "(no host)" : uri.getHost();
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** A refusal on its way out of the nested steps of one fetch. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient FetchResult.Refused result;

        Refusal(FetchResult.Refused result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }
}
