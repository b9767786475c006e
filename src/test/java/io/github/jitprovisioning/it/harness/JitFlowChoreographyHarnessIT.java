package io.github.jitprovisioning.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks the admin-console choreography that builds the JIT first broker login flow (copy, add, raise to the top,
 * REQUIRED, remove the organization sub-flow, add at the end, step config), with stock authenticators standing in
 * for {@code jit-domain-check} and {@code jit-provision-member} until the extension provides them.
 */
@KeycloakIntegrationTest
class JitFlowChoreographyHarnessIT {

    private static final String DOMAIN_CHECK_STAND_IN = "idp-create-user-if-unique";
    private static final String PROVISION_STAND_IN = "allow-access-authenticator";

    @BeforeAll
    static void standIns(Scenario scenario) {
        scenario.useStandInJitProviders(DOMAIN_CHECK_STAND_IN, PROVISION_STAND_IN);
        scenario.jitFlow();
    }

    @Test
    void domainCheckComesFirstAndProvisioningLastBothRequired(Scenario scenario) {
        List<JsonNode> topLevel = scenario.jitFlowExecutions().stream()
                .filter(execution -> execution.path("level").asInt() == 0).toList();

        assertThat(topLevel.get(0).path("providerId").asText()).isEqualTo(DOMAIN_CHECK_STAND_IN);
        assertThat(topLevel.get(0).path("requirement").asText()).isEqualTo("REQUIRED");
        assertThat(topLevel.get(topLevel.size() - 1).path("providerId").asText()).isEqualTo(PROVISION_STAND_IN);
        assertThat(topLevel.get(topLevel.size() - 1).path("requirement").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void keycloaksOrganizationOnboardingIsRemovedFromTheCopy(Scenario scenario) {
        assertThat(scenario.jitFlowExecutions())
                .extracting(execution -> execution.path("displayName").asText() + "/" + execution.path("providerId").asText())
                .noneMatch(name -> name.contains("Conditional Organization") || name.contains("idp-add-organization-member"));
    }

    @Test
    void stepConfigIsCreatedThenReplaced(Scenario scenario) {
        scenario.jitConfig(Map.of("first", "1"));
        scenario.jitConfig(Map.of("second", "2"));

        JsonNode domainCheck = scenario.jitFlowExecutions().stream()
                .filter(execution -> execution.path("level").asInt() == 0
                        && execution.path("providerId").asText().equals(DOMAIN_CHECK_STAND_IN))
                .findFirst().orElseThrow();
        JsonNode config = scenario.admin().get("/" + scenario.appRealm() + "/authentication/config/"
                + domainCheck.path("authenticationConfig").asText());
        assertThat(config.path("alias").asText()).isEqualTo("jit-" + scenario.appRealm());
        // only the keys: the admin API masks values of keys the authenticator does not declare ("**********")
        assertThat(config.path("config").fieldNames()).toIterable().containsExactly("second");
    }

    @Test
    void identityProviderCanBePointedAtTheJitFlow(Scenario scenario) {
        scenario.oidcIdp("jit-sso", null, true);

        JsonNode idp = scenario.admin().get("/" + scenario.appRealm() + "/identity-provider/instances/jit-sso");
        assertThat(idp.path("firstBrokerLoginFlowAlias").asText()).isEqualTo(Scenario.JIT_FLOW_ALIAS);
    }
}
