package io.github.jitprovisioning.audit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionTimerTest {

    @Test
    void eachDecisionIsTimedUnderItsRealmAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        DecisionTimer.record(registry, "app", "provisioned", 2_000_000);
        DecisionTimer.record(registry, "app", "provisioned", 4_000_000);
        DecisionTimer.record(registry, "app", "blocked", 1_000_000);

        Timer provisioned = registry.get("jit.decision").tags("realm", "app", "outcome", "provisioned").timer();
        assertThat(provisioned.count()).isEqualTo(2);
        assertThat(provisioned.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.get("jit.decision").tags("realm", "app", "outcome", "blocked").timer().count()).isEqualTo(1);
    }

    @Test
    void unknownOutcomesAndMissingRealmsStayBounded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        DecisionTimer.record(registry, null, "jane@acme.test", 1);

        assertThat(registry.get("jit.decision").tags("realm", "unknown", "outcome", "other").timer().count()).isEqualTo(1);
    }
}
