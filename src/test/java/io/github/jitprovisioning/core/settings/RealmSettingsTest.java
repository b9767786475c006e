package io.github.jitprovisioning.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealmSettingsTest {

    private final RecordingProblems problems = new RecordingProblems();

    private RealmSettings read(Map<String, String> config) {
        return RealmSettings.fromConfig(config, problems);
    }

    @Test
    void unconfiguredStepHasTheDocumentedDefaults() {
        RealmSettings settings = read(null);
        assertThat(settings).isEqualTo(RealmSettings.DEFAULTS);
        assertThat(settings.requireVerifiedEmail()).isTrue();
        assertThat(settings.requireIdpLink()).isTrue();
        assertThat(settings.unlinkedIdps()).isEqualTo(UnlinkedIdpMode.IGNORE);
        assertThat(settings.requireVerifiedDomain()).isFalse();
        assertThat(settings.fallbackDefaultRoles()).isEmpty();
        assertThat(settings.onMissing()).isEqualTo(MissingPolicy.WARN);
        assertThat(problems.reports).isEmpty();
    }

    @Test
    void emptyConfigHasTheDefaults() {
        assertThat(read(Map.of())).isEqualTo(RealmSettings.DEFAULTS);
    }

    @Test
    void everyOptionCanBeChanged() {
        RealmSettings settings = read(Map.of(
                "jit.require-verified-email", "false",
                "jit.require-idp-link", "FALSE",
                "jit.unlinked-idps", "match-by-domain",
                "jit.require-verified-domain", "true",
                "jit.fallback-default-roles", "employee,app.viewer",
                "jit.on-missing-role-or-group", "block"));
        assertThat(settings).isEqualTo(new RealmSettings(false, false, UnlinkedIdpMode.MATCH_BY_DOMAIN, true,
                List.of("employee", "app.viewer"), MissingPolicy.BLOCK));
        assertThat(problems.reports).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"match-by-domain", "match by domain", "MATCH_BY_DOMAIN", " Match By Domain "})
    void matchByDomainIsReadInItsCommonSpellings(String value) {
        assertThat(read(Map.of("jit.unlinked-idps", value)).unlinkedIdps()).isEqualTo(UnlinkedIdpMode.MATCH_BY_DOMAIN);
    }

    @Test
    void fallbackRolesMayUseKeycloaksMultivaluedSeparator() {
        assertThat(read(Map.of("jit.fallback-default-roles", "employee##app.viewer, auditor")).fallbackDefaultRoles())
                .containsExactly("employee", "app.viewer", "auditor");
    }

    @Test
    void blankOptionsMeanDefaultsWithoutComplaint() {
        assertThat(read(Map.of("jit.require-verified-email", " ", "jit.unlinked-idps", "")))
                .isEqualTo(RealmSettings.DEFAULTS);
        assertThat(problems.reports).isEmpty();
    }

    @Test
    void unknownValuesAreReportedOnceEachAndTheDefaultsApply() {
        RealmSettings settings = read(Map.of(
                "jit.require-verified-email", "nope",
                "jit.unlinked-idps", "everything",
                "jit.on-missing-role-or-group", "explode"));
        assertThat(settings).isEqualTo(RealmSettings.DEFAULTS);
        assertThat(problems.reports).containsExactlyInAnyOrder(
                "JIT execution config|jit.require-verified-email|nope|true",
                "JIT execution config|jit.unlinked-idps|everything|ignore",
                "JIT execution config|jit.on-missing-role-or-group|explode|warn");
    }

    @Test
    void reportedDefaultsDoNotDependOnTheServerLocale() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            read(Map.of("jit.unlinked-idps", "x"));
        } finally {
            Locale.setDefault(original);
        }
        assertThat(problems.reports).containsExactly("JIT execution config|jit.unlinked-idps|x|ignore");
    }

    @Test
    void unrelatedKeysAreIgnored() {
        Map<String, String> config = new HashMap<>();
        config.put("something.else", "x");
        config.put("jit.fallback-default-roles", null);
        assertThat(read(config)).isEqualTo(RealmSettings.DEFAULTS);
        assertThat(problems.reports).isEmpty();
    }
}
