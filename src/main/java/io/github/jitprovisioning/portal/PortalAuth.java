package io.github.jitprovisioning.portal;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates a portal API request: a bearer access token of this realm issued for the portal (verified by
 * Keycloak's own {@link AppAuthManager.BearerTokenAuthenticator}: signature, expiry, active user session, enabled
 * user; then {@code azp} or {@code aud} {@value PortalClient#CLIENT_ID}), or else a
 * setup-link session cookie whose link still exists (a revoked link ends its sessions at once).
 */
final class PortalAuth {

    private PortalAuth() {
    }

    static Optional<PortalCaller> authenticate(KeycloakSession session, RealmModel realm) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        if (AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(headers) != null) {
            AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(realm)
                    .setUriInfo(session.getContext().getUri())
                    .setConnection(session.getContext().getConnection())
                    .setHeaders(headers)
                    .authenticate();
            if (result == null || result.user() == null || !issuedForThePortal(result.token())) {
                return Optional.empty();
            }
            return Optional.of(new PortalCaller(result.user(), result.client(), null));
        }
        Cookie cookie = headers.getCookies().get(PortalSessions.COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        return PortalSessions.find(session, cookie.getValue(), Instant.now())
                .filter(link -> linkStillExists(session, link))
                .map(link -> new PortalCaller(null, null, link));
    }

    /**
     * Whether the access token was issued for the portal: to its own client ({@code azp}), or with the audience
     * {@value PortalClient#CLIENT_ID} that an embedding application asks for on purpose. A token that the realm issued
     * to any other client is no portal sign-in, so an application that leaks its users' tokens leaks no portal power.
     */
    static boolean issuedForThePortal(AccessToken token) {
        return token != null && (PortalClient.CLIENT_ID.equals(token.getIssuedFor())
                || token.hasAudience(PortalClient.CLIENT_ID));
    }

    private static boolean linkStillExists(KeycloakSession session, PortalSessions.LinkSession link) {
        OrganizationModel organization = session.getProvider(OrganizationProvider.class).getById(link.organizationId());
        return organization != null && SetupLinks.find(organization, link.linkId()).isPresent();
    }
}
