package io.github.jitprovisioning.it.harness;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cookies of one simulated browser. Unlike {@link java.net.CookieManager} it sends {@code Secure} cookies over
 * plain http to {@code localhost}: Keycloak sets its login cookies {@code Secure; SameSite=None} even there, and a
 * browser treats localhost as a secure context. Host-only and domain cookies, paths, {@code Max-Age} and
 * {@code Expires} are honoured; nothing else is needed for Keycloak's login pages.
 */
public final class CookieJar {

    private record Cookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                          ZonedDateTime expires) {
    }

    private final List<Cookie> cookies = new ArrayList<>();

    /** Stores the {@code Set-Cookie} headers of a response to a request for {@code uri}. */
    public synchronized void store(URI uri, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            parse(uri, header).ifPresent(this::put);
        }
    }

    /** The {@code Cookie} header value for a request to {@code uri}, if any cookie applies. */
    public synchronized Optional<String> header(URI uri) {
        ZonedDateTime now = ZonedDateTime.now();
        cookies.removeIf(c -> c.expires() != null && !c.expires().isAfter(now));
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean secureChannel = "https".equalsIgnoreCase(uri.getScheme()) || isLocal(host);
        String value = cookies.stream()
                .filter(c -> domainMatches(c, host) && pathMatches(c.path(), path) && (!c.secure() || secureChannel))
                .sorted((a, b) -> Integer.compare(b.path().length(), a.path().length()))
                .map(c -> c.name() + "=" + c.value())
                .collect(Collectors.joining("; "));
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Names of the cookies held, for diagnostics. */
    public synchronized List<String> names() {
        return cookies.stream().map(Cookie::name).toList();
    }

    private void put(Cookie cookie) {
        for (Iterator<Cookie> it = cookies.iterator(); it.hasNext(); ) {
            Cookie old = it.next();
            if (old.name().equals(cookie.name()) && old.domain().equals(cookie.domain()) && old.path().equals(cookie.path())) {
                it.remove();
            }
        }
        if (cookie.expires() == null || cookie.expires().isAfter(ZonedDateTime.now())) {
            cookies.add(cookie);
        }
    }

    static Optional<Cookie> parse(URI uri, String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String name = parts[0].substring(0, eq).trim();
        String value = unquote(parts[0].substring(eq + 1).trim());
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String domain = host;
        boolean hostOnly = true;
        String path = defaultPath(uri.getRawPath());
        boolean secure = false;
        ZonedDateTime expires = null;
        Long maxAge = null;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int aeq = attribute.indexOf('=');
            String key = (aeq < 0 ? attribute : attribute.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String attrValue = aeq < 0 ? "" : attribute.substring(aeq + 1).trim();
            switch (key) {
                case "domain" -> {
                    String d = attrValue.startsWith(".") ? attrValue.substring(1) : attrValue;
                    if (!d.isEmpty()) {
                        domain = d.toLowerCase(Locale.ROOT);
                        hostOnly = false;
                    }
                }
                case "path" -> path = attrValue.startsWith("/") ? attrValue : defaultPath(uri.getRawPath());
                case "secure" -> secure = true;
                case "max-age" -> {
                    try {
                        maxAge = Long.parseLong(attrValue);
                    } catch (NumberFormatException ignored) {
                        // an invalid Max-Age is ignored, as browsers do
                    }
                }
                case "expires" -> expires = parseDate(attrValue);
                default -> {
                    // HttpOnly, SameSite, Version, Comment: irrelevant here
                }
            }
        }
        if (maxAge != null) {
            expires = ZonedDateTime.now().plusSeconds(maxAge);
        }
        return Optional.of(new Cookie(name, value, domain, hostOnly, path, secure, expires));
    }

    private static ZonedDateTime parseDate(String value) {
        // RFC 1123, also with dashes ("Thu, 01-Jan-1970 00:00:10 GMT") as Keycloak writes it
        String normalized = value.replace('-', ' ');
        try {
            return ZonedDateTime.parse(normalized, DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String defaultPath(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/") || requestPath.lastIndexOf('/') == 0) {
            return "/";
        }
        return requestPath.substring(0, requestPath.lastIndexOf('/'));
    }

    private static boolean domainMatches(Cookie cookie, String host) {
        if (cookie.hostOnly()) {
            return host.equals(cookie.domain());
        }
        return host.equals(cookie.domain()) || host.endsWith("." + cookie.domain());
    }

    private static boolean pathMatches(String cookiePath, String requestPath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        if (requestPath.startsWith(cookiePath)) {
            return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
        }
        return false;
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
