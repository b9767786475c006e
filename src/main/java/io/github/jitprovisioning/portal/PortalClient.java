package io.github.jitprovisioning.portal;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

import java.util.Set;

/**
 * The portal's own public OIDC client {@value #CLIENT_ID}: authorization code with PKCE (S256) only, redirect
 * URIs limited to the portal's pages. Created by the admin REST API ({@code PUT /admin/realms/{realm}/jit/portal-client}
 * or the first setup link), never by an anonymous request.
 */
public final class PortalClient {

    public static final String CLIENT_ID = "jit-portal";

    private PortalClient() {
    }

    /** Creates the client when it is missing; an existing client is left as the admin configured it. */
    public static ClientModel ensure(RealmModel realm) {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        if (client != null) {
            return client;
        }
        client = realm.addClient(CLIENT_ID);
        client.setName("JIT self-service portal");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setFullScopeAllowed(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl("/realms/" + realm.getName() + "/jit-portal/");
        client.setRedirectUris(Set.of("/realms/" + realm.getName() + "/jit-portal/*"));
        client.setWebOrigins(Set.of("+"));
        client.setAttribute("pkce.code.challenge.method", "S256");
        client.setAttribute("post.logout.redirect.uris", "+");
        return client;
    }
}
