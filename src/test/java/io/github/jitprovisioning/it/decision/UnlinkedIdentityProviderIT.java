package io.github.jitprovisioning.it.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/** With the realm default {@code ignore}, an IdP linked to no organization (a social login) is not JIT's business. */
@KeycloakIntegrationTest
class UnlinkedIdentityProviderIT {

    private static String acmeId;

    @BeforeAll
    static void anOrganizationAndASocialLogin(Scenario scenario) {
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of());
        scenario.oidcIdp("social", null, false);
    }

    @Test
    void idpLinkedToNoOrganizationGoesThroughKeycloaksStandardSteps(Scenario scenario) {
        scenario.idpUser("sam", "sam@gmail.test", false, "Sam", "Social");

        LoginResult login = scenario.login("social", "sam");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("sam@gmail.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(acmeId)).isEmpty();
        JsonNode event = scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN").stream()
                .filter(e -> userId.equals(e.path("userId").asText()) || "social".equals(e.path("details").path("identity_provider").asText()))
                .findFirst().orElseThrow();
        assertThat(event.path("details").path("jit_outcome").asText()).isEqualTo("not_applicable");
        assertThat(event.path("details").path("jit_reason").asText()).isEqualTo("not_applicable");
    }

    @Test
    void socialLoginWithAnOrganizationsDomainIsNotProvisionedIntoIt(Scenario scenario) {
        scenario.idpUser("sid", "sid@acme.test", true, "Sid", "Social");

        LoginResult login = scenario.login("social", "sid");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(scenario.members(acmeId)).as("ignore mode never provisions through an unlinked IdP").isEmpty();
    }
}
