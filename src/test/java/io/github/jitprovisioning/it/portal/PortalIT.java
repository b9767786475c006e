package io.github.jitprovisioning.it.portal;

import static io.github.jitprovisioning.it.harness.AdminApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The self-service portal's JSON API on the real server: an Acme admin signed in through Acme's IdP manages Acme and
 * nothing of Globex; members without the admin group, roles and groups outside the allow-list, and domains of other
 * organizations are refused, and no refusal changes anything. Setup links: see {@link PortalSetupLinkIT}.
 */
@KeycloakIntegrationTest
@Tag("postgres")
public class PortalIT {

    static String acmeId;
    static String globexId;
    static String acmeAdminToken;
    static String acmeMemberToken;
    static String acmeAdminId;
    static String acmeMemberId;
    static String globexAdminId;
    static String globexInvitationId;
    static String globexSecretGroup = "Secret";

    @BeforeAll
    static void twoCustomers(Scenario scenario) {
        PortalFixture.realmOptions(scenario);
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        globexId = PortalFixture.customer(scenario, "globex", "globex.test");
        PortalFixture.orgGroup(scenario, acmeId, "Engineering");
        PortalFixture.orgGroup(scenario, globexId, globexSecretGroup);

        LoginResult acmeAdmin = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@acme.test");
        acmeAdminToken = acmeAdmin.tokenResponse().get("access_token").asText();
        acmeAdminId = acmeAdmin.accessToken().get("sub").asText();
        LoginResult acmeMember = PortalFixture.signIn(scenario, "acme-sso", "acme-member", "mia@acme.test");
        acmeMemberToken = acmeMember.tokenResponse().get("access_token").asText();
        acmeMemberId = acmeMember.accessToken().get("sub").asText();
        globexAdminId = PortalFixture.signIn(scenario, "globex-sso", "globex-admin", "gus@globex.test")
                .accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, acmeId, acmeAdminId);
        PortalFixture.makeAdmin(scenario, globexId, globexAdminId);

        scenario.inviteUser(globexId, "vendor@globex.test");
        globexInvitationId = scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + globexId + "/invitations")
                .get(0).get("id").asText();
    }

    private static PortalHttp acmeAdmin(Scenario scenario) {
        return PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), acmeAdminToken);
    }

    private static String org(String id, String path) {
        return "api/organizations/" + id + (path.isEmpty() ? "" : "/" + path);
    }

    @Test
    void acmeAdminSeesTheOverviewOfAcme(Scenario scenario) {
        HttpResult overview = acmeAdmin(scenario).get(org(acmeId, ""));

        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = overview.json();
        assertThat(json.get("name").asText()).isEqualTo("acme");
        assertThat(json.get("access").asText()).isEqualTo("ORGANIZATION_ADMIN");
        assertThat(json.get("jit").get("enabled").asBoolean()).isTrue();
        assertThat(json.get("domains").get(0).get("domain").asText()).isEqualTo("acme.test");
        assertThat(json.get("domains").get(0).get("state").asText()).isEqualTo("verified");
        assertThat(json.get("decisions").get("byOutcome").get("provisioned").asInt()).isGreaterThanOrEqualTo(2);

        JsonNode me = acmeAdmin(scenario).get("api/me").json();
        assertThat(me.get("organizations")).hasSize(1);
        assertThat(me.get("organizations").get(0).get("id").asText()).isEqualTo(acmeId);
    }

    @Test
    void acmeAdminTurnsSyncOnAndTheChangeIsAnAdminEventAndAnAuditLine(Scenario scenario) {
        HttpResult changed = acmeAdmin(scenario).send("PUT", org(acmeId, "settings"), Map.of("syncProfile", true));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(scenario.organizationById(acmeId).get("attributes").get("jit.sync-profile").get(0).asText())
                .isEqualTo("true");
        JsonNode event = scenario.adminEvents().stream()
                .filter(e -> e.path("resourcePath").asText().equals("organizations/" + acmeId + "/jit-portal/settings"))
                .findFirst().orElseThrow(() -> new AssertionError("no admin event: " + scenario.adminEvents()));
        assertThat(event.get("operationType").asText()).isEqualTo("UPDATE");
        assertThat(event.get("resourceType").asText()).isEqualTo("ORGANIZATION");
        assertThat(event.get("authDetails").get("userId").asText()).isEqualTo(acmeAdminId);
        assertThat(event.get("representation").asText()).contains("syncProfile");
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm())).anySatisfy(line -> {
            assertThat(line.path("action").asText()).isEqualTo("settings.update");
            assertThat(line.path("actor").asText()).isEqualTo("user:" + acmeAdminId);
            assertThat(line.path("organization_id").asText()).isEqualTo(acmeId);
        });
    }

    @Test
    void acmeAdminIsRefusedEveryEndpointOfGlobexAndNothingChanges(Scenario scenario) {
        String before = PortalFixture.snapshot(scenario, globexId);
        PortalHttp acme = acmeAdmin(scenario);
        List<String[]> calls = List.of(
                new String[]{"GET", ""}, new String[]{"GET", "settings"}, new String[]{"GET", "grants"},
                new String[]{"GET", "domains"}, new String[]{"GET", "admins"}, new String[]{"GET", "admins/members"},
                new String[]{"GET", "invitations"}, new String[]{"GET", "decisions"},
                new String[]{"PUT", "settings", "{\"jitEnabled\":false}"},
                new String[]{"PUT", "grants", "{\"roles\":[\"employee\"],\"groups\":[]}"},
                new String[]{"POST", "domains", "{\"name\":\"evil-acme.test\"}"},
                new String[]{"DELETE", "domains/globex.test"},
                new String[]{"POST", "domains/globex.test/verify"},
                new String[]{"POST", "admins", "{\"userId\":\"" + acmeAdminId + "\"}"},
                new String[]{"DELETE", "admins/" + globexAdminId},
                new String[]{"POST", "invitations", "{\"email\":\"spy@acme.test\"}"},
                new String[]{"POST", "invitations/" + globexInvitationId + "/resend"},
                new String[]{"DELETE", "invitations/" + globexInvitationId});

        for (String[] call : calls) {
            HttpResult result = acme.send(call[0], org(globexId, call[1]), call.length > 2 ? call[2] : null, "application/json");
            assertThat(result.status()).as("%s %s: %s", call[0], call[1], result.body()).isEqualTo(403);
            assertThat(result.body()).doesNotContain("globex.test").doesNotContain(globexSecretGroup);
        }
        assertThat(PortalFixture.snapshot(scenario, globexId)).isEqualTo(before);
    }

    @Test
    void globexIdsInAcmePathsAndBodiesAreNotFoundAndNothingChanges(Scenario scenario) {
        String globexBefore = PortalFixture.snapshot(scenario, globexId);
        String acmeBefore = PortalFixture.snapshot(scenario, acmeId);
        PortalHttp acme = acmeAdmin(scenario);

        assertThat(acme.send("DELETE", org(acmeId, "invitations/" + globexInvitationId), null).status()).isEqualTo(404);
        assertThat(acme.send("POST", org(acmeId, "invitations/" + globexInvitationId + "/resend"), null).status()).isEqualTo(404);
        assertThat(acme.send("DELETE", org(acmeId, "admins/" + globexAdminId), null).status()).isEqualTo(404);
        assertThat(acme.send("POST", org(acmeId, "admins"), Map.of("userId", globexAdminId)).status()).isEqualTo(404);
        assertThat(acme.send("DELETE", org(acmeId, "domains/globex.test"), null).status()).isEqualTo(404);
        assertThat(acme.send("POST", org(acmeId, "domains/globex.test/verify"), null).status()).isEqualTo(404);
        HttpResult secret = acme.send("PUT", org(acmeId, "grants"), Map.of("roles", List.of(), "groups", List.of(globexSecretGroup)));
        assertThat(secret.status()).as(secret.body()).isEqualTo(400);
        HttpResult taken = acme.send("POST", org(acmeId, "domains"), Map.of("name", "globex.test"));
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.body()).doesNotContain("globex\"").doesNotContain(globexId);

        assertThat(PortalFixture.snapshot(scenario, globexId)).isEqualTo(globexBefore);
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(acmeBefore);
    }

    @Test
    void memberWithoutTheAdminGroupIsForbidden(Scenario scenario) {
        String before = PortalFixture.snapshot(scenario, acmeId);
        PortalHttp member = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), acmeMemberToken);

        assertThat(member.get(org(acmeId, "")).status()).isEqualTo(403);
        assertThat(member.send("PUT", org(acmeId, "settings"), Map.of("jitEnabled", false)).status()).isEqualTo(403);
        assertThat(member.get("api/me").json().get("organizations")).isEmpty();
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);
    }

    @Test
    void noTokenOrAForgedTokenIsUnauthenticated(Scenario scenario) {
        PortalHttp anonymous = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm());
        assertThat(anonymous.get(org(acmeId, "")).status()).isEqualTo(401);
        String forged = acmeAdminToken.substring(0, acmeAdminToken.lastIndexOf('.') + 1) + "AAAA";
        assertThat(PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), forged).get(org(acmeId, "")).status())
                .isEqualTo(401);
    }

    @Test
    void onlyOfferedRolesAndGroupsCanBeChosenNeverAdministrativeOnes(Scenario scenario) {
        PortalHttp acme = acmeAdmin(scenario);
        JsonNode offered = acme.get(org(acmeId, "grants")).json();
        assertThat(offered.get("roles").get("offered")).extracting(JsonNode::asText).containsExactly("employee");
        assertThat(offered.get("groups").get("offered")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("/staff", "Engineering");
        String before = PortalFixture.snapshot(scenario, acmeId);

        for (Map<String, List<String>> refused : List.of(
                Map.of("roles", List.of("realm-management.manage-users"), "groups", List.<String>of()),
                Map.of("roles", List.of("employee", "not-listed"), "groups", List.<String>of()),
                Map.of("roles", List.<String>of(), "groups", List.of("/ops")),
                Map.of("roles", List.<String>of(), "groups", List.of("Admins")))) {
            HttpResult result = acme.send("PUT", org(acmeId, "grants"), refused);
            assertThat(result.status()).as("%s: %s", refused, result.body()).isEqualTo(400);
            assertThat(result.json().get("error").asText()).isEqualTo("not_grantable");
        }
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);

        HttpResult chosen = acme.send("PUT", org(acmeId, "grants"),
                Map.of("roles", List.of("employee"), "groups", List.of("/staff", "Engineering")));
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        JsonNode attributes = scenario.organizationById(acmeId).get("attributes");
        assertThat(attributes.get("jit.default-roles").get(0).asText()).isEqualTo("employee");
        assertThat(attributes.get("jit.groups").get(0).asText()).isEqualTo("/staff,Engineering");
    }

    @Test
    void domainsAreValidatedAddedAndRemoved(Scenario scenario) {
        PortalHttp acme = acmeAdmin(scenario);
        String before = PortalFixture.snapshot(scenario, acmeId);
        for (String refused : List.of("gmail.com", "co.uk", "not a domain", "<b>x</b>.test")) {
            HttpResult result = acme.send("POST", org(acmeId, "domains"), Map.of("name", refused));
            assertThat(result.status()).as("%s: %s", refused, result.body()).isEqualTo(400);
        }
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);

        HttpResult added = acme.send("POST", org(acmeId, "domains"), Map.of("name", "Acme-Labs.TEST"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(acme.get(org(acmeId, "domains")).json()).anySatisfy(domain -> {
            assertThat(domain.get("domain").asText()).isEqualTo("acme-labs.test");
            assertThat(domain.get("state").asText()).isEqualTo("pending");
            assertThat(domain.get("record").get("name").asText()).endsWith(".acme-labs.test");
            assertThat(domain.get("record").get("value").asText()).startsWith("keycloak-verification=");
        });
        // pending: not yet a Keycloak domain of Acme, so JIT does not use it and it squats nothing
        assertThat(scenario.organizationById(acmeId).get("domains")).extracting(d -> d.get("name").asText())
                .containsExactly("acme.test");
        assertThat(acme.send("DELETE", org(acmeId, "domains/acme-labs.test"), null).status()).isEqualTo(204);
        assertThat(acme.get(org(acmeId, "domains")).json()).noneSatisfy(domain ->
                assertThat(domain.get("domain").asText()).isEqualTo("acme-labs.test"));
    }

    @Test
    void adminsCanBeAddedAndRemovedButNeverTheLastOne(Scenario scenario) {
        PortalHttp acme = acmeAdmin(scenario);
        HttpResult last = acme.send("DELETE", org(acmeId, "admins/" + acmeAdminId), null);
        assertThat(last.status()).as(last.body()).isEqualTo(409);
        assertThat(last.json().get("error").asText()).isEqualTo("last_admin");

        HttpResult added = acme.send("POST", org(acmeId, "admins"), Map.of("userId", acmeMemberId));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(acme.get(org(acmeId, "admins")).json().get("admins")).extracting(a -> a.get("id").asText())
                .containsExactlyInAnyOrder(acmeAdminId, acmeMemberId);
        assertThat(PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), acmeMemberToken)
                .get(org(acmeId, "")).status()).isEqualTo(200);

        assertThat(acme.send("DELETE", org(acmeId, "admins/" + acmeMemberId), null).status()).isEqualTo(204);
        assertThat(PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), acmeMemberToken)
                .get(org(acmeId, "")).status()).isEqualTo(403);
    }

    @Test
    void invitationsAreSentListedResentAndRevoked(Scenario scenario) {
        PortalHttp acme = acmeAdmin(scenario);
        HttpResult invited = acme.send("POST", org(acmeId, "invitations"), Map.of("email", "dora@elsewhere.test"));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(scenario.smtp().messagesTo("dora@elsewhere.test")).hasSize(1);

        JsonNode list = acme.get(org(acmeId, "invitations")).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(list.get(0).has("inviteLink")).isFalse();
        String id = list.get(0).get("id").asText();

        assertThat(acme.send("POST", org(acmeId, "invitations/" + id + "/resend"), null).status()).isEqualTo(204);
        assertThat(scenario.smtp().messagesTo("dora@elsewhere.test")).hasSize(2);
        String resentId = acme.get(org(acmeId, "invitations")).json().get(0).get("id").asText();
        assertThat(acme.send("DELETE", org(acmeId, "invitations/" + resentId), null).status()).isEqualTo(204);
        assertThat(acme.get(org(acmeId, "invitations")).json()).isEmpty();
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm())).anySatisfy(line ->
                assertThat(line.path("action").asText()).isEqualTo("invitation.revoke"));
    }

    @Test
    void aRefusedLoginIsInTheDecisionLogWithWhatToDoAndFoundByItsReference(Scenario scenario) {
        scenario.idpUser("carol", "carol@acme-contractors.test", true, "Carol", "Contractor");
        LoginResult carol = scenario.login("acme-sso", "carol");
        assertThat(carol.loggedIn()).isFalse();
        String reference = scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN_ERROR").get(0)
                .get("details").get("jit_reference").asText();

        JsonNode blocked = acmeAdmin(scenario).get(org(acmeId, "decisions?outcome=blocked")).json();
        assertThat(blocked.get("savedEvents").asBoolean()).isTrue();
        assertThat(blocked.get("decisions")).anySatisfy(decision -> {
            assertThat(decision.get("reason").asText()).isEqualTo("domain_not_registered");
            assertThat(decision.get("advice").asText()).isEqualTo("add_domain");
            assertThat(decision.get("emailDomain").asText()).isEqualTo("acme-contractors.test");
        });
        JsonNode found = acmeAdmin(scenario).get(org(acmeId, "decisions?reference=" + enc(reference.toLowerCase()))).json();
        assertThat(found.get("decisions")).hasSize(1);
        assertThat(found.get("decisions").get(0).get("reference").asText()).isEqualTo(reference);
        assertThat(acmeAdmin(scenario).get(org(acmeId, "decisions?reference=nonsense")).status()).isEqualTo(400);
        JsonNode globexView = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), acmeAdminToken)
                .get(org(acmeId, "decisions")).json();
        assertThat(globexView.get("decisions")).noneSatisfy(decision ->
                assertThat(decision.get("identityProvider").asText()).isEqualTo("globex-sso"));
    }
}
