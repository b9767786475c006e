package io.github.jitprovisioning.core.portal;

import java.net.URI;
import java.util.Locale;

/**
 * The origin check of a cookie-authenticated change: the browser's {@code Origin} header must name exactly the
 * server's own origin (scheme, host and port). A missing or {@code null} origin is refused.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    public static boolean matches(String originHeader, URI server) {
        if (originHeader == null || originHeader.isBlank() || originHeader.equals("null") || server == null) {
            return false;
        }
        URI origin;
        try {
            origin = URI.create(originHeader.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (origin.getScheme() == null || origin.getHost() == null || origin.getRawPath() != null
                && !origin.getRawPath().isEmpty()) {
            return false;
        }
        return origin.getScheme().toLowerCase(Locale.ROOT).equals(server.getScheme().toLowerCase(Locale.ROOT))
                && origin.getHost().toLowerCase(Locale.ROOT).equals(server.getHost().toLowerCase(Locale.ROOT))
                && port(origin) == port(server);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
