package io.github.jitprovisioning.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.settings.ConfigProblems;
import io.github.jitprovisioning.core.decision.Reason;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReportOnlyTest {

    private final List<String> problems = new ArrayList<>();
    private final ConfigProblems recording = (where, key, value, applied) -> problems.add(key + "=" + value + "->" + applied);

    @Test
    void modeDefaultsToEnforceAndReadsReportOnlyInAnyCase() {
        assertThat(JitMode.of(null, "org", recording)).isEqualTo(JitMode.ENFORCE);
        assertThat(JitMode.of(Map.of(), "org", recording)).isEqualTo(JitMode.ENFORCE);
        assertThat(JitMode.of(Map.of("jit.mode", List.of(" ")), "org", recording)).isEqualTo(JitMode.ENFORCE);
        assertThat(JitMode.of(Map.of("jit.mode", List.of(" Report-Only ")), "org", recording)).isEqualTo(JitMode.REPORT_ONLY);
        assertThat(JitMode.of(Map.of("jit.mode", List.of("enforce", "ENFORCE")), "org", recording)).isEqualTo(JitMode.ENFORCE);
        assertThat(problems).isEmpty();
    }

    @Test
    void unknownOrContradictoryModeIsReportedAndEnforced() {
        assertThat(JitMode.of(Map.of("jit.mode", List.of("report_only")), "org", recording)).isEqualTo(JitMode.ENFORCE);
        assertThat(JitMode.of(Map.of("jit.mode", List.of("report-only", "enforce")), "org", recording))
                .isEqualTo(JitMode.ENFORCE);
        assertThat(problems).containsExactly("jit.mode=report_only->enforce", "jit.mode=report-only,enforce->enforce");
    }

    @Test
    void portalMayOnlyEnforceUnlessTheRealmSaysOtherwise() {
        assertThat(PortalModes.fromConfig(null, recording)).containsExactly(JitMode.ENFORCE);
        assertThat(PortalModes.fromConfig(Map.of(), recording)).containsExactly(JitMode.ENFORCE);
        assertThat(PortalModes.fromConfig(Map.of("jit.portal-modes", "enforce##report-only"), recording))
                .containsExactlyInAnyOrder(JitMode.ENFORCE, JitMode.REPORT_ONLY);
        assertThat(PortalModes.fromConfig(Map.of("jit.portal-modes", " report-only ,"), recording))
                .containsExactly(JitMode.REPORT_ONLY);
        assertThat(problems).isEmpty();
        Map<String, String> typo = new HashMap<>(Map.of("jit.portal-modes", "enforce,report"));
        assertThat(PortalModes.fromConfig(typo, recording)).containsExactly(JitMode.ENFORCE);
        assertThat(problems).containsExactly("jit.portal-modes=enforce,report->enforce");
    }

    @Test
    void onlyTheOrganizationsOwnRolloutRefusalsAreLetThrough() {
        Set<Reason> letThrough = EnumSet.noneOf(Reason.class);
        for (Reason reason : Reason.values()) {
            if (ReportOnly.letsThrough(reason, false, false)) {
                letThrough.add(reason);
            }
        }
        assertThat(letThrough).containsExactlyInAnyOrder(Reason.EMAIL_NOT_VERIFIED, Reason.DOMAIN_NOT_REGISTERED,
                Reason.MAILBOX_UNPROVEN, Reason.MISSING_ROLE_OR_GROUP);
    }

    @Test
    void anExistingAccountOrAnotherOrganizationsDomainIsNeverLetThrough() {
        for (Reason reason : Reason.values()) {
            assertThat(ReportOnly.letsThrough(reason, true, false)).as("%s with an existing account", reason).isFalse();
            assertThat(ReportOnly.letsThrough(reason, false, true)).as("%s of another organization's domain", reason)
                    .isFalse();
        }
    }

    @Test
    void admittedAndNotApplicableDecisionsAreNoRefusalsToLetThrough() {
        assertThat(ReportOnly.mayLetThrough(Reason.PROVISIONED)).isFalse();
        assertThat(ReportOnly.mayLetThrough(Reason.INVITED)).isFalse();
        assertThat(ReportOnly.mayLetThrough(Reason.EXISTING_ACCOUNT)).isFalse();
        assertThat(ReportOnly.mayLetThrough(null)).isFalse();
    }
}
