package io.github.jitprovisioning.it.decision;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Realm option "IdPs linked to no organization" = {@code match-by-domain}: one shared IdP (a Google Workspace or
 * Entra tenant serving several customers) provisions into the organization that owns the verified email's domain.
 */
@KeycloakIntegrationTest
class SharedIdentityProviderIT {

    private static String acmeId;
    private static String globexId;

    @BeforeAll
    static void twoCustomersBehindOneSharedIdp(Scenario scenario) {
        scenario.jitConfig(Map.of("jit.unlinked-idps", "match-by-domain"));
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of());
        globexId = scenario.organization("globex", List.of("globex.test"), Map.of());
        scenario.oidcIdp("workspace", null, false);
    }

    @Test
    void sharedIdpProvisionsIntoTheOrganizationThatOwnsTheDomain(Scenario scenario) {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Anders");
        scenario.idpUser("gus", "gus@globex.test", true, "Gus", "Globex");

        LoginResult alice = scenario.login("workspace", "alice");
        LoginResult gus = scenario.login("workspace", "gus");

        assertThat(alice.loggedIn()).as("%s", alice).isTrue();
        assertThat(gus.loggedIn()).as("%s", gus).isTrue();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("username").asText()).containsExactly("alice");
        assertThat(scenario.members(globexId)).extracting(m -> m.path("username").asText()).containsExactly("gus");
    }

    @Test
    void sharedIdpBlocksADomainThatNoOrganizationOwns(Scenario scenario) {
        scenario.idpUser("zed", "zed@gmail.test", true, "Zed", "Nobody");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        assertBlocked(scenario, scenario.login("workspace", "zed"), "domain_not_registered", before);
    }

    @Test
    void sharedIdpBlocksUsersOfADisabledOrganization(Scenario scenario) {
        String soylentId = scenario.organization("soylent", List.of("soylent.test"), Map.of());
        scenario.disableOrganization(soylentId);
        scenario.idpUser("sol", "sol@soylent.test", true, "Sol", "Roth");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId, soylentId);

        assertBlocked(scenario, scenario.login("workspace", "sol"), "organization_disabled", before);
    }

    @Test
    void sharedIdpBlocksAnUnverifiedEmail(Scenario scenario) {
        scenario.idpUser("ulf", "ulf@acme.test", false, "Ulf", "Unverified");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        assertBlocked(scenario, scenario.login("workspace", "ulf"), "email_not_verified", before);
    }
}
