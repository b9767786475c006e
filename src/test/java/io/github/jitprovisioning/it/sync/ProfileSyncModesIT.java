package io.github.jitprovisioning.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Profile sync under Keycloak's other IdP sync modes, LEGACY and FORCE (ProfileSyncIT covers IMPORT): the
 * organization's {@code jit.sync-profile} still decides what the mapper writes, and the two never fight.
 */
@KeycloakIntegrationTest
class ProfileSyncModesIT {

    @BeforeAll
    static void oneIdpPerModeAndSwitch(Scenario scenario) {
        String acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.sync-profile", "true"));
        String globexId = scenario.organization("globex", List.of("globex.test"), Map.of("jit.sync-profile", "false"));
        ProfileSyncIT.declareDepartment(scenario);
        for (String mode : List.of("LEGACY", "FORCE")) {
            String lower = mode.toLowerCase();
            scenario.oidcIdp("acme-" + lower, acmeId, false);
            scenario.oidcIdp("globex-" + lower, globexId, false);
            for (String alias : List.of("acme-" + lower, "globex-" + lower)) {
                ProfileSyncIT.addSyncMapper(scenario, alias, false);
                ObjectNode idp = (ObjectNode) scenario.admin().get("/" + scenario.appRealm() + "/identity-provider/instances/" + alias);
                ((ObjectNode) idp.get("config")).put("syncMode", mode);
                scenario.admin().put("/" + scenario.appRealm() + "/identity-provider/instances/" + alias, idp);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LEGACY", "FORCE"})
    void syncOnWritesTheChangedFieldsUnderEveryMode(String mode, Scenario scenario) {
        String name = "on" + mode.toLowerCase();
        scenario.idpUser(name, name + "@acme.test", true, "Before", "Sync");
        scenario.setIdpUserAttribute(name, "department", "Sales");
        assertThat(scenario.login("acme-" + mode.toLowerCase(), name).loggedIn()).isTrue();

        scenario.updateIdpUser(name, name + "@acme.test", true, "After", "Sync");
        scenario.setIdpUserAttribute(name, "department", "Engineering");
        LoginResult again = scenario.login("acme-" + mode.toLowerCase(), name);

        assertThat(again.loggedIn()).as("%s", again).isTrue();
        JsonNode user = scenario.userByEmail(name + "@acme.test").orElseThrow();
        assertThat(user.path("firstName").asText()).isEqualTo("After");
        assertThat(user.path("attributes").path("department").get(0).asText()).isEqualTo("Engineering");
        assertThat(scenario.events("UPDATE_PROFILE"))
                .filteredOn(e -> user.get("id").asText().equals(e.path("userId").asText()))
                .flatExtracting(e -> List.of(e.path("details").path("jit_synced_fields").asText().split(",")))
                .containsExactlyInAnyOrder("firstName", "department");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LEGACY", "FORCE"})
    void syncOffWritesNothingUnderEveryMode(String mode, Scenario scenario) {
        String name = "off" + mode.toLowerCase();
        scenario.idpUser(name, name + "@globex.test", true, "Before", "Sync");
        scenario.setIdpUserAttribute(name, "department", "Sales");
        assertThat(scenario.login("globex-" + mode.toLowerCase(), name).loggedIn()).isTrue();

        scenario.updateIdpUser(name, "renamed-" + name + "@globex.test", true, "After", "Sync");
        scenario.setIdpUserAttribute(name, "department", "Engineering");
        LoginResult again = scenario.login("globex-" + mode.toLowerCase(), name);

        assertThat(again.loggedIn()).as("%s", again).isTrue();
        JsonNode user = scenario.userByUsername(name).orElseThrow();
        assertThat(user.path("attributes").path("department").get(0).asText()).isEqualTo("Sales");
        assertThat(scenario.events("UPDATE_PROFILE"))
                .filteredOn(e -> user.get("id").asText().equals(e.path("userId").asText()))
                .isEmpty();
        // Not even Keycloak's own FORCE mode, which copies names and email at every login, changes them: the
        // mapper hands it the values that the organization's switch left on the user.
        assertThat(user.path("firstName").asText()).isEqualTo("Before");
        assertThat(user.path("email").asText()).isEqualTo(name + "@globex.test");
    }
}
