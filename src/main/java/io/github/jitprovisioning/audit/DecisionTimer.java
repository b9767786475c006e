package io.github.jitprovisioning.audit;

import io.github.jitprovisioning.core.decision.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@value #NAME} timer (Prometheus: {@code jit_decision_seconds_count}, {@code _sum}, {@code _max} and a few
 * {@code _bucket}s) by realm and outcome: how long the JIT decision of a first brokered login took on the server,
 * from gathering the facts to the answer (organization lookups, invitation and existing-account queries, role and
 * group resolution). Outcomes are mapped onto the known codes, anything else is {@value DecisionMetrics#OTHER}.
 */
public final class DecisionTimer {

    static final String NAME = "jit.decision";
    private static final Set<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Outcome::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    private DecisionTimer() {
    }

    /** Records one decision in Keycloak's registry (the one {@code /metrics} shows). */
    public static void record(String realm, String outcome, long nanos) {
        record(Metrics.globalRegistry, realm, outcome, nanos);
    }

    static void record(MeterRegistry registry, String realm, String outcome, long nanos) {
        Timer.builder(NAME)
                .description("Time the JIT decision of a first brokered login took, by realm and outcome")
                .tag("realm", realm == null || realm.isBlank() ? DecisionMetrics.UNKNOWN_REALM : realm)
                .tag("outcome", outcome != null && OUTCOMES.contains(outcome) ? outcome : DecisionMetrics.OTHER)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }
}
