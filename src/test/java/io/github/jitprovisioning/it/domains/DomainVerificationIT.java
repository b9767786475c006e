package io.github.jitprovisioning.it.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TestDnsServer;

/**
 * DNS TXT verification of organization domains on the real server, against the {@link TestDnsServer} of this test
 * run: claim, verify now, the record formats, refusals and conflicts, the console's reset of the verified flag, the
 * background check, marking by hand and removal.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class DomainVerificationIT {

    private static DomainApi domains;
    private static TestDnsServer dns;
    private static String acmeId;
    private static String otherId;

    @BeforeAll
    static void organizations(Scenario scenario) {
        domains = new DomainApi(scenario);
        dns = TestDnsServer.shared();
        acmeId = scenario.organization("acme", List.of(), Map.of());
        otherId = scenario.organization("rivalco", List.of(), Map.of());
    }

    private static void publish(HttpResult claimed) {
        dns.txt(DomainApi.recordName(claimed), List.of(List.of(DomainApi.recordValue(claimed))));
    }

    @Test
    void claimGivesARandomTokenAndTheRecordToPublishAndStaysOutOfKeycloakWhilePending() {
        HttpResult claimed = domains.claim(acmeId, "Claim.Acme.test");

        assertThat(claimed.status()).as(claimed.body()).isEqualTo(201);
        JsonNode body = claimed.json();
        assertThat(body.path("domain").asText()).isEqualTo("claim.acme.test");
        assertThat(body.path("state").asText()).isEqualTo("pending");
        assertThat(body.path("record").path("name").asText()).isEqualTo("_keycloak-challenge.claim.acme.test");
        assertThat(body.path("record").path("type").asText()).isEqualTo("TXT");
        assertThat(body.path("record").path("value").asText()).matches("keycloak-verification=[a-z2-7]{32}");
        assertThat(body.path("pendingUntil").asText()).isNotEmpty();
        assertThat(domains.keycloakVerified(acmeId, "claim.acme.test")).as("pending is not a Keycloak domain").isEmpty();

        HttpResult again = domains.claim(acmeId, "claim.acme.test");
        assertThat(again.status()).as("claiming again returns the same claim").isEqualTo(200);
        assertThat(DomainApi.recordValue(again)).isEqualTo(DomainApi.recordValue(claimed));
        assertThat(DomainApi.recordValue(domains.claim(otherId, "claim.acme.test")))
                .as("one token per organization and domain").isNotEqualTo(DomainApi.recordValue(claimed));
    }

    @Test
    void verifyNowWithTheRecordPublishedVerifiesAndSetsKeycloaksFlag(Scenario scenario) {
        HttpResult claimed = domains.claim(acmeId, "verify.acme.test");
        publish(claimed);

        HttpResult verified = domains.verifyNow(acmeId, "verify.acme.test");

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("state").asText()).isEqualTo("verified");
        assertThat(verified.json().path("lastCheck").asText()).isEqualTo("match");
        assertThat(verified.json().path("verifiedByHand").asBoolean()).isFalse();
        assertThat(domains.keycloakVerified(acmeId, "verify.acme.test")).contains(true);
        assertThat(dns.queries("_keycloak-challenge.verify.acme.test")).isPositive();
        assertThat(scenario.adminEvents()).anySatisfy(event -> {
            assertThat(event.path("resourceType").asText()).isEqualTo("JIT_ORGANIZATION_DOMAIN");
            assertThat(event.path("resourcePath").asText()).isEqualTo("organizations/" + acmeId + "/domains/verify.acme.test");
            assertThat(event.path("representation").asText()).contains("\"change\":\"VERIFIED\"");
        });
        assertThat(scenario.server().serverLog()).contains("\"event_type\":\"JIT_DOMAIN_VERIFIED\"")
                .contains("\"domain\":\"verify.acme.test\"");
        assertThat(MetricsScrape.page(scenario.server()))
                .containsPattern("jit_domain_checks_total\\{[^}]*outcome=\"match\"[^}]*trigger=\"manual\"");
    }

    @Test
    void verifyNowRunsAtMostOnceAMinutePerDomain() {
        domains.claim(acmeId, "ratelimit.acme.test");
        assertThat(domains.verifyNow(acmeId, "ratelimit.acme.test").status()).isEqualTo(200);

        HttpResult tooSoon = domains.verifyNow(acmeId, "ratelimit.acme.test");

        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.json().path("code").asText()).isEqualTo("verify-too-soon");
        domains.nextMinute();
        assertThat(domains.verifyNow(acmeId, "ratelimit.acme.test").status()).isEqualTo(200);
    }

    @Test
    void wrongTokenOrNoRecordLeavesTheDomainPending() {
        HttpResult claimed = domains.claim(acmeId, "wrong.acme.test");
        String name = DomainApi.recordName(claimed);
        assertThat(domains.verifyNow(acmeId, "wrong.acme.test").json().path("lastCheck").asText()).isEqualTo("nxdomain");
        dns.txt(name, List.of(List.of("keycloak-verification=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                List.of(DomainApi.recordValue(claimed) + " ")));
        domains.nextMinute();

        HttpResult checked = domains.verifyNow(acmeId, "wrong.acme.test");

        assertThat(checked.json().path("state").asText()).isEqualTo("pending");
        assertThat(checked.json().path("lastCheck").asText()).isEqualTo("wrong-token");
        assertThat(domains.keycloakVerified(acmeId, "wrong.acme.test")).isEmpty();
    }

    @Test
    void recordSplitIntoSeveralStringsIsJoined() {
        HttpResult claimed = domains.claim(acmeId, "multi.acme.test");
        String value = DomainApi.recordValue(claimed);
        dns.txt(DomainApi.recordName(claimed), List.of(List.of("v=spf1 -all"),
                List.of(value.substring(0, 10), value.substring(10, 30), value.substring(30))));

        assertThat(domains.verifyNow(acmeId, "multi.acme.test").json().path("state").asText()).isEqualTo("verified");
    }

    @Test
    void cnameAtTheChallengeNameIsFollowed() {
        HttpResult claimed = domains.claim(acmeId, "alias.acme.test");
        dns.cname(DomainApi.recordName(claimed), "hop1.dns-provider.test");
        dns.cname("hop1.dns-provider.test", "hop2.dns-provider.test");
        dns.txt("hop2.dns-provider.test", List.of(List.of(DomainApi.recordValue(claimed))));

        assertThat(domains.verifyNow(acmeId, "alias.acme.test").json().path("state").asText()).isEqualTo("verified");
    }

    @Test
    void wildcardDomainIsVerifiedThroughItsBaseDomain() {
        HttpResult claimed = domains.claim(acmeId, "*.wild.acme.test");
        assertThat(DomainApi.recordName(claimed)).isEqualTo("_keycloak-challenge.wild.acme.test");
        publish(claimed);

        assertThat(domains.verifyNow(acmeId, "*.wild.acme.test").json().path("state").asText()).isEqualTo("verified");
        assertThat(domains.keycloakVerified(acmeId, "*.wild.acme.test")).contains(true);
    }

    @Test
    void publicSuffixesConsumerDomainsAndBadSyntaxAreRefusedWithAClearMessage() {
        for (Map.Entry<String, String> refused : Map.of("co.uk", "public-suffix", "github.io", "public-suffix",
                "gmail.com", "consumer-domain", "outlook.com", "consumer-domain", "not a domain", "invalid-domain",
                "com", "invalid-domain").entrySet()) {
            HttpResult answer = domains.claim(acmeId, refused.getKey());
            assertThat(answer.status()).as(refused.getKey()).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).as(refused.getKey()).isEqualTo(refused.getValue());
            assertThat(answer.json().path("error").asText()).isNotBlank();
        }
        HttpResult noBody = domains.claim(acmeId, null);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(domains.list(acmeId).path("domains").toString()).doesNotContain("gmail.com");
    }

    @Test
    void domainVerifiedByAnotherOrganizationIsRefusedWithoutNamingIt() {
        HttpResult claimed = domains.claim(otherId, "taken.acme.test");
        publish(claimed);
        assertThat(domains.verifyNow(otherId, "taken.acme.test").json().path("state").asText()).isEqualTo("verified");

        HttpResult conflict = domains.claim(acmeId, "taken.acme.test");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().path("code").asText()).isEqualTo("domain-taken");
        assertThat(conflict.body()).doesNotContain("rivalco").doesNotContain(otherId);
    }

    @Test
    void domainHeldUnverifiedByAnotherOrganizationIsTakenOverAtVerification(Scenario scenario) {
        String squatterId = scenario.organization("squatter", List.of("squat.acme.test"), Map.of());
        HttpResult claimed = domains.claim(acmeId, "squat.acme.test");
        assertThat(claimed.status()).isEqualTo(201);
        publish(claimed);

        assertThat(domains.verifyNow(acmeId, "squat.acme.test").json().path("state").asText()).isEqualTo("verified");

        assertThat(domains.keycloakVerified(squatterId, "squat.acme.test")).as("gone from the squatter").isEmpty();
        assertThat(domains.keycloakVerified(acmeId, "squat.acme.test")).contains(true);
        assertThat(scenario.adminEvents()).anySatisfy(event -> {
            assertThat(event.path("resourcePath").asText()).isEqualTo("organizations/" + squatterId + "/domains/squat.acme.test");
            assertThat(event.path("representation").asText()).contains("TAKEN_OVER");
        });
    }

    @Test
    void theAdminConsolesResetOfTheVerifiedFlagIsRepaired(Scenario scenario) {
        HttpResult claimed = domains.claim(acmeId, "console.acme.test");
        publish(claimed);
        domains.verifyNow(acmeId, "console.acme.test");
        // what the console sends at every save: every domain with verified=false
        ObjectNode organization = (ObjectNode) scenario.organizationById(acmeId);
        for (JsonNode domain : organization.withArray("domains")) {
            ((ObjectNode) domain).put("verified", false);
        }
        organization.put("description", "saved in the console");
        scenario.admin().put("/" + scenario.appRealm() + "/organizations/" + acmeId, organization);

        assertThat(scenario.organizationById(acmeId).path("description").asText()).isEqualTo("saved in the console");
        assertThat(domains.keycloakVerified(acmeId, "console.acme.test")).contains(true);
        assertThat(domains.keycloakVerified(acmeId, "verify.acme.test").orElse(true)).isTrue();
    }

    @Test
    void backgroundCheckVerifiesAPendingDomainWithoutVerifyNow() throws InterruptedException {
        HttpResult claimed = domains.claim(acmeId, "background.acme.test");
        publish(claimed);

        // the server checks pending domains every 2 s in this test run (pending-interval); wait for its effect
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!domains.state(acmeId, "background.acme.test").equals("verified") && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        assertThat(domains.state(acmeId, "background.acme.test")).isEqualTo("verified");
        assertThat(domains.keycloakVerified(acmeId, "background.acme.test")).contains(true);
    }

    @Test
    void markVerifiedByHandIsRecordedAsSuchAndRemoveTakesTheDomainAway(Scenario scenario) {
        domains.claim(acmeId, "byhand.acme.test");

        HttpResult marked = domains.markVerified(acmeId, "byhand.acme.test");

        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.json().path("state").asText()).isEqualTo("verified");
        assertThat(marked.json().path("verifiedByHand").asBoolean()).isTrue();
        assertThat(domains.keycloakVerified(acmeId, "byhand.acme.test")).contains(true);
        assertThat(scenario.server().serverLog()).contains("\"event_type\":\"JIT_DOMAIN_VERIFIED_BY_HAND\"");

        assertThat(domains.remove(acmeId, "byhand.acme.test").status()).isEqualTo(204);
        assertThat(domains.claimOf(acmeId, "byhand.acme.test")).isEmpty();
        assertThat(domains.keycloakVerified(acmeId, "byhand.acme.test")).isEmpty();
        assertThat(domains.remove(acmeId, "byhand.acme.test").status()).isEqualTo(404);
    }

    @Test
    void unknownOrganizationAndUnclaimedDomainAreNotFound() {
        assertThat(domains.claim("no-such-org", "x.acme.test").status()).isEqualTo(404);
        assertThat(domains.verifyNow(acmeId, "never-claimed.acme.test").status()).isEqualTo(404);
    }
}
