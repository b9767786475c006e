package io.github.jitprovisioning.audit;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionMetricsTest {

    @Test
    void knownCodesAreTheTags() {
        assertThat(DecisionMetrics.tags("app", "blocked", "idp_not_linked").stream())
                .containsExactlyInAnyOrder(Tag.of("realm", "app"), Tag.of("outcome", "blocked"),
                        Tag.of("reason", "idp_not_linked"));
    }

    @Test
    void unknownOutcomesAndReasonsCountAsOtherSoTagsStayBounded() {
        assertThat(DecisionMetrics.tags("app", "hacked", "jane@acme.com").stream())
                .contains(Tag.of("outcome", "other"), Tag.of("reason", "other"));
        assertThat(DecisionMetrics.tags(null, null, null).stream())
                .containsExactlyInAnyOrder(Tag.of("realm", "unknown"), Tag.of("outcome", "other"),
                        Tag.of("reason", "other"));
    }

    @Test
    void eachDecisionIncrementsItsCounter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AuditEntry blocked = AuditEntry.of(0, "app", "IDENTITY_PROVIDER_FIRST_LOGIN_ERROR", "e1", null, null,
                Map.of("jit_outcome", "blocked", "jit_reason", "jit_disabled")).orElseThrow();
        AuditEntry provisioned = AuditEntry.of(0, "app", "IDENTITY_PROVIDER_FIRST_LOGIN", "e2", null, "u",
                Map.of("jit_outcome", "provisioned", "jit_reason", "provisioned")).orElseThrow();

        DecisionMetrics.count(registry, blocked);
        DecisionMetrics.count(registry, blocked);
        DecisionMetrics.count(registry, provisioned);

        assertThat(registry.get(DecisionMetrics.NAME).tags("realm", "app", "outcome", "blocked", "reason", "jit_disabled")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get(DecisionMetrics.NAME).tags("outcome", "provisioned").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRefusalThatReportOnlyLetThroughCountsAsTheRefusalAndAsLetThrough() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AuditEntry letThrough = AuditEntry.of(0, "app", "IDENTITY_PROVIDER_FIRST_LOGIN", "e1", null, "u",
                Map.of("jit_outcome", "blocked", "jit_reason", "domain_not_registered", "jit_mode", "report-only"))
                .orElseThrow();
        AuditEntry enforced = AuditEntry.of(0, "app", "IDENTITY_PROVIDER_FIRST_LOGIN_ERROR", "e2", null, null,
                Map.of("jit_outcome", "blocked", "jit_reason", "idp_not_linked", "jit_mode", "enforce")).orElseThrow();
        AuditEntry admitted = AuditEntry.of(0, "app", "IDENTITY_PROVIDER_FIRST_LOGIN", "e3", null, "u",
                Map.of("jit_outcome", "provisioned", "jit_reason", "provisioned", "jit_mode", "report-only")).orElseThrow();

        DecisionMetrics.count(registry, letThrough);
        DecisionMetrics.count(registry, enforced);
        DecisionMetrics.count(registry, admitted);

        assertThat(registry.get(DecisionMetrics.NAME).tags("outcome", "blocked", "reason", "domain_not_registered")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DecisionMetrics.LET_THROUGH).counters()).singleElement()
                .satisfies(counter -> {
                    assertThat(counter.getId().getTag("reason")).isEqualTo("domain_not_registered");
                    assertThat(counter.count()).isEqualTo(1.0);
                });
        assertThat(letThrough.toJson()).contains("\"mode\":\"report-only\"");
        assertThat(enforced.toJson()).contains("\"mode\":\"enforce\"");
    }

    @Test
    void aRateLimitedRefusalAlsoCountsInJitRateLimitedTotalAndNoOtherDecisionDoes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AuditEntry limited = AuditEntry.of(0, "app", "IDENTITY_PROVIDER_FIRST_LOGIN_ERROR", "e1", null, null,
                Map.of("jit_outcome", "blocked", "jit_reason", "rate_limited")).orElseThrow();
        AuditEntry disabled = AuditEntry.of(0, "app", "IDENTITY_PROVIDER_FIRST_LOGIN_ERROR", "e2", null, null,
                Map.of("jit_outcome", "blocked", "jit_reason", "jit_disabled")).orElseThrow();

        DecisionMetrics.count(registry, limited);
        DecisionMetrics.count(registry, disabled);

        assertThat(registry.get(DecisionMetrics.RATE_LIMITED).tags("realm", "app").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DecisionMetrics.NAME).tags("reason", "rate_limited").counter().count()).isEqualTo(1.0);
    }
}
