package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.provisioning.KeycloakCompat;
import io.github.jitprovisioning.provisioning.Version;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.Map;

/** The self-service portal at {@code /realms/{realm}/}{@value #PROVIDER_ID}{@code /}. Stateless. */
public final class JitPortalResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "jit-portal";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                // only where Keycloak has organization groups: the portal's classes use them (KeycloakCompat)
                return KeycloakCompat.ORGANIZATION_GROUPS ? new JitPortalResource(session) : new PortalUnavailable();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Version.operationalInfo();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
