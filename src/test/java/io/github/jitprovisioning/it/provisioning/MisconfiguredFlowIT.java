package io.github.jitprovisioning.it.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * A JIT flow whose admin forgot the last step, {@code JIT: provision organization member}: the admitted user is
 * created by Keycloak's own steps but gets nothing from JIT, and the extension says so in the log and the event.
 */
@KeycloakIntegrationTest
class MisconfiguredFlowIT {

    private static String acmeId;

    @BeforeAll
    static void jitFlowWithoutItsProvisioningStep(Scenario scenario) {
        scenario.createRealmRole("acme-member");
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.default-roles", "acme-member"));
        scenario.oidcIdp("acme-sso", acmeId, false);
        JsonNode provisioning = scenario.jitFlowExecutions().stream()
                .filter(e -> Scenario.PROVISION_MEMBER_PROVIDER.equals(e.path("providerId").asText()))
                .findFirst().orElseThrow();
        scenario.admin().delete("/" + scenario.appRealm() + "/authentication/executions/" + provisioning.get("id").asText());
    }

    @Test
    void missingProvisioningStepIsReportedInTheLogAndTheEvent(Scenario scenario) {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Anders");

        LoginResult login = scenario.login("acme-sso", "alice");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("alice@acme.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(acmeId)).isEmpty();
        assertThat(scenario.realmRoleNames(userId)).doesNotContain("acme-member");
        JsonNode event = scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN").stream()
                .filter(e -> "provisioned".equals(e.path("details").path("jit_outcome").asText()))
                .findFirst().orElseThrow();
        assertThat(event.path("details").path("jit_warnings").asText())
                .contains("no required 'jit-provision-member' step");
        assertThat(scenario.server().serverLog())
                .contains("JIT configuration error in realm '" + scenario.appRealm() + "'")
                .contains("no required 'jit-provision-member' step");
    }
}
