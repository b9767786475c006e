package io.github.jitprovisioning.audit;

import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;

import java.util.Optional;

/**
 * Writes one JSON line per JIT decision on the {@value #CATEGORY} log category and counts it, once the
 * transaction of the event has committed: an event of a rolled-back transaction (Keycloak sends a blocked
 * login's error event a second time in the rolled-back request) leaves no line and no count.
 */
final class JitAuditEventListenerProvider implements EventListenerProvider {

    static final String CATEGORY = "io.github.jitprovisioning.audit";
    private static final Logger AUDIT = Logger.getLogger(CATEGORY);

    private final KeycloakSession session;

    JitAuditEventListenerProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        Optional<AuditEntry> entry = AuditEntry.of(event.getTime(),
                event.getRealmName() != null ? event.getRealmName() : event.getRealmId(),
                event.getType() == null ? null : event.getType().name(), event.getId(), event.getClientId(),
                event.getUserId(), event.getDetails());
        if (entry.isEmpty()) {
            return;
        }
        KeycloakTransactionManager transaction = session.getTransactionManager();
        if (transaction.isActive()) {
            transaction.enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    write(entry.get());
                }

                @Override
                protected void rollbackImpl() {
                    // the decision did not happen: nothing to write
                }
            });
        } else {
            write(entry.get());
        }
    }

    private static void write(AuditEntry entry) {
        AUDIT.info(entry.toJson());
        DecisionMetrics.count(Metrics.globalRegistry, entry);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // admin events carry no JIT decision
    }

    @Override
    public void close() {
    }
}
