package io.github.jitprovisioning.portal;

import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;

import java.util.Locale;
import java.util.Map;

/**
 * The security headers of every portal response. Keycloak's security-headers filter
 * ({@code DefaultSecurityHeadersProvider}) puts the realm's {@code Content-Security-Policy} on every HTML answer (and
 * every answer to a form post), replacing whatever the resource set, so a page's own policy never reaches the
 * browser. A portal response therefore asks Keycloak to skip its headers for this request
 * ({@link SecurityHeadersProvider#options()}{@code .skipHeaders()}) and sets them itself: the realm's values of the
 * other headers exactly as Keycloak would ({@code X-Frame-Options}, {@code Strict-Transport-Security},
 * {@code X-Robots-Tag}, {@code X-Content-Type-Options}, {@code Referrer-Policy}), and the portal's strict policy with
 * the realm's {@code frame-ancestors} (as Keycloak's pages would be framed).
 */
final class PortalHeaders {

    /** The portal's policy without {@code frame-ancestors}: its own script and style only, no inline script. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'";

    private static final String FRAME_ANCESTORS = "frame-ancestors";

    private PortalHeaders() {
    }

    /** Sets the portal's security headers on {@code response} and tells Keycloak's filter to leave them. */
    static Response.ResponseBuilder secure(Response.ResponseBuilder response) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.getContext().getRealm();
        Map<String, String> realmValues = realm == null ? Map.of() : realm.getBrowserSecurityHeaders();
        if (session != null) {
            SecurityHeadersProvider keycloak = session.getProvider(SecurityHeadersProvider.class);
            if (keycloak != null) {
                keycloak.options().skipHeaders();
            }
        }
        for (BrowserSecurityHeaders header : BrowserSecurityHeaders.values()) {
            if (header == BrowserSecurityHeaders.CONTENT_SECURITY_POLICY
                    || header == BrowserSecurityHeaders.CONTENT_SECURITY_POLICY_REPORT_ONLY
                    || header == BrowserSecurityHeaders.X_CONTENT_TYPE_OPTIONS) {
                continue; // the realm's policy (enforced or reported) is not the portal's; nosniff always, below
            }
            String value = realmValues.getOrDefault(header.getKey(), header.getDefaultValue());
            if (value != null && !value.isEmpty()) {
                response.header(header.getHeaderName(), value);
            }
        }
        response.header("X-Content-Type-Options", "nosniff");
        response.header(BrowserSecurityHeaders.CONTENT_SECURITY_POLICY.getHeaderName(),
                policy(realmValues.getOrDefault(BrowserSecurityHeaders.CONTENT_SECURITY_POLICY.getKey(),
                        BrowserSecurityHeaders.CONTENT_SECURITY_POLICY.getDefaultValue())));
        return response;
    }

    /** The portal's policy with the {@code frame-ancestors} directive of the realm's policy, if it has one. */
    static String policy(String realmPolicy) {
        String frameAncestors = frameAncestors(realmPolicy);
        return POLICY + (frameAncestors == null ? "" : "; " + frameAncestors);
    }

    static String frameAncestors(String policy) {
        if (policy == null) {
            return null;
        }
        for (String directive : policy.split(";")) {
            String trimmed = directive.trim();
            String name = trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (name.equals(FRAME_ANCESTORS)) {
                return trimmed;
            }
        }
        return null;
    }
}
