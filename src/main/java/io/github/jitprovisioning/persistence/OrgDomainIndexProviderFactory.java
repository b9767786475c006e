package io.github.jitprovisioning.persistence;

import io.github.jitprovisioning.provisioning.Version;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;

/** The {@value #PROVIDER_ID} JPA entity provider: the index on {@code ORG_DOMAIN(NAME)}; see {@link OrgDomainIndexProvider}. */
public final class OrgDomainIndexProviderFactory implements JpaEntityProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "jit-org-domain-index";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new OrgDomainIndexProvider();
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
