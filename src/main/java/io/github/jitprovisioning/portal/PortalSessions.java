package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.portal.PortalToken;
import io.github.jitprovisioning.core.portal.SetupLink;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Setup-link sessions, kept in Keycloak's {@link SingleUseObjectProvider} (replicated across the cluster, expired
 * by the store itself) under the SHA-256 of the cookie's secret; the cookie holds the secret only. A session ends
 * 8 hours after it started at the latest, and at once when its link is revoked (checked on every request).
 */
final class PortalSessions {

    static final String COOKIE = "JIT_PORTAL_SESSION";
    private static final String KEY_PREFIX = "jit-portal-session.";

    /** One link session: its organization, its link, its CSRF token and when it ends. */
    record LinkSession(String organizationId, String linkId, String csrf, Instant end) {
    }

    private PortalSessions() {
    }

    /** Starts a session; returns the cookie secret. */
    static String start(KeycloakSession session, String organizationId, String linkId, Instant now) {
        String secret = PortalToken.generate();
        Instant end = SetupLink.sessionEnd(now);
        session.singleUseObjects().put(KEY_PREFIX + PortalToken.hash(secret), end.getEpochSecond() - now.getEpochSecond(),
                Map.of("org", organizationId, "link", linkId, "csrf", PortalToken.generate(),
                        "end", Long.toString(end.getEpochSecond())));
        return secret;
    }

    static Optional<LinkSession> find(KeycloakSession session, String cookieSecret, Instant now) {
        if (!PortalToken.isWellFormed(cookieSecret)) {
            return Optional.empty();
        }
        Map<String, String> notes = session.singleUseObjects().get(KEY_PREFIX + PortalToken.hash(cookieSecret));
        if (notes == null || notes.get("end") == null) {
            return Optional.empty();
        }
        Instant end = Instant.ofEpochSecond(Long.parseLong(notes.get("end")));
        if (!now.isBefore(end)) {
            return Optional.empty();
        }
        return Optional.of(new LinkSession(notes.get("org"), notes.get("link"), notes.get("csrf"), end));
    }

    /**
     * The {@code Set-Cookie} value of the session cookie ({@code maxAgeSeconds} 0 deletes it). {@code Secure} whenever
     * the request came over https: its scheme as Keycloak sees it (behind a proxy, from {@code X-Forwarded-Proto} or
     * {@code Forwarded} when Keycloak's {@code proxy-headers} option trusts them), or Keycloak's own URL is https.
     */
    static String cookie(KeycloakSession session, String path, String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (overHttps(session) ? "; Secure" : "");
    }

    static boolean overHttps(KeycloakSession session) {
        return "https".equalsIgnoreCase(session.getContext().getHttpRequest().getUri().getRequestUri().getScheme())
                || "https".equalsIgnoreCase(session.getContext().getUri().getRequestUri().getScheme())
                || "https".equalsIgnoreCase(session.getContext().getUri().getBaseUri().getScheme());
    }

    static void end(KeycloakSession session, String cookieSecret) {
        if (PortalToken.isWellFormed(cookieSecret)) {
            session.singleUseObjects().remove(KEY_PREFIX + PortalToken.hash(cookieSecret));
        }
    }
}
