package io.github.jitprovisioning.it.domains;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TestDnsServer;

/**
 * What time does to a claim, on the real server with its test clock (realm attribute, honoured only with the SPI
 * option {@code test-clock}): JIT follows a domain from pending to verified to unverified (record removed:
 * three negative answers over 72 hours), resolver timeouts change nothing, a pending domain fails after 7 days, and
 * the background check reads the realm's clock.
 * The realm requires verified domains.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class DomainReverificationIT {

    private static DomainApi domains;
    private static TestDnsServer dns;
    private static String acmeId;

    @BeforeAll
    static void realmRequiringVerifiedDomains(Scenario scenario) {
        domains = new DomainApi(scenario);
        dns = TestDnsServer.shared();
        scenario.jitConfig(Map.of("jit.require-verified-domain", "true"));
        acmeId = scenario.organization("acme", List.of(), Map.of("jit.enabled", "true"));
        scenario.oidcIdp("acme-sso", acmeId, false);
    }

    @Test
    void jitFollowsTheDomainFromPendingToVerifiedToUnverifiedAfterTheRecordIsRemoved(Scenario scenario) {
        String domain = "story.acme.test";
        HttpResult claimed = domains.claim(acmeId, domain);
        String record = DomainApi.recordName(claimed);

        // pending: not a Keycloak domain, JIT refuses
        scenario.idpUser("pat", "pat@" + domain, true, "Pat", "Pending");
        Snapshot before = Snapshot.of(scenario, acmeId);
        assertBlocked(scenario, scenario.login("acme-sso", "pat"), "domain_not_registered", before);

        // verified: JIT admits
        dns.txt(record, List.of(List.of(DomainApi.recordValue(claimed))));
        assertThat(domains.verifyNow(acmeId, domain).json().path("state").asText()).isEqualTo("verified");
        scenario.idpUser("vic", "vic@" + domain, true, "Vic", "Verified");
        LoginResult admitted = scenario.login("acme-sso", "vic");
        assertThat(admitted.loggedIn()).as("%s", admitted).isTrue();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("email").asText()).contains("vic@" + domain);

        // record removed: the first negatives do not remove the verification
        dns.remove(record);
        domains.nextMinute();
        assertThat(domains.verifyNow(acmeId, domain).json().path("state").asText()).isEqualTo("verified");
        domains.advanceClock(Duration.ofHours(36));
        assertThat(domains.verifyNow(acmeId, domain).json().path("state").asText()).isEqualTo("verified");
        domains.advanceClock(Duration.ofHours(35));
        assertThat(domains.verifyNow(acmeId, domain).json().path("state").asText())
                .as("three negatives, but within 71 hours").isEqualTo("verified");
        assertThat(domains.keycloakVerified(acmeId, domain)).contains(true);

        // 72 hours after the first negative: unverified, and JIT refuses new users again
        domains.advanceClock(Duration.ofHours(1).plusMinutes(2));
        HttpResult lost = domains.verifyNow(acmeId, domain);
        assertThat(lost.json().path("state").asText()).isEqualTo("pending");
        assertThat(domains.keycloakVerified(acmeId, domain)).contains(false);
        assertThat(scenario.server().serverLog()).contains("\"event_type\":\"JIT_DOMAIN_VERIFICATION_LOST\"");
        scenario.idpUser("una", "una@" + domain, true, "Una", "Unverified");
        Snapshot beforeUna = Snapshot.of(scenario, acmeId);
        assertBlocked(scenario, scenario.login("acme-sso", "una"), "domain_not_registered", beforeUna);
    }

    @Test
    void resolverTimeoutsNeverRemoveAVerification() {
        String domain = "timeout.acme.test";
        HttpResult claimed = domains.claim(acmeId, domain);
        dns.txt(DomainApi.recordName(claimed), List.of(List.of(DomainApi.recordValue(claimed))));
        assertThat(domains.verifyNow(acmeId, domain).json().path("state").asText()).isEqualTo("verified");
        dns.silent(DomainApi.recordName(claimed));

        for (int day = 0; day < 4; day++) {
            domains.advanceClock(Duration.ofDays(1));
            HttpResult checked = domains.verifyNow(acmeId, domain);
            assertThat(checked.json().path("lastCheck").asText()).isEqualTo("error");
            assertThat(checked.json().path("state").asText()).isEqualTo("verified");
            assertThat(checked.json().path("negativeAnswers").asInt()).isZero();
        }
        assertThat(domains.keycloakVerified(acmeId, domain)).contains(true);
    }

    @Test
    void theBackgroundCheckFindsAPendingDomainDueByItsRealmsClock() throws InterruptedException {
        // the realm's clock runs a day ahead, so the claim's checks are recorded a day ahead: by this machine's clock
        // the claim is not due for a day, by the realm's it is due 2 s after its first check (pending-interval)
        domains.advanceClock(Duration.ofDays(1));
        String domain = "realm-clock.acme.test";
        HttpResult claimed = domains.claim(acmeId, domain);
        assertThat(domains.verifyNow(acmeId, domain).json().path("lastCheck").asText()).isEqualTo("nxdomain");
        dns.txt(DomainApi.recordName(claimed), List.of(List.of(DomainApi.recordValue(claimed))));

        // only the background check can verify it now ("verify now": once a minute); bound for a loaded machine
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!domains.state(acmeId, domain).equals("verified") && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        assertThat(domains.state(acmeId, domain)).isEqualTo("verified");
        assertThat(domains.keycloakVerified(acmeId, domain)).contains(true);
    }

    @Test
    void pendingDomainFailsSevenDaysAfterTheClaim() {
        String domain = "late.acme.test";
        domains.claim(acmeId, domain);
        domains.advanceClock(Duration.ofDays(6));
        assertThat(domains.verifyNow(acmeId, domain).json().path("state").asText()).isEqualTo("pending");

        domains.advanceClock(Duration.ofDays(1));
        HttpResult failed = domains.verifyNow(acmeId, domain);

        assertThat(failed.json().path("state").asText()).isEqualTo("failed");
        assertThat(failed.json().path("failedAt").asText()).isNotEmpty();
        assertThat(domains.keycloakVerified(acmeId, domain)).isEmpty();
    }
}
