package io.github.jitprovisioning.core.sync;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyncMappingTest {

    private final List<String> problems = new ArrayList<>();

    private List<SyncMapping> effective(List<Map.Entry<String, String>> configured) {
        return SyncMapping.effective(configured, problems::add);
    }

    @Test
    void nothingConfiguredMeansTheThreeDefaults() {
        assertThat(effective(null)).containsExactly(
                new SyncMapping("email", "email"),
                new SyncMapping("given_name", "firstName"),
                new SyncMapping("family_name", "lastName"));
        assertThat(problems).isEmpty();
    }

    @Test
    void furtherPairsComeBeforeTheDefaults() {
        assertThat(effective(List.of(Map.entry("department", "department"))))
                .containsExactly(new SyncMapping("department", "department"),
                        new SyncMapping("email", "email"),
                        new SyncMapping("given_name", "firstName"),
                        new SyncMapping("family_name", "lastName"));
    }

    @Test
    void aPairForABuiltInPropertyReplacesItsDefault() {
        assertThat(effective(List.of(Map.entry("urn:oid:2.5.4.42", "firstName"))))
                .containsExactly(new SyncMapping("urn:oid:2.5.4.42", "firstName"),
                        new SyncMapping("email", "email"),
                        new SyncMapping("family_name", "lastName"));
    }

    @Test
    void builtInPropertiesAreRecognizedInAnyCaseAndTrimmed() {
        assertThat(effective(List.of(Map.entry(" mail ", "EMAIL"), Map.entry("sn", "lastname"))))
                .startsWith(new SyncMapping("mail", "email"), new SyncMapping("sn", "lastName"))
                .hasSize(3);
    }

    @Test
    void blankPairsAreDroppedAndReported() {
        assertThat(effective(List.of(new AbstractMap.SimpleEntry<>("", "department"),
                new AbstractMap.SimpleEntry<>("department", null))))
                .isEqualTo(SyncMapping.DEFAULTS);
        assertThat(problems).hasSize(2);
    }

    @Test
    void usernameIsNeverATarget() {
        assertThat(effective(List.of(Map.entry("preferred_username", "Username")))).isEqualTo(SyncMapping.DEFAULTS);
        assertThat(problems).singleElement().asString().contains("username");
    }

    @Test
    void aRepeatedPairIsDroppedAndReported() {
        assertThat(effective(List.of(Map.entry("department", "department"), Map.entry("department", "department"))))
                .filteredOn(m -> m.attribute().equals("department")).hasSize(1);
        assertThat(problems).hasSize(1);
    }
}
