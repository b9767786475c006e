package io.github.jitprovisioning.domains;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * A global admin event listener (no realm needs to enable it): when an organization is created or updated (the admin
 * console saves every domain with {@code verified=false}), the verified flag of its verified claims is set again,
 * in the same transaction, so no login ever sees the reset.
 */
public final class DomainFlagRepairListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "jit-domain-flag-repair";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                // user events never change organizations
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                repair(session, event);
            }

            @Override
            public void close() {
            }
        };
    }

    static void repair(KeycloakSession session, AdminEvent event) {
        if (!"ORGANIZATION".equals(event.getResourceTypeAsString()) || event.getResourcePath() == null
                || (event.getOperationType() != OperationType.UPDATE && event.getOperationType() != OperationType.CREATE)) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length < 2 || !"organizations".equals(path[0])) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (realm == null || organizations == null) {
            return;
        }
        OrganizationModel org = organizations.getById(path[1]);
        if (org != null) {
            session.getProvider(DomainVerificationService.class).repairAfterChange(realm, org);
        }
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
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
