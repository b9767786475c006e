package io.github.jitprovisioning.it.members;

import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.AdminApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The portal's Members section and the admin API's member removal on the real server: Acme's admin lists members with
 * origin, sign-ins, groups and JIT roles, filters and exports them, and removes leavers (the JIT grants, the
 * organization's groups, the membership, the sessions including offline ones; a managed account only where no other
 * organization uses it). Another organization's member is 404 and the last admin is never removed; no refusal changes
 * anything.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class MembersSectionIT {

    private static String acmeId;
    private static String globexId;
    private static String adminToken;
    private static String adminId;

    @BeforeAll
    static void acmeWithAnAdmin(Scenario scenario) {
        PortalFixture.realmOptions(scenario);
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        globexId = PortalFixture.customer(scenario, "globex", "globex.test");
        scenario.setOrgAttribute(acmeId, "jit.default-roles", "employee");
        scenario.setOrgAttribute(acmeId, "jit.groups", "/staff");
        LoginResult admin = PortalFixture.signIn(scenario, "acme-sso", "acme-boss", "boss@acme.test");
        adminToken = admin.tokenResponse().get("access_token").asText();
        adminId = admin.accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, acmeId, adminId);
    }

    private static PortalHttp acmeAdmin(Scenario scenario) {
        return PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), adminToken);
    }

    /** The app client's refresh-token grant with {@code refreshToken}. */
    private static HttpResult refresh(Scenario scenario, String refreshToken) {
        String form = "grant_type=refresh_token&client_id=" + Scenario.APP_CLIENT_ID + "&client_secret="
                + Scenario.APP_CLIENT_SECRET + "&refresh_token=" + AdminApi.enc(refreshToken);
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(scenario.server().baseUrl() + "/realms/"
                                    + scenario.appRealm() + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String members(String path) {
        return "api/organizations/" + acmeId + "/members" + path;
    }

    private static String idOf(Scenario scenario, String email) {
        return scenario.userByEmail(email).orElseThrow().get("id").asText();
    }

    @Test
    void theAdminSeesOriginSignInsGroupsAndJitRolesSearchesFiltersAndExports(Scenario scenario) {
        PortalFixture.signIn(scenario, "acme-sso", "lena", "lena@acme.test");
        String lenaId = idOf(scenario, "lena@acme.test");

        HttpResult list = acmeAdmin(scenario).get(members("?search=lena"));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode lena = list.json().get("members").get(0);
        assertThat(list.json().get("members")).hasSize(1);
        assertThat(lena.get("id").asText()).isEqualTo(lenaId);
        assertThat(lena.get("origin").asText()).isEqualTo("provisioned");
        assertThat(lena.get("identityProvider").asText()).isEqualTo("acme-sso");
        assertThat(lena.get("lastSignInAt").isNumber()).isTrue();
        assertThat(Scenario.list(lena.get("jitRoles"))).extracting(JsonNode::asText).containsExactly("employee");
        assertThat(Scenario.list(lena.get("groups"))).extracting(JsonNode::asText).contains("/staff");

        assertThat(acmeAdmin(scenario).get(members("?inactiveDays=1")).json().get("members"))
                .as("everyone signed in or joined today").isEmpty();
        assertThat(acmeAdmin(scenario).get(members("?inactiveDays=0")).status()).isEqualTo(400);

        HttpResult csv = acmeAdmin(scenario).get(members("/export?search=lena"));
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body()).startsWith("id,username,email,").contains(lenaId + ",lena,lena@acme.test")
                .contains(",managed,provisioned,").contains(",acme-sso,").contains(",/staff,employee");
    }

    @Test
    void removingAManagedLeaverDeletesTheAccountItsSessionsIncludedAndIsAudited(Scenario scenario) {
        scenario.idpUser("leo", "leo@acme.test", true, "Leo", "Leaver");
        LoginResult login = scenario.login().scope("openid organization offline_access").login("acme-sso", "leo");
        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String leoId = idOf(scenario, "leo@acme.test");
        int auditLines = AuditLog.lines(scenario.server(), scenario.appRealm()).size();

        HttpResult removed = acmeAdmin(scenario).send("DELETE", members("/" + leoId), null);

        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(scenario.userByEmail("leo@acme.test")).as("an account made for Acme alone goes").isEmpty();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).doesNotContain(leoId);
        assertThat(login.tokenResponse().get("refresh_token").asText()).isNotEmpty();
        HttpResult refresh = refresh(scenario, login.tokenResponse().get("refresh_token").asText());
        assertThat(refresh.status()).as("the offline token is dead: %s", refresh.body()).isEqualTo(400);
        JsonNode event = scenario.adminEvents().stream()
                .filter(e -> e.path("resourcePath").asText().endsWith("members/" + leoId)).findFirst().orElseThrow();
        assertThat(event.path("operationType").asText()).isEqualTo("DELETE");
        assertThat(event.path("resourceType").asText()).isEqualTo("ORGANIZATION_MEMBERSHIP");
        assertThat(event.path("representation").asText()).contains("\"accountDeleted\":true").contains("employee");
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm())).hasSizeGreaterThan(auditLines)
                .anySatisfy(line -> {
                    assertThat(line.path("action").asText()).isEqualTo("member.remove");
                    assertThat(line.path("userId").asText()).isEqualTo(leoId);
                });

        // back at Acme's IdP: JIT judges the person like anyone new
        assertThat(scenario.login("acme-sso", "leo").loggedIn()).isTrue();
        assertThat(MemberRecordingIT.member(scenario, acmeId, idOf(scenario, "leo@acme.test")).orElseThrow()
                .path("origin").asText()).isEqualTo("provisioned");
    }

    @Test
    void removingAnUnmanagedMemberKeepsTheAccountAndDropsTheOrganizationsGroupsAndSessions(Scenario scenario) {
        String app = "/" + scenario.appRealm();
        String unaId = scenario.admin().post(app + "/users", Map.of("username", "una", "email", "una@partner.test",
                "enabled", true, "credentials", List.of(Map.of("type", "password", "value", "secret-una", "temporary", false))))
                .createdId();
        scenario.admin().post(app + "/organizations/" + acmeId + "/members", unaId);
        String engineering = PortalFixture.orgGroup(scenario, acmeId, "Engineering");
        scenario.admin().put(app + "/organizations/" + acmeId + "/groups/" + engineering + "/members/" + unaId, null);

        HttpResult removed = acmeAdmin(scenario).send("DELETE", members("/" + unaId), null);

        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(scenario.userByUsername("una")).as("an account of her own stays").isPresent();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).doesNotContain(unaId);
        assertThat(scenario.admin().get(app + "/organizations/" + acmeId + "/groups/" + engineering + "/members"))
                .extracting(m -> m.path("id").asText()).doesNotContain(unaId);
    }

    @Test
    void anotherOrganizationsMemberIs404TheLastAdminIs409AndNeitherChangesAnything(Scenario scenario) {
        PortalFixture.signIn(scenario, "globex-sso", "gil", "gil@globex.test");
        String gilId = idOf(scenario, "gil@globex.test");
        String before = PortalFixture.snapshot(scenario, acmeId) + PortalFixture.snapshot(scenario, globexId);

        HttpResult otherOrganizations = acmeAdmin(scenario).send("DELETE", members("/" + gilId), null);
        HttpResult lastAdmin = acmeAdmin(scenario).send("DELETE", members("/" + adminId), null);
        HttpResult unknown = acmeAdmin(scenario).send("DELETE", members("/no-such-user"), null);
        HttpResult adminApiOtherOrganizations = scenario.admin().send("DELETE", "/" + scenario.appRealm()
                + "/jit/organizations/" + acmeId + "/members/" + gilId, null);

        assertThat(otherOrganizations.status()).as(otherOrganizations.body()).isEqualTo(404);
        assertThat(otherOrganizations.json().get("error").asText()).isEqualTo("not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(adminApiOtherOrganizations.status()).isEqualTo(404);
        assertThat(lastAdmin.status()).as(lastAdmin.body()).isEqualTo(409);
        assertThat(lastAdmin.json().get("error").asText()).isEqualTo("last_admin");
        assertThat(PortalFixture.snapshot(scenario, acmeId) + PortalFixture.snapshot(scenario, globexId)).isEqualTo(before);
    }

    @Test
    void aManagedAccountThatAnotherOrganizationUsesIsNotDeleted(Scenario scenario) {
        PortalFixture.signIn(scenario, "acme-sso", "sam", "sam@acme.test");
        String samId = idOf(scenario, "sam@acme.test");
        scenario.admin().post("/" + scenario.appRealm() + "/organizations/" + globexId + "/members", samId);
        String before = PortalFixture.snapshot(scenario, acmeId) + PortalFixture.snapshot(scenario, globexId);

        HttpResult removed = scenario.admin().send("DELETE", "/" + scenario.appRealm() + "/jit/organizations/"
                + acmeId + "/members/" + samId, null);

        assertThat(removed.status()).as(removed.body()).isEqualTo(409);
        assertThat(removed.json().get("error").asText()).isEqualTo("member_of_another_organization");
        assertThat(PortalFixture.snapshot(scenario, acmeId) + PortalFixture.snapshot(scenario, globexId)).isEqualTo(before);
        assertThat(scenario.userByEmail("sam@acme.test")).isPresent();
    }
}
