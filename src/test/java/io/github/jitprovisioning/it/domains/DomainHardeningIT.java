package io.github.jitprovisioning.it.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TestDnsServer;
import io.github.jitprovisioning.it.portal.PortalSetupLinkIT;

/**
 * What a domain claim may be, and what the DNS client believes, on the real server: look-alike domains (Unicode's
 * confusable skeletons) are refused in the admin API and the portal; the Public Suffix List is the maintained one and
 * the server says its date; the resolver ignores malformed packets, forged answers that do not repeat the query's
 * random case, and answers to another record type.
 */
@KeycloakIntegrationTest
class DomainHardeningIT {

    private static DomainApi domains;
    private static TestDnsServer dns;
    private static String initechId;
    private static String acmeId;
    private static String rivalId;

    @BeforeAll
    static void organizations(Scenario scenario) {
        domains = new DomainApi(scenario);
        dns = TestDnsServer.shared();
        initechId = scenario.organization("initech", List.of("initech.com"), Map.of());
        scenario.verifyDomain(initechId, "initech.com");
        acmeId = PortalFixture.customer(scenario, "acme", "acme.com");
        rivalId = PortalFixture.customer(scenario, "rival", "rival.test");
    }

    /** The domains an organization claimed (the background check changes their check times, not this). */
    private static List<String> claims(String orgId) {
        List<String> claimed = new java.util.ArrayList<>();
        domains.list(orgId).path("domains").forEach(claim -> claimed.add(claim.path("domain").asText()));
        return claimed;
    }

    @Test
    void lookAlikesOfAnotherOrganizationsDomainAreRefusedWithoutNamingIt(Scenario scenario) {
        List<String> before = claims(rivalId);
        int events = scenario.adminEvents().size();
        for (String lookAlike : List.of("\u0456nitech.com", "xn--initch-6of.com", "\u0430cme.com", "*.\u0430cme.com",
                "\u0430\u0441me.com")) {
            HttpResult refused = domains.claim(rivalId, lookAlike);
            assertThat(refused.status()).as(lookAlike + ": " + refused.body()).isEqualTo(409);
            assertThat(refused.json().path("code").asText()).isEqualTo("domain-look-alike");
            assertThat(refused.body()).doesNotContain("initech\"").doesNotContain("Acme").doesNotContain(acmeId)
                    .doesNotContain(initechId);
        }
        assertThat(claims(rivalId)).as("nothing claimed").isEqualTo(before);
        assertThat(scenario.adminEvents()).as("no admin event").hasSize(events);
        assertThat(domains.claim(rivalId, "acme.com").json().path("code").asText()).isEqualTo("domain-taken");

        HttpResult different = domains.claim(rivalId, "initech-rival.com");
        assertThat(different.status()).as("a domain that only shares letters is not a look-alike").isEqualTo(201);
    }

    @Test
    void lookAlikesOfTheOrganizationsOwnDomainsAreRefusedToo() {
        HttpResult own = domains.claim(initechId, "\u0456nitech.com");
        assertThat(own.status()).as(own.body()).isEqualTo(409);
        assertThat(own.json().path("code").asText()).isEqualTo("domain-look-alike");
        assertThat(domains.claim(initechId, "*.initech.com").status()).as("its own wildcard is no look-alike").isEqualTo(201);
        assertThat(domains.state(initechId, "xn--nitech-y8g.com")).isEqualTo("absent");
    }

    @Test
    void thePortalRefusesALookAlikeWithAClearMessage(Scenario scenario) {
        HttpResult opened = PortalSetupLinkIT.open(scenario, scenario.admin().send("POST", "/" + scenario.appRealm()
                + "/jit/organizations/" + rivalId + "/portal-links", Map.of()).json().get("url").asText());
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        PortalHttp session = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm())
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
        String csrf = session.get("api/me").json().get("csrf").asText();
        session.header("Origin", scenario.server().baseUrl()).header("X-JIT-CSRF", csrf);
        List<String> before = claims(rivalId);

        HttpResult refused = session.send("POST", "api/organizations/" + rivalId + "/domains", Map.of("name", "\u0430cme.com"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).isEqualTo("domain-look-alike");
        assertThat(claims(rivalId)).isEqualTo(before);
        // the page shows the message of that key (messages_en.properties)
        assertThat(PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm()).get("").body())
                .contains("jit-domain-domain-look-alike").contains("looks like a domain already registered here");
    }

    @Test
    void thePublicSuffixListIsTheMaintainedOneAndTheServerShowsItsDate(Scenario scenario) throws Exception {
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(scenario.server().baseUrl() + "/admin/serverinfo"))
                .header("Authorization", "Bearer " + scenario.admin().token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode operational = Json.MAPPER.readTree(info.body()).path("providers").path("jit-domain-verification")
                .path("providers").path("default").path("operationalInfo");
        assertThat(operational.path("publicSuffixListDate").asText()).isEqualTo("2026-10-06");
        assertThat(scenario.server().serverLog()).doesNotContain("Public Suffix List is");

        // aem.live entered the list after the copy of February 2023 that the JAR bundled before
        HttpResult suffix = domains.claim(rivalId, "aem.live");
        assertThat(suffix.status()).as(suffix.body()).isEqualTo(400);
        assertThat(suffix.json().path("code").asText()).isEqualTo("public-suffix");
        assertThat(domains.claim(rivalId, "rival.aem.live").status()).as("a name under it is claimable").isEqualTo(201);
    }

    private static String publishedClaim(String domain) {
        HttpResult claimed = domains.claim(rivalId, domain);
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(201);
        dns.txt(DomainApi.recordName(claimed), List.of(List.of(DomainApi.recordValue(claimed))));
        return DomainApi.recordName(claimed);
    }

    @Test
    void aMalformedPacketBeforeTheAnswerIsIgnoredAndTheDomainVerified() {
        String name = publishedClaim("malformed-first.rival.test");
        dns.trick(name, TestDnsServer.Trick.MALFORMED_FIRST);

        HttpResult checked = domains.verifyNow(rivalId, "malformed-first.rival.test");

        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.json().path("lastCheck").asText()).isEqualTo("match");
        assertThat(checked.json().path("state").asText()).isEqualTo("verified");
        assertThat(domains.keycloakVerified(rivalId, "malformed-first.rival.test")).contains(true);
    }

    @Test
    void aForgedAnswerThatDoesNotRepeatTheQueryCaseIsIgnored(Scenario scenario) {
        String name = publishedClaim("forged-case.rival.test");
        dns.trick(name, TestDnsServer.Trick.FORGED_LOWER_CASE);

        HttpResult checked = domains.verifyNow(rivalId, "forged-case.rival.test");

        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.json().path("lastCheck").asText()).as("no usable answer: an error, never a match")
                .isEqualTo("error");
        assertThat(checked.json().path("state").asText()).isEqualTo("pending");
        assertThat(domains.keycloakVerified(rivalId, "forged-case.rival.test")).isEmpty();
    }

    @Test
    void anAnswerForAnotherRecordTypeIsIgnored() {
        String name = publishedClaim("wrong-type.rival.test");
        dns.trick(name, TestDnsServer.Trick.WRONG_TYPE);

        HttpResult checked = domains.verifyNow(rivalId, "wrong-type.rival.test");

        assertThat(checked.json().path("lastCheck").asText()).isEqualTo("error");
        assertThat(checked.json().path("state").asText()).isEqualTo("pending");
        assertThat(domains.keycloakVerified(rivalId, "wrong-type.rival.test")).isEmpty();

        dns.trick(name, null);
        domains.nextMinute();
        assertThat(domains.verifyNow(rivalId, "wrong-type.rival.test").json().path("state").asText())
                .as("the real answer verifies").isEqualTo("verified");
    }
}
