package io.github.jitprovisioning.it.decision;

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

/**
 * What organization admins switch: JIT off (and the invitation that still lets a user in), a disabled
 * organization, and a default role that does not exist with the realm's default "warn".
 */
@KeycloakIntegrationTest
@Tag("postgres")
class OrganizationSwitchesIT {

    private static String umbrellaId;
    private static String hooliId;
    private static String piedId;

    @BeforeAll
    static void organizations(Scenario scenario) {
        scenario.createRealmRole("employee");
        umbrellaId = scenario.organization("umbrella", List.of("umbrella.test"), Map.of("jit.enabled", "false"));
        hooliId = scenario.organization("hooli", List.of("hooli.test"), Map.of());
        piedId = scenario.organization("piedpiper", List.of("piedpiper.test"), Map.of(
                "jit.default-roles", "employee,no-such-role",
                "jit.groups", "/no/such/group"));
        scenario.oidcIdp("umbrella-sso", umbrellaId, false);
        scenario.oidcIdp("hooli-sso", hooliId, false);
        scenario.oidcIdp("pied-sso", piedId, false);
    }

    @Test
    void organizationThatTurnedJitOffBlocks(Scenario scenario) {
        scenario.idpUser("ada", "ada@umbrella.test", true, "Ada", "Wong");
        Snapshot before = Snapshot.of(scenario, umbrellaId);

        LoginResult login = scenario.login("umbrella-sso", "ada");

        JsonNode event = assertBlocked(scenario, login, "jit_disabled", before);
        assertThat(event.path("details").path("organization_id").asText()).isEqualTo(umbrellaId);
    }

    @Test
    void pendingInvitationAdmitsTheUserDespiteJitOffAndIsUsedUp(Scenario scenario) {
        assertThat(scenario.inviteUser(umbrellaId, "jill@umbrella.test").status()).isEqualTo(204);
        scenario.idpUser("jill", "jill@umbrella.test", true, "Jill", "Valentine");

        LoginResult login = scenario.login("umbrella-sso", "jill");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("jill@umbrella.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(umbrellaId))
                .filteredOn(member -> member.path("id").asText().equals(userId))
                .extracting(member -> member.path("membershipType").asText())
                .containsExactly("MANAGED");
        JsonNode event = scenario.firstLoginEvent(userId);
        assertThat(event.path("details").path("jit_outcome").asText()).isEqualTo("invited");
        assertThat(event.path("details").path("jit_reason").asText()).isEqualTo("invited");
        JsonNode invitations = scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + umbrellaId
                + "/invitations");
        assertThat(invitations.toString()).doesNotContain("jill@umbrella.test");
    }

    @Test
    void contractorOnAnotherDomainIsAdmittedOnlyWithAnInvitation(Scenario scenario) {
        scenario.idpUser("chris", "chris@contractor.test", true, "Chris", "Redfield");
        Snapshot before = Snapshot.of(scenario, hooliId);

        LoginResult uninvited = scenario.login("hooli-sso", "chris");
        assertBlocked(scenario, uninvited, "domain_not_registered", before);

        assertThat(scenario.inviteUser(hooliId, "chris@contractor.test").status()).isEqualTo(204);
        // contractor.test belongs to no organization: the invitation admits once Chris proves the mailbox
        LoginResult invited = scenario.loginProvingMailbox("hooli-sso", "chris", "chris@contractor.test");

        assertThat(invited.loggedIn()).as("%s", invited).isTrue();
        assertThat(scenario.members(hooliId)).extracting(m -> m.path("email").asText()).contains("chris@contractor.test");
    }

    @Test
    void disabledOrganizationsIdpCannotStartAFirstLogin(Scenario scenario) {
        String soylentId = scenario.organization("soylent", List.of("soylent.test"), Map.of());
        scenario.oidcIdp("soylent-sso", soylentId, false);
        scenario.disableOrganization(soylentId);
        scenario.idpUser("sol", "sol@soylent.test", true, "Sol", "Roth");
        Snapshot before = Snapshot.of(scenario, soylentId);

        LoginResult login = scenario.login("soylent-sso", "sol");

        // Keycloak itself hides the IdPs of a disabled organization: the login never reaches the IdP.
        assertThat(login.loggedIn()).as("%s", login).isFalse();
        assertThat(login.anyServerError()).as("%s", login).isFalse();
        before.assertNothingCreated();
    }

    @Test
    void missingRoleOrGroupIsSkippedWithAWarningByDefault(Scenario scenario) {
        scenario.idpUser("richard", "richard@piedpiper.test", true, "Richard", "Hendricks");

        LoginResult login = scenario.login("pied-sso", "richard");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("richard@piedpiper.test").orElseThrow().get("id").asText();
        assertThat(scenario.realmRoleNames(userId)).contains("employee").doesNotContain("no-such-role");
        assertThat(scenario.groupPaths(userId)).isEmpty();
        JsonNode event = scenario.firstLoginEvent(userId);
        assertThat(event.path("details").path("jit_roles").asText()).isEqualTo("employee");
        assertThat(event.path("details").path("jit_warnings").asText())
                .contains("role 'no-such-role' does not exist", "group '/no/such/group' does not exist");
    }

    @Test
    void jitSwitchedBackOnTakesEffectAtTheNextLogin(Scenario scenario) {
        String wayneId = scenario.organization("wayne", List.of("wayne.test"), Map.of("jit.enabled", "false"));
        scenario.oidcIdp("wayne-sso", wayneId, false);
        scenario.idpUser("bruce", "bruce@wayne.test", true, "Bruce", "Wayne");
        Snapshot before = Snapshot.of(scenario, wayneId);
        assertBlocked(scenario, scenario.login("wayne-sso", "bruce"), "jit_disabled", before);

        scenario.setOrgAttribute(wayneId, "jit.enabled", "true");
        LoginResult login = scenario.login("wayne-sso", "bruce");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
    }

    @Test
    void unknownSettingValueIsTreatedAsTheDefault(Scenario scenario) {
        String starkId = scenario.organization("stark", List.of("stark.test"), Map.of("jit.enabled", "maybe"));
        scenario.oidcIdp("stark-sso", starkId, false);
        scenario.idpUser("tony", "tony@stark.test", true, "Tony", "Stark");

        LoginResult login = scenario.login("stark-sso", "tony");

        assertThat(login.loggedIn()).as("jit.enabled=maybe means the default (true), %s", login).isTrue();
        assertThat(scenario.server().serverLog())
                .contains("jit.enabled='maybe' is not a valid value; using the default 'true'");
    }
}
