package io.github.jitprovisioning.it.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The self-service portal's admin group is never joined at provisioning, and a realm group path never falls back to
 * an organization group. The realm admin renamed the portal's admin group ({@code jit.portal-admin-group}) to
 * {@code Staff}, an organization group that Acme's {@code jit.groups} already names for every new user; Acme's
 * {@code jit.groups} also names {@code /Support}, a realm path where no realm group exists, while Acme has an
 * organization group {@code Support}.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class AdminGroupAtLoginIT {

    private static String acmeId;
    private static final Map<String, String> groupIds = new java.util.HashMap<>();

    @BeforeAll
    static void adminGroupRenamedToADefaultGroup(Scenario scenario) {
        scenario.jitConfig(Map.of("jit.portal-admin-group", "Staff"));
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.groups", "Staff, Engineering, /Support"));
        for (String name : List.of("Staff", "Engineering", "Support", "Admins")) {
            groupIds.put(name, PortalFixture.orgGroup(scenario, acmeId, name));
        }
        scenario.oidcIdp("acme-sso", acmeId, false);
        PortalFixture.portalAudience(scenario, Scenario.APP_CLIENT_ID); // the users' app tokens are for the portal too
    }

    private static List<String> members(Scenario scenario, String group) {
        return Scenario.list(scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + acmeId + "/groups/"
                + groupIds.get(group) + "/members")).stream().map(member -> member.path("id").asText()).toList();
    }

    @Test
    void newUserJoinsTheOrganizationsGroupsButNeverThePortalsAdminGroupNorAFallbackForAMissingRealmPath(Scenario scenario) {
        scenario.idpUser("ann", "ann@acme.test", true, "Ann", "Acme");

        LoginResult login = scenario.login("acme-sso", "ann");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String annId = scenario.userByEmail("ann@acme.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).contains(annId);
        assertThat(members(scenario, "Engineering")).containsExactly(annId);
        assertThat(members(scenario, "Staff")).as("the portal's admin group").doesNotContain(annId);
        assertThat(members(scenario, "Support")).as("no fallback from the realm path /Support").doesNotContain(annId);
        JsonNode details = scenario.firstLoginEvent(annId).path("details");
        assertThat(details.path("jit_groups").asText()).isEqualTo("Engineering");
        assertThat(details.path("jit_warnings").asText())
                .contains("group 'Staff' is the self-service portal's admin group (jit.portal-admin-group) and is never joined by JIT")
                .contains("group '/Support' does not exist");

        // and so the new user is no admin of Acme in the portal
        String token = login.tokenResponse().get("access_token").asText();
        JsonNode me = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), token).get("api/me").json();
        assertThat(me.get("organizations")).isEmpty();
        assertThat(PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), token)
                .get("api/organizations/" + acmeId).status()).isEqualTo(403);
    }

    @Test
    void portalNeverOffersTheRenamedAdminGroupAsADefaultGroup(Scenario scenario) {
        LoginResult admin = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@acme.test");
        String adminId = admin.accessToken().get("sub").asText();
        scenario.admin().put("/" + scenario.appRealm() + "/organizations/" + acmeId + "/groups/" + groupIds.get("Staff")
                + "/members/" + adminId, null);
        PortalHttp portal = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(),
                admin.tokenResponse().get("access_token").asText());

        JsonNode offered = portal.get("api/organizations/" + acmeId + "/grants").json().get("groups").get("offered");

        assertThat(offered).extracting(JsonNode::asText).contains("Engineering", "Support").doesNotContain("Staff");
        assertThat(offered).extracting(JsonNode::asText).as("the default admin group's name is an ordinary group here")
                .contains("Admins");
        HttpResult refused = portal.send("PUT", "api/organizations/" + acmeId + "/grants",
                Map.of("roles", List.of(), "groups", List.of("Staff")));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("not_grantable");
    }
}
