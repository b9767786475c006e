package io.github.jitprovisioning.it.guardrails;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.BlockedLogin;
import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.testprovider.FailureInjectionListenerFactory;
import io.github.jitprovisioning.testprovider.TestClockResourceProviderFactory;

/**
 * The provisioning rate cap per organization (docs/guardrails.md, "Rate cap"), through real brokered logins: over the
 * cap a first login is refused {@code rate_limited} with nothing created, and says so in the event, the audit line,
 * {@code jit_rate_limited_total} and the portal; JIT for the organization stays paused until the hour ends (the
 * server's clock is moved by a test-only provider, {@link TestClockResourceProviderFactory}) or a realm admin resumes
 * it; returning users are never capped; a rolled-back provisioning takes no place; the portal's admin cannot set the
 * cap.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class RateCapIT {

    private static final String CAP = "jit.rate-cap-per-hour";

    private static String cappedId;
    private static String annId;
    private static String resumedId;
    private static String rolledBackId;

    @BeforeAll
    static void organizationsWithSmallCaps(Scenario scenario) {
        PortalFixture.portalAudience(scenario, Scenario.APP_CLIENT_ID);
        scenario.admin().put("/" + scenario.appRealm(), Map.of("accessTokenLifespan", 3600));
        // the realm's default for every organization without its own cap
        scenario.jitConfig(Map.of(CAP, "1"));
        ObjectNode events = (ObjectNode) scenario.admin().get("/" + scenario.appRealm() + "/events/config");
        events.putArray("eventsListeners").add("jboss-logging").add("jit-audit");
        scenario.admin().put("/" + scenario.appRealm() + "/events/config", events);
        cappedId = scenario.organization("capped", List.of("capped.test"), Map.of(CAP, "2"));
        scenario.oidcIdp("capped-sso", cappedId, false);
        PortalFixture.orgGroup(scenario, cappedId, "Admins");
        // the organization's portal admin, its first provisioned user of this hour
        annId = PortalFixture.signIn(scenario, "capped-sso", "ann", "ann@capped.test").accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, cappedId, annId);
        resumedId = scenario.organization("resumed", List.of("resumed.test"), Map.of());
        scenario.oidcIdp("resumed-sso", resumedId, false);
        rolledBackId = scenario.organization("rolledback", List.of("rolledback.test"), Map.of());
        scenario.oidcIdp("rolledback-sso", rolledBackId, false);
    }

    @AfterAll
    static void clockBack(Scenario scenario) {
        moveClock(scenario, 0);
    }

    @Test
    void overTheCapTheFirstLoginIsRefusedRateLimitedUntilTheHourEndsAndReturningUsersStillSignIn(Scenario scenario) {
        PortalFixture.signIn(scenario, "capped-sso", "bob", "bob@capped.test");
        scenario.idpUser("cid", "cid@capped.test", true, "Cid", "Third");
        double limitedBefore = MetricsScrape.rateLimited(MetricsScrape.page(scenario.server()), scenario.appRealm());
        Snapshot before = Snapshot.of(scenario, cappedId);

        LoginResult third = scenario.login("capped-sso", "cid");

        JsonNode event = assertBlocked(scenario, third, "rate_limited", before);
        assertThat(scenario.userByEmail("cid@capped.test")).as("no user left behind").isEmpty();
        assertThat(third.finalHtml()).contains("id=\"jit-blocked-rate-limited\"").doesNotContain("capped")
                .doesNotContain("id=\"jit-blocked-invitation\"");
        assertThat(event.path("details").path("organization_id").asText()).isEqualTo(cappedId);
        assertThat(event.path("details").path("jit_warnings").asText())
                .contains("rate cap of 2 users per hour (organization) reached")
                .contains("paused until");
        String reference = BlockedLogin.reference(third);
        assertThat(AuditLog.withReference(scenario.server(), scenario.appRealm(), reference))
                .singleElement()
                .satisfies(line -> assertThat(line.path("reason").asText()).isEqualTo("rate_limited"))
                .satisfies(line -> assertThat(line.path("warnings").toString()).contains("paused until"));
        assertThat(MetricsScrape.rateLimited(MetricsScrape.page(scenario.server()), scenario.appRealm()))
                .isEqualTo(limitedBefore + 1);

        // the realm admin's view, and the portal's: the banner's facts in the overview and the decision log
        JsonNode status = scenario.admin().get(rateCap(scenario, cappedId));
        assertThat(status.path("paused").asBoolean()).isTrue();
        assertThat(status.path("perHour").asInt()).isEqualTo(2);
        assertThat(status.path("counted").asInt()).isEqualTo(2);
        PortalHttp portal = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(),
                scenario.login("capped-sso", "ann").tokenResponse().get("access_token").asText());
        JsonNode overview = portal.get("api/organizations/" + cappedId).json();
        assertThat(overview.path("rateCap").path("paused").asBoolean()).isTrue();
        assertThat(overview.path("rateCap").path("perHour").asInt()).isEqualTo(2);
        JsonNode log = portal.get("api/organizations/" + cappedId + "/decisions?reason=rate_limited").json();
        assertThat(log.path("rateCap").path("paused").asBoolean()).isTrue();
        assertThat(log.path("decisions").get(0).path("reference").asText()).isEqualTo(reference);
        assertThat(log.path("decisions").get(0).path("advice").asText()).isEqualTo("rate_limited");

        // returning users are never capped: only provisioning counts
        LoginResult bobAgain = scenario.login("capped-sso", "bob");
        assertThat(bobAgain.loggedIn()).as("%s", bobAgain).isTrue();
        assertThat(scenario.admin().get(rateCap(scenario, cappedId)).path("counted").asInt()).isEqualTo(2);

        // the hour ends: JIT for the organization provisions again
        moveClock(scenario, 3600);
        try {
            LoginResult nextHour = scenario.login("capped-sso", "cid");
            assertThat(nextHour.loggedIn()).as("%s", nextHour).isTrue();
            assertThat(scenario.userByEmail("cid@capped.test")).isPresent();
            JsonNode newHour = scenario.admin().get(rateCap(scenario, cappedId));
            assertThat(newHour.path("paused").asBoolean()).isFalse();
            assertThat(newHour.path("counted").asInt()).isEqualTo(1);
        } finally {
            moveClock(scenario, 0);
        }
    }

    @Test
    void aRealmAdminsResumeLetsTheNextFirstLoginThroughAndTheCapCountsAgainFromThere(Scenario scenario) {
        PortalFixture.signIn(scenario, "resumed-sso", "rita", "rita@resumed.test");
        scenario.idpUser("ron", "ron@resumed.test", true, "Ron", "Second");
        scenario.idpUser("roy", "roy@resumed.test", true, "Roy", "Third");
        Snapshot before = Snapshot.of(scenario, resumedId);
        assertBlocked(scenario, scenario.login("resumed-sso", "ron"), "rate_limited", before);
        JsonNode paused = scenario.admin().get(rateCap(scenario, resumedId));
        assertThat(paused.path("source").asText()).as("the realm option, no attribute").isEqualTo("realm");
        assertThat(paused.path("paused").asBoolean()).isTrue();

        HttpResult resumed = scenario.admin().post(rateCap(scenario, resumedId) + "/resume", null);

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().path("paused").asBoolean()).isFalse();
        assertThat(resumed.json().path("wasPaused").asBoolean()).isTrue();
        assertThat(scenario.adminEvents()).anySatisfy(adminEvent -> assertThat(adminEvent.path("resourcePath").asText())
                .isEqualTo("organizations/" + resumedId + "/rate-cap/resume"));
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm()))
                .anySatisfy(line -> {
                    assertThat(line.path("event_type").asText()).isEqualTo("JIT_RATE_CAP_RESUMED");
                    assertThat(line.path("organization_id").asText()).isEqualTo(resumedId);
                });
        LoginResult ron = scenario.login("resumed-sso", "ron");
        assertThat(ron.loggedIn()).as("%s", ron).isTrue();
        JsonNode afterRon = scenario.admin().get(rateCap(scenario, resumedId));
        assertThat(afterRon.path("provisioned").asInt()).isEqualTo(2);
        assertThat(afterRon.path("counted").asInt()).isEqualTo(1);

        Snapshot beforeRoy = Snapshot.of(scenario, resumedId);
        assertBlocked(scenario, scenario.login("resumed-sso", "roy"), "rate_limited", beforeRoy);
    }

    @Test
    void aRolledBackProvisioningTakesNoPlace(Scenario scenario) {
        scenario.idpUser("pat", "pat@rolledback.test", true, "Pat", "Failed");
        scenario.idpUser("quin", "quin@rolledback.test", true, "Quin", "Late");
        scenario.setOrgAttribute(rolledBackId, FailureInjectionListenerFactory.FAIL_ON_MEMBER_JOIN, "true");
        Snapshot before = Snapshot.of(scenario, rolledBackId);

        assertBlocked(scenario, scenario.login("rolledback-sso", "pat"), "provisioning_failed", before);

        assertThat(scenario.admin().get(rateCap(scenario, rolledBackId)).path("counted").asInt())
                .as("the failed provisioning was rolled back with its count").isZero();
        scenario.setOrgAttribute(rolledBackId, FailureInjectionListenerFactory.FAIL_ON_MEMBER_JOIN, null);
        LoginResult pat = scenario.login("rolledback-sso", "pat");
        assertThat(pat.loggedIn()).as("the cap of 1 still has its place: %s", pat).isTrue();
        Snapshot beforeQuin = Snapshot.of(scenario, rolledBackId);
        assertBlocked(scenario, scenario.login("rolledback-sso", "quin"), "rate_limited", beforeQuin);
    }

    @Test
    void thePortalsAdminCannotSetTheCap(Scenario scenario) {
        PortalHttp portal = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(),
                scenario.login("capped-sso", "ann").tokenResponse().get("access_token").asText());
        String before = PortalFixture.snapshot(scenario, cappedId);

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("rateCapPerHour", 1000),
                Map.of(CAP, 1000), Map.of("jitEnabled", true, CAP, "0"))) {
            HttpResult refused = portal.send("PUT", "api/organizations/" + cappedId + "/settings", body);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
        assertThat(PortalFixture.snapshot(scenario, cappedId)).isEqualTo(before);

        // the settings the portal may write leave the realm admin's cap as it is
        HttpResult saved = portal.send("PUT", "api/organizations/" + cappedId + "/settings", Map.of("syncProfile", false));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(scenario.organizationById(cappedId).path("attributes").path(CAP).get(0).asText()).isEqualTo("2");
        JsonNode settings = portal.get("api/organizations/" + cappedId + "/settings").json();
        assertThat(settings.has("rateCapPerHour")).as("not among the portal's settings").isFalse();
    }

    private static String rateCap(Scenario scenario, String orgId) {
        return "/" + scenario.appRealm() + "/jit/organizations/" + orgId + "/rate-cap";
    }

    /** Moves the server's clock (Keycloak's time offset) and makes the admin client fetch a token valid at the new time. */
    static void moveClock(Scenario scenario, int offsetSeconds) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(scenario.server().baseUrl() + "/realms/"
                        + scenario.appRealm() + "/" + TestClockResourceProviderFactory.ID + "?offsetSeconds=" + offsetSeconds))
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        scenario.admin().forgetToken();
    }
}
