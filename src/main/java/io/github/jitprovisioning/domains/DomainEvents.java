package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.audit.DomainAudit;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Records a change of a domain claim: a Keycloak admin event (resource type {@value #RESOURCE_TYPE}, path
 * {@code organizations/<id>/domains/<domain>}, stored when the realm saves admin events and sent to the realm's
 * and the global event listeners) and, once the transaction committed, a {@code jit-audit} line.
 */
final class DomainEvents {

    static final String RESOURCE_TYPE = "JIT_ORGANIZATION_DOMAIN";
    private static final Logger LOG = Logger.getLogger(DomainEvents.class);

    private final KeycloakSession session;

    DomainEvents(KeycloakSession session) {
        this.session = session;
    }

    void record(RealmModel realm, String organizationId, String domain, String change, OperationType operation,
                Actor actor, Map<String, String> details) {
        AdminEvent event = new AdminEvent();
        event.setId(UUID.randomUUID().toString());
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setUserId("user".equals(actor.kind()) ? actor.id() : null);
        event.setAuthDetails(auth);
        event.setOperationType(operation);
        event.setResourceTypeAsString(RESOURCE_TYPE);
        event.setResourcePath("organizations/" + organizationId + "/domains/" + domain);
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("change", change);
        representation.put("domain", domain);
        representation.put("actor", actor.kind());
        if (actor.id() != null) {
            representation.put("actorId", actor.id());
        }
        representation.putAll(details);
        try {
            event.setRepresentation(JsonSerialization.writeValueAsString(representation));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        send(realm, event);
        Map<String, String> copy = new LinkedHashMap<>(details);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                DomainAudit.line(realm.getName(), change, organizationId, domain, actor.kind(), actor.id(), copy);
            }

            @Override
            protected void rollbackImpl() {
                // the change did not happen
            }
        });
    }

    private void send(RealmModel realm, AdminEvent event) {
        if (realm.isAdminEventsEnabled()) {
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, true);
            }
        }
        Set<String> ids = new HashSet<>(realm.getEventsListenersStream().toList());
        session.getKeycloakSessionFactory().getProviderFactoriesStream(EventListenerProvider.class)
                .filter(f -> ids.contains(f.getId()) || ((EventListenerProviderFactory) f).isGlobal())
                .forEach(f -> {
                    try {
                        session.getProvider(EventListenerProvider.class, f.getId()).onEvent(event, true);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "event listener %s failed on a domain event", f.getId());
                    }
                });
    }
}
