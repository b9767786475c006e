package io.github.jitprovisioning.it.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * What an organization's attributes may grant, through real brokered logins with the realm's default "warn" on
 * missing roles and groups: never a group that leads to administration (through its own role mappings, a parent's,
 * or a composite role), only what the realm's allow-list names (the organization's own groups aside), and a role of
 * a client whose id contains dots, read as Keycloak's hardcoded-role mapper reads it.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class GrantsIT {

    private static String opsId;
    private static String acmeId;
    private static String dottedId;
    private static String engineeringId;

    @BeforeAll
    static void allowListAndGroupsThatLeadToAdministration(Scenario scenario) {
        String app = "/" + scenario.appRealm();
        scenario.createRealmRole("employee");
        scenario.createRealmRole("contractor");
        scenario.createRealmRole("ops");
        JsonNode manageUsers = scenario.admin().get(app + "/clients/" + scenario.clientUuid("realm-management")
                + "/roles/manage-users");
        ArrayNode composites = Json.MAPPER.createArrayNode().add(manageUsers);
        scenario.admin().post(app + "/roles/ops/composites", composites);

        String client = scenario.admin().post(app + "/clients", Map.of("clientId", "app.portal", "enabled", true,
                "publicClient", true)).createdId();
        scenario.admin().post(app + "/clients/" + client + "/roles", Map.of("name", "viewer"));

        scenario.createGroup("/Customers/Acme");
        scenario.createGroup("/Internal/Finance");
        String opsGroup = scenario.createGroup("/Ops");
        scenario.createGroup("/Ops/Admins");
        scenario.admin().post(app + "/groups/" + opsGroup + "/role-mappings/clients/"
                + scenario.clientUuid("realm-management"), composites);
        String leads = scenario.createGroup("/Leads");
        scenario.admin().post(app + "/groups/" + leads + "/role-mappings/realm",
                List.of(scenario.admin().get(app + "/roles/ops")));

        scenario.jitConfig(Map.of(
                "jit.grantable-roles", "employee##ops##app.portal.viewer",
                "jit.grantable-groups", "/Customers/*##/Ops/Admins##/Leads"));

        opsId = scenario.organization("opsco", List.of("opsco.test"), Map.of(
                "jit.default-roles", "employee",
                "jit.groups", "/Ops/Admins, /Leads, /Customers/Acme"));
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of(
                "jit.default-roles", "employee, contractor, ops",
                "jit.groups", "/Customers/Acme, /Internal/Finance, Engineering"));
        engineeringId = scenario.admin().post(app + "/organizations/" + acmeId + "/groups", Map.of("name", "Engineering"))
                .createdId();
        dottedId = scenario.organization("dotted", List.of("dotted.test"), Map.of(
                "jit.default-roles", "app.portal.viewer"));

        scenario.oidcIdp("opsco-sso", opsId, false);
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("dotted-sso", dottedId, false);
    }

    @Test
    void groupCarryingAnAdministrativeRoleThroughItsParentOrACompositeIsNeverJoined(Scenario scenario) {
        scenario.idpUser("olga", "olga@opsco.test", true, "Olga", "Ops");

        LoginResult login = scenario.login("opsco-sso", "olga");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("olga@opsco.test").orElseThrow().get("id").asText();
        assertThat(scenario.groupPaths(userId)).containsExactly("/Customers/Acme");
        assertThat(scenario.clientRoleNames(userId, "realm-management")).isEmpty();
        assertThat(scenario.members(opsId)).extracting(m -> m.path("id").asText()).contains(userId);
        JsonNode details = scenario.firstLoginEvent(userId).path("details");
        assertThat(details.path("jit_groups").asText()).isEqualTo("/Customers/Acme");
        assertThat(details.path("jit_warnings").asText())
                .contains("group '/Ops/Admins' grants administration (role 'realm-management.manage-users' via /Ops)")
                .contains("group '/Leads' grants administration (role 'ops' via /Leads)");
    }

    @Test
    void allowListBoundsRolesAndRealmGroupsButNotTheOrganizationsOwnGroups(Scenario scenario) {
        scenario.idpUser("ann", "ann@acme.test", true, "Ann", "Acme");

        LoginResult login = scenario.login("acme-sso", "ann");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("ann@acme.test").orElseThrow().get("id").asText();
        assertThat(scenario.realmRoleNames(userId)).contains("employee").doesNotContain("contractor", "ops");
        assertThat(scenario.groupPaths(userId)).contains("/Customers/Acme").doesNotContain("/Internal/Finance");
        JsonNode details = scenario.firstLoginEvent(userId).path("details");
        assertThat(details.path("jit_roles").asText()).isEqualTo("employee");
        assertThat(details.path("jit_groups").asText()).isEqualTo("/Customers/Acme,Engineering");
        assertThat(details.path("jit_warnings").asText())
                .contains("role 'contractor' is not one of the realm's grantable roles (jit.grantable-roles)")
                .contains("role 'ops' grants administration")
                .contains("group '/Internal/Finance' is not one of the realm's grantable groups (jit.grantable-groups)");
        assertThat(Scenario.list(scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + acmeId + "/groups/"
                + engineeringId + "/members")))
                .as("members of the organization's own group Engineering")
                .extracting(member -> member.path("id").asText()).containsExactly(userId);
    }

    @Test
    void roleOfAClientWhoseIdContainsDotsIsGrantedAsKeycloakReadsIt(Scenario scenario) {
        scenario.idpUser("dan", "dan@dotted.test", true, "Dan", "Dot");

        LoginResult login = scenario.login("dotted-sso", "dan");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(login.anyServerError()).isFalse();
        String userId = scenario.userByEmail("dan@dotted.test").orElseThrow().get("id").asText();
        assertThat(scenario.clientRoleNames(userId, "app.portal")).containsExactly("viewer");
        assertThat(scenario.firstLoginEvent(userId).path("details").path("jit_roles").asText())
                .isEqualTo("app.portal.viewer");
        assertThat(login.accessToken().path("resource_access").path("app.portal").path("roles").toString())
                .contains("\"viewer\"");
    }
}
