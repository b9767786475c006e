package io.github.jitprovisioning.it.invitations;

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
 * An organization's IdP vouches only for its own organization: it cannot redeem another organization's invitation,
 * and it cannot bring another tenant's existing account to Keycloak's link steps (no "account already exists" page,
 * no link e-mail, no link). Two customers, Acme and Globex, each with its own IdP on the JIT flow.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class InvitationsAndExistingAccountsIT {

    private static String acmeId;
    private static String globexId;

    @BeforeAll
    static void twoCustomers(Scenario scenario) {
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.enabled", "false"));
        globexId = scenario.organization("globex", List.of("globex.test"), Map.of());
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("globex-sso", globexId, false);
        scenario.smtp();
    }

    private static List<String> pendingInvitations(Scenario scenario, String orgId) {
        return Scenario.list(scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + orgId + "/invitations"))
                .stream().map(invitation -> invitation.path("email").asText()).toList();
    }

    @Test
    void anotherOrganizationsInvitationIsNotRedeemedThroughThisOrganizationsIdp(Scenario scenario) {
        assertThat(scenario.inviteUser(acmeId, "joe@acme.test").status()).isEqualTo(204);
        scenario.idpUser("joe-at-globex", "joe@acme.test", true, "Joe", "Globex");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        LoginResult throughGlobex = scenario.login("globex-sso", "joe-at-globex");

        JsonNode event = assertBlocked(scenario, throughGlobex, "idp_not_linked", before);
        assertThat(event.path("details").path("identity_provider").asText()).isEqualTo("globex-sso");
        assertThat(pendingInvitations(scenario, acmeId)).as("Acme's invitation is still pending").contains("joe@acme.test");

        // the same invitation still admits through Acme's own IdP (Acme has JIT off: only the invitation admits)
        scenario.idpUser("joe", "joe@acme.test", true, "Joe", "Acme");
        LoginResult throughAcme = scenario.login("acme-sso", "joe");

        assertThat(throughAcme.loggedIn()).as("%s", throughAcme).isTrue();
        String userId = scenario.userByEmail("joe@acme.test").orElseThrow().get("id").asText();
        assertThat(scenario.firstLoginEvent(userId).path("details").path("jit_reason").asText()).isEqualTo("invited");
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).contains(userId);
        assertThat(scenario.members(globexId)).extracting(m -> m.path("id").asText()).doesNotContain(userId);
        assertThat(pendingInvitations(scenario, acmeId)).doesNotContain("joe@acme.test");
    }

    @Test
    void anotherOrganizationsIdpGetsNoAccountExistsPageNoLinkMailAndNoLinkForAnExistingUser(Scenario scenario) {
        scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of(
                "username", "beth-local", "email", "beth@acme.test", "enabled", true, "emailVerified", true,
                "firstName", "Beth", "lastName", "Local"));
        String bethId = scenario.userByUsername("beth-local").orElseThrow().get("id").asText();
        scenario.idpUser("beth-at-globex", "beth@acme.test", true, "Beth", "Impostor");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);
        int mailsBefore = scenario.smtp().messagesTo("beth@acme.test").size();

        // a browser that would click "Add to existing account" on Keycloak's confirm-link page
        LoginResult login = scenario.login().formField("submitAction", "linkAccount").login("globex-sso", "beth-at-globex");

        JsonNode event = assertBlocked(scenario, login, "idp_not_linked", before);
        assertThat(event.path("details").path("identity_provider").asText()).isEqualTo("globex-sso");
        assertThat(login.finalHtml()).doesNotContain("linkAccount", "already exists");
        assertThat(scenario.smtp().messagesTo("beth@acme.test")).as("no link e-mail to the real Beth").hasSize(mailsBefore);
        assertThat(scenario.federatedIdentities(bethId)).isEmpty();
        assertThat(scenario.members(globexId)).extracting(m -> m.path("id").asText()).doesNotContain(bethId);
    }

    @Test
    void addressOfTheIdpsOwnOrganizationStillReachesKeycloaksLinkSteps(Scenario scenario) {
        scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of(
                "username", "carl-local", "email", "carl@acme.test", "enabled", true,
                "firstName", "Carl", "lastName", "Local"));
        String carlId = scenario.userByUsername("carl-local").orElseThrow().get("id").asText();
        scenario.idpUser("carl", "carl@acme.test", true, "Carl", "Acme");
        Snapshot before = Snapshot.of(scenario, acmeId);

        LoginResult login = scenario.login().stopAtForm("kc-register-form").login("acme-sso", "carl");

        assertThat(login.anyServerError()).as("%s", login).isFalse();
        assertThat(login.formIds()).as("Keycloak's own confirm-link page, %s", login).contains("kc-register-form");
        assertThat(scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN"))
                .extracting(e -> e.path("details").path("jit_reason").asText())
                .contains("existing_account");
        assertThat(scenario.federatedIdentities(carlId)).isEmpty();
        before.assertNothingCreated();
    }
}
