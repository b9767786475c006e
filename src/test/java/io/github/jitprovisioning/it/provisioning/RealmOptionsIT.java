package io.github.jitprovisioning.it.provisioning;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The stricter realm options: only verified domains count, a missing role or group blocks, and organizations
 * without default roles get the realm's fallback roles.
 */
@KeycloakIntegrationTest
class RealmOptionsIT {

    private static String verifiedId;
    private static String unverifiedId;
    private static String brokenId;

    @BeforeAll
    static void strictRealm(Scenario scenario) {
        scenario.createRealmRole("member");
        scenario.createRealmRole("employee");
        scenario.jitConfig(Map.of(
                "jit.require-verified-domain", "true",
                "jit.on-missing-role-or-group", "block",
                "jit.fallback-default-roles", "member"));
        verifiedId = scenario.organization("verifiedco", List.of("verified.test"), Map.of());
        scenario.verifyDomain(verifiedId, "verified.test");
        unverifiedId = scenario.organization("unverifiedco", List.of("unverified.test"), Map.of());
        brokenId = scenario.organization("brokenco", List.of("broken.test"), Map.of(
                "jit.default-roles", "employee,no-such-role"));
        scenario.verifyDomain(brokenId, "broken.test");
        scenario.oidcIdp("verified-sso", verifiedId, false);
        scenario.oidcIdp("unverified-sso", unverifiedId, false);
        scenario.oidcIdp("broken-sso", brokenId, false);
    }

    @Test
    void organizationWithoutDefaultRolesGetsTheRealmFallbackRoles(Scenario scenario) {
        scenario.idpUser("vera", "vera@verified.test", true, "Vera", "Verified");

        LoginResult login = scenario.login("verified-sso", "vera");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("vera@verified.test").orElseThrow().get("id").asText();
        assertThat(scenario.realmRoleNames(userId)).contains("member");
    }

    @Test
    void unverifiedDomainDoesNotCountWhenTheRealmRequiresVerifiedDomains(Scenario scenario) {
        scenario.idpUser("uma", "uma@unverified.test", true, "Uma", "Unverified");
        Snapshot before = Snapshot.of(scenario, unverifiedId);

        assertBlocked(scenario, scenario.login("unverified-sso", "uma"), "domain_not_registered", before);
    }

    @Test
    void missingRoleBlocksTheLoginWhenTheRealmSaysBlock(Scenario scenario) {
        scenario.idpUser("bert", "bert@broken.test", true, "Bert", "Broken");
        Snapshot before = Snapshot.of(scenario, brokenId);

        JsonNode event = assertBlocked(scenario, scenario.login("broken-sso", "bert"), "missing_role_or_group", before);

        assertThat(event.path("details").path("jit_warnings").asText()).contains("no-such-role");
        assertThat(scenario.server().serverLog()).contains("role 'no-such-role' does not exist");
    }

    @Test
    void administrativeRoleIsNeverGrantedByJit(Scenario scenario) {
        String adminishId = scenario.organization("adminish", List.of("adminish.test"), Map.of(
                "jit.default-roles", "realm-management.manage-users"));
        scenario.verifyDomain(adminishId, "adminish.test");
        scenario.oidcIdp("adminish-sso", adminishId, false);
        scenario.idpUser("ivan", "ivan@adminish.test", true, "Ivan", "Escalate");
        Snapshot before = Snapshot.of(scenario, adminishId);

        JsonNode event = assertBlocked(scenario, scenario.login("adminish-sso", "ivan"), "missing_role_or_group", before);

        assertThat(event.path("details").path("jit_warnings").asText())
                .contains("'realm-management.manage-users' grants administration");
    }

    @Test
    void groupWhoseParentCarriesAnAdministrativeRoleBlocksTheLoginWhenTheRealmSaysBlock(Scenario scenario) {
        String app = "/" + scenario.appRealm();
        String realmManagement = scenario.clientUuid("realm-management");
        String admins = scenario.createGroup("/Helpdesk");
        scenario.createGroup("/Helpdesk/Tier1");
        scenario.admin().post(app + "/groups/" + admins + "/role-mappings/clients/" + realmManagement,
                List.of(scenario.admin().get(app + "/clients/" + realmManagement + "/roles/view-users")));
        String helpdeskId = scenario.organization("helpdeskco", List.of("helpdesk.test"), Map.of(
                "jit.groups", "/Helpdesk/Tier1"));
        scenario.verifyDomain(helpdeskId, "helpdesk.test");
        scenario.oidcIdp("helpdesk-sso", helpdeskId, false);
        scenario.idpUser("hal", "hal@helpdesk.test", true, "Hal", "Help");
        Snapshot before = Snapshot.of(scenario, helpdeskId);

        JsonNode event = assertBlocked(scenario, scenario.login("helpdesk-sso", "hal"), "missing_role_or_group", before);

        assertThat(event.path("details").path("jit_warnings").asText())
                .contains("group '/Helpdesk/Tier1' grants administration (role 'realm-management.view-users' via /Helpdesk)");
    }
}
