package io.github.jitprovisioning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code jit-audit} line of a change made through the self-service portal or its setup links: one JSON line on
 * the same log category as the decisions ({@value JitAuditEventListenerProvider#CATEGORY}), written after the
 * transaction committed (a refused or failed change leaves no line). Unlike decision lines it does not depend on
 * the {@code jit-audit} event listener being enabled: every portal change is audited.
 */
public final class PortalAudit {

    private static final Logger AUDIT = Logger.getLogger(JitAuditEventListenerProvider.CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PortalAudit() {
    }

    /**
     * @param action  what changed, e.g. {@code settings.update}
     * @param actor   {@code user:<id>} or {@code link:<id>}
     * @param details further keys (no secrets)
     */
    public static void afterCommit(KeycloakSession session, String realm, String organizationId, String actor,
                                   String action, Map<String, Object> details) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("realm", realm);
        line.put("event_type", "JIT_PORTAL_CHANGE");
        line.put("action", action);
        line.put("organization_id", organizationId);
        line.put("actor", actor);
        line.putAll(details);
        String json;
        try {
            json = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values always serializes", e);
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                AUDIT.info(json);
            }

            @Override
            protected void rollbackImpl() {
                // the change did not happen
            }
        });
    }
}
