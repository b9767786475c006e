package io.github.jitprovisioning.core.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InactivityRuleTest {

    private static final long DAY = InactivityRule.DAY_MILLIS;
    private static final InactivityRule.Bounds BOUNDS = new InactivityRule.Bounds(30, 365);

    private static InactivityRule rule(Map<String, List<String>> attributes, List<String> problems) {
        return InactivityRule.fromAttributes(attributes, BOUNDS, "organization acme",
                (where, key, value, applied) -> problems.add(key + "=" + value + "->" + applied));
    }

    @Test
    void offByDefaultAndForAnUnknownMode() {
        List<String> problems = new ArrayList<>();
        assertThat(rule(Map.of(), problems)).isEqualTo(InactivityRule.OFF);
        assertThat(rule(Map.of("jit.inactivity-mode", List.of("delete-all")), problems)).isEqualTo(InactivityRule.OFF);
        assertThat(problems).containsExactly("jit.inactivity-mode=delete-all->off");
        assertThat(InactivityRule.OFF.removalDueAt(0L, 0)).isNull();
    }

    @Test
    void daysOutsideTheRealmsBoundsAreBroughtToTheNearestBoundAndMissingDaysAreTheMostLenient() {
        List<String> problems = new ArrayList<>();
        assertThat(rule(Map.of("jit.inactivity-mode", List.of("enforce"), "jit.inactivity-days", List.of("7")), problems))
                .isEqualTo(new InactivityRule(InactivityRule.Mode.ENFORCE, 30));
        assertThat(rule(Map.of("jit.inactivity-mode", List.of("report-only"), "jit.inactivity-days", List.of("9999")), problems))
                .isEqualTo(new InactivityRule(InactivityRule.Mode.REPORT_ONLY, 365));
        assertThat(rule(Map.of("jit.inactivity-mode", List.of("enforce")), problems).days()).isEqualTo(365);
        assertThat(rule(Map.of("jit.inactivity-mode", List.of("enforce"), "jit.inactivity-days", List.of("90")), problems).days())
                .isEqualTo(90);
        assertThat(problems).hasSize(2);
    }

    @Test
    void aMemberIsDueNDaysAfterTheLastSignInOrElseAfterJoining() {
        InactivityRule rule = new InactivityRule(InactivityRule.Mode.REPORT_ONLY, 90);
        assertThat(rule.removalDueAt(10 * DAY, 0)).isEqualTo(100 * DAY);
        assertThat(rule.removalDueAt(null, 5 * DAY)).isEqualTo(95 * DAY);
        assertThat(rule.dueBound(100 * DAY)).isEqualTo(10 * DAY);
    }

    @Test
    void realmBoundsFallBackToTheDefaultsWhenUnreadableOrCrossed() {
        List<String> problems = new ArrayList<>();
        assertThat(InactivityRule.Bounds.fromConfig(Map.of(), (w, k, v, a) -> problems.add(k)))
                .isEqualTo(InactivityRule.Bounds.DEFAULTS);
        assertThat(InactivityRule.Bounds.fromConfig(Map.of("jit.inactivity-min-days", "400", "jit.inactivity-max-days", "100"),
                (w, k, v, a) -> problems.add(k))).isEqualTo(InactivityRule.Bounds.DEFAULTS);
        assertThat(InactivityRule.Bounds.fromConfig(Map.of("jit.inactivity-min-days", "1", "jit.inactivity-max-days", "abc"),
                (w, k, v, a) -> problems.add(k))).isEqualTo(new InactivityRule.Bounds(1, 730));
        assertThat(problems).containsExactly("jit.inactivity-min-days", "jit.inactivity-max-days");
    }
}
