package io.github.jitprovisioning.audit;

import io.github.jitprovisioning.core.decision.Outcome;
import io.github.jitprovisioning.core.decision.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@value #NAME} counter (Prometheus: {@code jit_decisions_total}) by realm, outcome and reason. Outcome and
 * reason are mapped onto the known codes, anything else counts as {@value #OTHER}, so that no event can add
 * tag values without bound.
 */
final class DecisionMetrics {

    static final String NAME = "jit.decisions";
    /** Prometheus {@code jit_rate_limited_total}: logins refused by an organization's provisioning rate cap. */
    static final String RATE_LIMITED = "jit.rate.limited";
    static final String OTHER = "other";
    static final String UNKNOWN_REALM = "unknown";

    private static final Set<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Outcome::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> REASONS = Arrays.stream(Reason.values()).map(Reason::code)
            .collect(Collectors.toUnmodifiableSet());

    private DecisionMetrics() {
    }

    static Tags tags(String realm, String outcome, String reason) {
        return Tags.of("realm", realm == null || realm.isBlank() ? UNKNOWN_REALM : realm,
                "outcome", known(OUTCOMES, outcome),
                "reason", known(REASONS, reason));
    }

    private static String known(Set<String> codes, String value) {
        return value != null && codes.contains(value) ? value : OTHER;
    }

    /** Prometheus {@code jit_report_only_let_through_total}: refusals that report-only let through, by realm and reason. */
    static final String LET_THROUGH = "jit.report.only.let.through";

    static void count(MeterRegistry registry, AuditEntry entry) {
        if (entry.letThrough()) {
            Counter.builder(LET_THROUGH)
                    .description("JIT refusals that an organization in report-only mode let through, by realm and reason")
                    .tags(Tags.of("realm", entry.realm() == null || entry.realm().isBlank() ? UNKNOWN_REALM : entry.realm(),
                            "reason", known(REASONS, entry.reason())))
                    .register(registry)
                    .increment();
        }
        Counter.builder(NAME)
                .description("JIT provisioning decisions by realm, outcome and reason")
                .tags(tags(entry.realm(), entry.outcome(), entry.reason()))
                .register(registry)
                .increment();
        if (Reason.RATE_LIMITED.code().equals(entry.reason())) {
            Counter.builder(RATE_LIMITED)
                    .description("JIT logins refused because the organization reached its provisioning rate cap, by realm")
                    .tags(Tags.of("realm", entry.realm() == null || entry.realm().isBlank() ? UNKNOWN_REALM : entry.realm()))
                    .register(registry)
                    .increment();
        }
    }
}
