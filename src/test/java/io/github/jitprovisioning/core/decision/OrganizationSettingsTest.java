package io.github.jitprovisioning.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.jitprovisioning.core.settings.RecordingProblems;

class OrganizationSettingsTest {

    private final RecordingProblems problems = new RecordingProblems();

    private OrganizationSettings read(Map<String, List<String>> attributes) {
        return OrganizationSettings.fromAttributes("organization acme", attributes, problems);
    }

    @Test
    void noAttributesMeanDefaults() {
        assertThat(read(Map.of())).isEqualTo(OrganizationSettings.DEFAULTS);
        assertThat(read(null)).isEqualTo(OrganizationSettings.DEFAULTS);
        assertThat(OrganizationSettings.DEFAULTS.jitEnabled()).isTrue();
        assertThat(OrganizationSettings.DEFAULTS.syncProfile()).isFalse();
        assertThat(problems.reports).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "False", " false "})
    void jitCanBeSwitchedOffInAnyCase(String value) {
        assertThat(read(Map.of("jit.enabled", List.of(value))).jitEnabled()).isFalse();
        assertThat(problems.reports).isEmpty();
    }

    @Test
    void syncProfileCanBeSwitchedOn() {
        assertThat(read(Map.of("jit.sync-profile", List.of("true"))).syncProfile()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "0", "1", "off", "disabled", "tru"})
    void unknownBooleanIsReportedOnceAndTheDefaultApplies(String value) {
        OrganizationSettings settings = read(Map.of("jit.enabled", List.of(value), "jit.sync-profile", List.of(value)));
        assertThat(settings.jitEnabled()).isTrue();
        assertThat(settings.syncProfile()).isFalse();
        assertThat(problems.reports).containsExactlyInAnyOrder(
                "organization acme|jit.enabled|" + value + "|true",
                "organization acme|jit.sync-profile|" + value + "|false");
    }

    @Test
    void blankBooleanMeansDefaultWithoutComplaint() {
        assertThat(read(Map.of("jit.enabled", List.of(" "))).jitEnabled()).isTrue();
        assertThat(read(Map.of("jit.enabled", List.of())).jitEnabled()).isTrue();
        assertThat(problems.reports).isEmpty();
    }

    @Test
    void repeatedAgreeingBooleanValuesAreFine() {
        assertThat(read(Map.of("jit.enabled", List.of("false", "FALSE"))).jitEnabled()).isFalse();
        assertThat(problems.reports).isEmpty();
    }

    @Test
    void conflictingBooleanValuesAreReportedOnceAndTheDefaultApplies() {
        assertThat(read(Map.of("jit.enabled", List.of("false", "true"))).jitEnabled()).isTrue();
        assertThat(problems.reports).containsExactly("organization acme|jit.enabled|false,true|true");
    }

    @Test
    void nullEntriesInAValueListAreSkipped() {
        List<String> values = new ArrayList<>(Arrays.asList(null, "false"));
        assertThat(read(Map.of("jit.enabled", values)).jitEnabled()).isFalse();
    }

    @Test
    void rolesMayBeOneValuePerRole() {
        assertThat(read(Map.of("jit.default-roles", List.of("employee", "app.viewer"))).defaultRoles())
                .containsExactly("employee", "app.viewer");
    }

    @Test
    void rolesMayBeCommaSeparatedWithBlanksAndDuplicatesDropped() {
        assertThat(read(Map.of("jit.default-roles", List.of(" employee , app.viewer,,employee ", "auditor")))
                .defaultRoles()).containsExactly("employee", "app.viewer", "auditor");
    }

    @Test
    void groupsMayBePathsOrOrganizationGroupNames() {
        assertThat(read(Map.of("jit.groups", List.of("/Acme/Engineering,Support"))).groups())
                .containsExactly("/Acme/Engineering", "Support");
    }

    @Test
    void settingsOfAnOrganizationNameItInReports() {
        OrganizationFacts acme = new OrganizationFacts("1", "acme", true, List.of(),
                Map.of("jit.enabled", List.of("maybe")));
        OrganizationSettings.of(acme, problems);
        assertThat(problems.reports).containsExactly("organization acme|jit.enabled|maybe|true");
    }

    @Test
    void organizationFactsReadNullDomainsAndAttributesAsNone() {
        OrganizationFacts facts = new OrganizationFacts("1", "acme", true, null, null);
        assertThat(facts.domains()).isEmpty();
        assertThat(facts.attributes()).isEmpty();
        assertThat(OrganizationSettings.of(facts, problems)).isEqualTo(OrganizationSettings.DEFAULTS);
    }

    @Test
    void organizationFactsAreACopy() {
        List<String> roles = new ArrayList<>(List.of("employee"));
        OrganizationFacts facts = new OrganizationFacts("1", "acme", true, List.of(),
                Map.of("jit.default-roles", roles));
        roles.add("admin");
        assertThat(OrganizationSettings.of(facts, problems).defaultRoles()).containsExactly("employee");
    }
}
