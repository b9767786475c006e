package io.github.jitprovisioning.it.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.BlockedLogin;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * A report-only rollout through real brokered logins: Acme's admin may not choose report-only until the realm
 * offers it; in report-only a contractor on a sub-domain and an unverified email get in as Keycloak's stock flow would
 * let them (an account, Acme's managed membership, no JIT roles or groups), recorded as the refusals they are and
 * counted as "would have refused"; another organization's address is still refused; a matching user is provisioned
 * with the grants; an unverified claim of an existing account's address is still refused (no link offered); back in
 * enforce mode the contractor's colleague is refused again.
 */
@KeycloakIntegrationTest
@Tag("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportOnlyRolloutIT {

    private static final Map<String, String> REALM_OPTIONS = Map.of(
            "jit.grantable-roles", "employee", "jit.grantable-groups", "/staff");

    private static String app;
    private static String acmeId;
    private static String globexId;
    private static String adminToken;
    private static final List<String> letThrough = new ArrayList<>();

    @BeforeAll
    static void acmeWithAnAdmin(Scenario scenario) {
        app = scenario.appRealm();
        scenario.createRealmRole("employee");
        scenario.createGroup("/staff");
        scenario.jitConfig(REALM_OPTIONS);
        PortalFixture.portalAudience(scenario, Scenario.APP_CLIENT_ID);
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        scenario.setOrgAttribute(acmeId, "jit.default-roles", "employee");
        scenario.setOrgAttribute(acmeId, "jit.groups", "/staff");
        globexId = scenario.organization("globex", List.of("globex.test"), Map.of());
        ObjectNode events = (ObjectNode) scenario.admin().get("/" + app + "/events/config");
        events.put("eventsEnabled", true);
        events.putArray("eventsListeners").add("jboss-logging").add("jit-audit");
        scenario.admin().put("/" + app + "/events/config", events);

        LoginResult admin = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@acme.test");
        adminToken = admin.tokenResponse().get("access_token").asText();
        PortalFixture.makeAdmin(scenario, acmeId, admin.accessToken().get("sub").asText());
    }

    private static PortalHttp acmeAdmin(Scenario scenario) {
        return PortalHttp.bearer(scenario.server().baseUrl(), app, adminToken);
    }

    private static String org(String path) {
        return "api/organizations/" + acmeId + (path.isEmpty() ? "" : "/" + path);
    }

    @Test
    @Order(1)
    void portalAdminCannotChooseAModeTheRealmDoesNotOfferAndNothingChanges(Scenario scenario) {
        JsonNode settings = acmeAdmin(scenario).get(org("settings")).json();
        assertThat(settings.get("mode").asText()).isEqualTo("enforce");
        assertThat(settings.get("portalModes").toString()).isEqualTo("[\"enforce\"]");
        String before = PortalFixture.snapshot(scenario, acmeId);

        HttpResult refused = acmeAdmin(scenario).send("PUT", org("settings"), Map.of("mode", "report-only", "jitEnabled", false));
        HttpResult garbage = acmeAdmin(scenario).send("PUT", org("settings"), Map.of("mode", "audit"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("mode_not_allowed");
        assertThat(garbage.status()).as(garbage.body()).isEqualTo(400);
        assertThat(garbage.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);
    }

    @Test
    @Order(2)
    void reportOnlyLetsTheOrganizationsOwnRefusalsInWithoutGrantsAndCountsThem(Scenario scenario) {
        Map<String, String> options = new java.util.HashMap<>(REALM_OPTIONS);
        options.put("jit.portal-modes", "enforce##report-only");
        scenario.jitConfig(options);
        HttpResult switched = acmeAdmin(scenario).send("PUT", org("settings"), Map.of("mode", "report-only"));
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        assertThat(switched.json().get("mode").asText()).isEqualTo("report-only");
        assertThat(scenario.organizationById(acmeId).path("attributes").path("jit.mode").toString())
                .isEqualTo("[\"report-only\"]");

        JsonNode simulated = simulate(scenario, "joe@ext.acme.test", true);
        assertThat(simulated.get("reason").asText()).isEqualTo("domain_not_registered");
        assertThat(simulated.get("mode").asText()).isEqualTo("report-only");
        assertThat(simulated.get("letThrough").asBoolean()).isTrue();
        JsonNode simulatedGlobex = simulate(scenario, "mal@globex.test", true);
        assertThat(simulatedGlobex.get("reason").asText()).isEqualTo("idp_not_linked");
        assertThat(simulatedGlobex.get("mode").asText()).isEqualTo("enforce");
        assertThat(simulatedGlobex.get("letThrough").asBoolean()).isFalse();
        String metricsBefore = MetricsScrape.page(scenario.server());

        letThrough.add(assertLetThroughAsStock(scenario, "joe", "joe@ext.acme.test", true, "domain_not_registered"));
        letThrough.add(assertLetThroughAsStock(scenario, "una", "una@acme.test", false, "email_not_verified"));

        scenario.idpUser("mal", "mal@globex.test", true, "Mal", "Globex");
        BlockedLogin.Snapshot before = BlockedLogin.Snapshot.of(scenario, acmeId, globexId);
        JsonNode refusal = BlockedLogin.assertBlocked(scenario, scenario.login("acme-sso", "mal"), "idp_not_linked", before);
        assertThat(refusal.path("details").path("jit_mode").asText()).isEqualTo("enforce");

        // an unverified claim of an existing account's address: the stock flow would offer to link it; report-only
        // keeps the refusal, no link page, no link
        scenario.admin().post("/" + app + "/users", Map.of("username", "olga-local", "email", "olga@acme.test",
                "enabled", true, "emailVerified", true));
        scenario.idpUser("olga", "olga@acme.test", false, "Olga", "Impostor");
        BlockedLogin.Snapshot beforeOlga = BlockedLogin.Snapshot.of(scenario, acmeId);
        JsonNode existing = BlockedLogin.assertBlocked(scenario, scenario.login("acme-sso", "olga"), "email_not_verified",
                beforeOlga);
        assertThat(existing.path("details").path("jit_mode").asText()).isEqualTo("enforce");
        String olgaId = scenario.userByUsername("olga-local").orElseThrow().get("id").asText();
        assertThat(scenario.federatedIdentities(olgaId)).isEmpty();

        scenario.idpUser("ann", "ann@acme.test", true, "Ann", "Acme");
        LoginResult ann = scenario.login("acme-sso", "ann");
        assertThat(ann.loggedIn()).as("%s", ann).isTrue();
        String annId = scenario.userByEmail("ann@acme.test").orElseThrow().get("id").asText();
        assertThat(scenario.realmRoleNames(annId)).contains("employee");
        assertThat(scenario.groupPaths(annId)).containsExactly("/staff");
        JsonNode provisioned = scenario.firstLoginEvent(annId).path("details");
        assertThat(provisioned.path("jit_outcome").asText()).isEqualTo("provisioned");
        assertThat(provisioned.path("jit_mode").asText()).isEqualTo("report-only");

        JsonNode log = acmeAdmin(scenario).get(org("decisions?wouldHaveRefused=true")).json().get("decisions");
        assertThat(log).extracting(d -> d.get("reference").asText()).containsExactlyInAnyOrderElementsOf(letThrough);
        assertThat(log).extracting(d -> d.get("reason").asText())
                .containsExactlyInAnyOrder("domain_not_registered", "email_not_verified");
        JsonNode refused = acmeAdmin(scenario).get(org("decisions?reason=idp_not_linked")).json().get("decisions").get(0);
        assertThat(refused.get("wouldHaveRefused").asBoolean()).isFalse();
        assertThat(refused.get("mode").asText()).isEqualTo("enforce");
        JsonNode overview = acmeAdmin(scenario).get(org("")).json();
        assertThat(overview.get("jit").get("mode").asText()).isEqualTo("report-only");
        assertThat(overview.get("decisions").get("wouldHaveRefused").asInt()).isEqualTo(2);
        assertThat(overview.get("decisions").get("wouldHaveRefusedByReason").toString())
                .isEqualTo("{\"domain_not_registered\":1,\"email_not_verified\":1}");

        String metricsAfter = MetricsScrape.page(scenario.server());
        assertThat(MetricsScrape.letThrough(metricsAfter, app, "domain_not_registered")
                - MetricsScrape.letThrough(metricsBefore, app, "domain_not_registered")).isEqualTo(1.0);
        // una let through and olga refused: both count as the refusal they are, as in enforce mode; una also as let through
        assertThat(MetricsScrape.decisions(metricsAfter, app, "blocked", "email_not_verified")
                - MetricsScrape.decisions(metricsBefore, app, "blocked", "email_not_verified")).isEqualTo(2.0);
        assertThat(MetricsScrape.letThrough(metricsAfter, app, "email_not_verified")
                - MetricsScrape.letThrough(metricsBefore, app, "email_not_verified")).isEqualTo(1.0);
        assertThat(AuditLog.withReference(scenario.server(), app, letThrough.get(0)))
                .singleElement().satisfies(line -> {
                    assertThat(line.get("outcome").asText()).isEqualTo("blocked");
                    assertThat(line.get("mode").asText()).isEqualTo("report-only");
                });
    }

    @Test
    @Order(3)
    void backInEnforceModeTheSameRefusalBlocksAgain(Scenario scenario) {
        HttpResult switched = acmeAdmin(scenario).send("PUT", org("settings"), Map.of("mode", "enforce"));
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        assertThat(simulate(scenario, "kim@ext.acme.test", true).get("letThrough").asBoolean()).isFalse();
        scenario.idpUser("kim", "kim@ext.acme.test", true, "Kim", "Contractor");
        BlockedLogin.Snapshot before = BlockedLogin.Snapshot.of(scenario, acmeId);

        JsonNode event = BlockedLogin.assertBlocked(scenario, scenario.login("acme-sso", "kim"), "domain_not_registered",
                before);

        assertThat(event.path("details").has("jit_mode")).as("no jit_mode in enforce mode: %s", event).isFalse();
        JsonNode overview = acmeAdmin(scenario).get(org("")).json();
        assertThat(overview.get("jit").get("mode").asText()).isEqualTo("enforce");
        assertThat(overview.get("decisions").get("wouldHaveRefused").asInt()).as("the report-only month stays listed")
                .isEqualTo(2);
    }

    /**
     * The login ends as Keycloak's stock flow would end it: an account, Acme's managed membership, no JIT role or
     * group; its event records the refusal with {@code jit_mode=report-only}. Returns the reference code.
     */
    private static String assertLetThroughAsStock(Scenario scenario, String username, String email, boolean verified,
                                                  String reason) {
        scenario.idpUser(username, email, verified, username, "Contractor");
        LoginResult login = scenario.login("acme-sso", username);
        assertThat(login.loggedIn()).as("%s: %s", email, login).isTrue();
        String userId = scenario.userByEmail(email).orElseThrow().get("id").asText();
        assertThat(scenario.members(acmeId))
                .filteredOn(member -> member.path("id").asText().equals(userId))
                .extracting(member -> member.path("membershipType").asText())
                .containsExactly("MANAGED");
        assertThat(scenario.realmRoleNames(userId)).doesNotContain("employee");
        assertThat(scenario.groupPaths(userId)).isEmpty();
        JsonNode event = scenario.firstLoginEvent(userId);
        assertThat(event.path("error").isMissingNode() || event.path("error").isNull()).as("%s", event).isTrue();
        JsonNode details = event.path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("blocked");
        assertThat(details.path("jit_reason").asText()).isEqualTo(reason);
        assertThat(details.path("jit_mode").asText()).isEqualTo("report-only");
        assertThat(details.has("jit_roles")).isFalse();
        return details.path("jit_reference").asText();
    }

    private static JsonNode simulate(Scenario scenario, String email, boolean verified) {
        HttpResult answer = scenario.admin().send("POST", "/" + app + "/jit/simulate",
                Map.of("identityProvider", "acme-sso", "email", email, "emailVerified", verified));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}
