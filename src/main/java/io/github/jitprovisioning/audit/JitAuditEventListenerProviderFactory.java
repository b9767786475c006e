package io.github.jitprovisioning.audit;

import io.github.jitprovisioning.provisioning.Version;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;

/**
 * The {@value #PROVIDER_ID} event listener, enabled per realm (Realm settings, Events, Event listeners). Keeps
 * no state: every provider works through its own session.
 */
public final class JitAuditEventListenerProviderFactory implements EventListenerProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "jit-audit";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new JitAuditEventListenerProvider(session);
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
