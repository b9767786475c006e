package io.github.jitprovisioning.it.provisioning;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.testprovider.FailureInjectionListenerFactory;

/**
 * A run-time failure inside the provisioning step, after Keycloak created the user in the same request, leaves no
 * half-made user: the whole login is rolled back, and the next login provisions the user completely. The failure is
 * injected by a test-only provider ({@link FailureInjectionListenerFactory}) that throws from Keycloak's own
 * membership event while the organization carries its switch.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class ProvisioningRollbackIT {

    private static String initechId;

    @BeforeAll
    static void anOrganizationWithRolesAndGroups(Scenario scenario) {
        scenario.createRealmRole("initech-member");
        scenario.createGroup("/Customers/Initech");
        initechId = scenario.organization("initech", List.of("initech.test"), Map.of(
                "jit.default-roles", "initech-member",
                "jit.groups", "/Customers/Initech"));
        scenario.oidcIdp("initech-sso", initechId, false);
    }

    @Test
    void failureAfterTheUserWasCreatedRollsTheWholeLoginBackAndTheNextLoginProvisionsCompletely(Scenario scenario) {
        scenario.idpUser("peter", "peter@initech.test", true, "Peter", "Gibbons");
        scenario.setOrgAttribute(initechId, FailureInjectionListenerFactory.FAIL_ON_MEMBER_JOIN, "true");
        Snapshot before = Snapshot.of(scenario, initechId);

        LoginResult failed = scenario.login("initech-sso", "peter");

        JsonNode event = assertBlocked(scenario, failed, "provisioning_failed", before);
        assertThat(event.path("details").path("organization_id").asText()).isEqualTo(initechId);
        assertThat(scenario.userByUsername("peter")).as("no user without its membership").isEmpty();
        assertThat(scenario.userByEmail("peter@initech.test")).isEmpty();
        assertThat(scenario.server().serverLog()).contains("test failure injected into the membership of user peter");

        scenario.setOrgAttribute(initechId, FailureInjectionListenerFactory.FAIL_ON_MEMBER_JOIN, null);
        LoginResult next = scenario.login("initech-sso", "peter");

        assertThat(next.loggedIn()).as("%s", next).isTrue();
        String userId = scenario.userByUsername("peter").orElseThrow().get("id").asText();
        assertThat(scenario.members(initechId))
                .filteredOn(member -> member.path("id").asText().equals(userId))
                .extracting(member -> member.path("membershipType").asText())
                .containsExactly("MANAGED");
        assertThat(scenario.groupPaths(userId)).containsExactly("/Customers/Initech");
        assertThat(scenario.realmRoleNames(userId)).contains("initech-member");
        assertThat(scenario.federatedIdentities(userId)).extracting(i -> i.path("identityProvider").asText())
                .containsExactly("initech-sso");
    }
}
