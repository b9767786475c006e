package io.github.jitprovisioning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code jit-audit} line of a realm admin's resume of an organization's provisioning rate cap (event type
 * {@value #RESUMED}, same log category as the decisions). A {@code rate_limited} refusal is a decision: its line is
 * the listener's. Callers write after their transaction committed.
 */
public final class RateCapAudit {

    public static final String RESUMED = "JIT_RATE_CAP_RESUMED";
    private static final Logger AUDIT = Logger.getLogger(JitAuditEventListenerProvider.CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RateCapAudit() {
    }

    public static void resumed(String realm, String organizationId, String adminUserId, Map<String, Object> details) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("realm", realm);
        line.put("event_type", RESUMED);
        line.put("organization_id", organizationId);
        line.put("actor", "realm-admin");
        line.put("actor_id", adminUserId);
        line.putAll(details);
        try {
            AUDIT.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
