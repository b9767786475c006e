package io.github.jitprovisioning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code jit-audit} lines of domain verification (same log category as the decisions, event types
 * {@code JIT_DOMAIN_*}) and the {@value #CHECKS} counter (Prometheus {@code jit_domain_checks_total}) by realm and
 * outcome. Callers write after their transaction committed.
 */
public final class DomainAudit {

    static final String CHECKS = "jit.domain.checks";
    private static final Logger AUDIT = Logger.getLogger(JitAuditEventListenerProvider.CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OUTCOMES = Set.of("match", "wrong-token", "no-record", "nxdomain", "error");

    private DomainAudit() {
    }

    /**
     * One line: {@code event_type} is {@code JIT_DOMAIN_<CHANGE>}, e.g. {@code JIT_DOMAIN_VERIFIED}.
     *
     * @param details more keys (state, check, previous organization id...), written in the given order
     */
    public static void line(String realm, String change, String organizationId, String domain, String actorKind,
                            String actorId, Map<String, String> details) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("realm", realm);
        line.put("event_type", "JIT_DOMAIN_" + change);
        line.put("organization_id", organizationId);
        line.put("domain", domain);
        line.put("actor", actorKind);
        if (actorId != null) {
            line.put("actor_id", actorId);
        }
        details.forEach((k, v) -> {
            if (v != null) {
                line.put(k, v);
            }
        });
        try {
            AUDIT.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /** Counts one DNS check. */
    public static void countCheck(String realm, String outcome, boolean background) {
        Counter.builder(CHECKS)
                .description("DNS checks of claimed organization domains by realm, outcome and trigger")
                .tags("realm", realm == null ? DecisionMetrics.UNKNOWN_REALM : realm,
                        "outcome", outcome != null && OUTCOMES.contains(outcome) ? outcome : DecisionMetrics.OTHER,
                        "trigger", background ? "background" : "manual")
                .register(Metrics.globalRegistry)
                .increment();
    }
}
