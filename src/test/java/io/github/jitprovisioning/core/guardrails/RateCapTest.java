package io.github.jitprovisioning.core.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RateCapTest {

    private final List<String> problems = new ArrayList<>();
    private final ConfigProblems log = (where, key, value, applied) -> problems.add(where + " " + key + "=" + value + " -> " + applied);

    @Test
    void withoutConfigurationTheCapIsTwoHundredPerHour() {
        RateCap cap = RateCap.of(null, null, "acme", log);
        assertThat(cap).isEqualTo(new RateCap(200, RateCap.FROM_DEFAULT));
        assertThat(problems).isEmpty();
    }

    @Test
    void theRealmOptionSetsTheDefaultOfEveryOrganization() {
        assertThat(RateCap.of(Map.of(RateCap.OPTION, " 50 "), Map.of(), "acme", log))
                .isEqualTo(new RateCap(50, RateCap.FROM_REALM));
    }

    @Test
    void theOrganizationAttributeOverridesTheRealmOption() {
        assertThat(RateCap.of(Map.of(RateCap.OPTION, "50"), Map.of(RateCap.OPTION, List.of("5")), "acme", log))
                .isEqualTo(new RateCap(5, RateCap.FROM_ORGANIZATION));
    }

    @Test
    void zeroMeansNoCap() {
        RateCap none = RateCap.of(Map.of(RateCap.OPTION, "0"), null, "acme", log);
        assertThat(none.capped()).isFalse();
        assertThat(none.reached(1_000_000)).isFalse();
        assertThat(RateCap.of(Map.of(), Map.of(RateCap.OPTION, List.of("0")), "acme", log).capped()).isFalse();
    }

    @Test
    void anUnknownOrganizationValueIsReportedAndTheRealmsCapApplies() {
        RateCap cap = RateCap.of(Map.of(RateCap.OPTION, "50"), Map.of(RateCap.OPTION, List.of("lots")), "acme", log);
        assertThat(cap).isEqualTo(new RateCap(50, RateCap.FROM_REALM));
        assertThat(problems).containsExactly("organization acme jit.rate-cap-per-hour=lots -> 50");
    }

    @Test
    void anUnknownOrOutOfRangeRealmValueIsReportedAndTheDefaultApplies() {
        for (String value : List.of("-1", "100001", "1.5", "ten")) {
            assertThat(RateCap.realm(Map.of(RateCap.OPTION, value), log)).isEqualTo(new RateCap(200, RateCap.FROM_DEFAULT));
        }
        assertThat(problems).hasSize(4);
        assertThat(RateCap.realm(Map.of(RateCap.OPTION, "100000"), log).perHour()).isEqualTo(100_000);
    }

    @Test
    void theCapIsReachedWhenAsManyAsItAllowsWereCounted() {
        RateCap cap = new RateCap(3, RateCap.FROM_ORGANIZATION);
        assertThat(cap.reached(2)).isFalse();
        assertThat(cap.reached(3)).isTrue();
        assertThat(cap.reached(4)).isTrue();
    }

    @Test
    void windowsAreTheFullClockHoursInUtc() {
        long at = Instant.parse("2026-12-03T14:59:59.999Z").toEpochMilli();
        assertThat(Instant.ofEpochMilli(RateCap.windowStart(at))).isEqualTo(Instant.parse("2026-12-03T14:00:00Z"));
        assertThat(Instant.ofEpochMilli(RateCap.windowEnd(at))).isEqualTo(Instant.parse("2026-12-03T15:00:00Z"));
        long next = Instant.parse("2026-12-03T15:00:00Z").toEpochMilli();
        assertThat(RateCap.windowStart(next)).isEqualTo(RateCap.windowEnd(at));
    }
}
