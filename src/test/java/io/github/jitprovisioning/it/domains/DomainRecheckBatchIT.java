package io.github.jitprovisioning.it.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.OwnServer;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TestDnsServer;

/**
 * The background check of a deployment with more claims than one run takes ({@code check-batch}): on a server of its
 * own whose runs take at most 2 claims (the shared test server keeps the default 200, which these tests would need
 * hundreds of claims to fill), domains verified by hand (never checked in the background) and verified domains that
 * are not due yet (checked daily) do not keep a due pending domain from its background check. The server runs without
 * {@code test-clock}, as in production: pending domains are due 2 s after their last check, runs every second.
 */
class DomainRecheckBatchIT {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer("recheck-batch", options());

    private static DomainApi domains;
    private static TestDnsServer dns;
    private static String orgId;

    private static List<String> options() {
        List<String> options = new ArrayList<>(TestDnsServer.resolverOptions());
        options.addAll(List.of(TestDnsServer.SPI + "check-batch=2", TestDnsServer.SPI + "check-interval=1",
                TestDnsServer.SPI + "pending-interval=2"));
        return options;
    }

    @BeforeAll
    static void organization(Scenario scenario) {
        domains = new DomainApi(scenario);
        dns = TestDnsServer.shared();
        orgId = scenario.organization("batchco", List.of(), Map.of());
    }

    @Test
    void aPendingDomainIsVerifiedInTheBackgroundWhileMoreDomainsThanTheBatchAreVerifiedByHand(Scenario scenario)
            throws InterruptedException {
        List<String> byHand = List.of("hand-1.batch.test", "hand-2.batch.test", "hand-3.batch.test");
        List<String> byHandRecords = new ArrayList<>();
        for (String domain : byHand) {
            byHandRecords.add(DomainApi.recordName(domains.claim(orgId, domain)));
            assertThat(domains.markVerified(orgId, domain).json().path("verifiedByHand").asBoolean()).isTrue();
        }

        String pending = "pending-1.batch.test";
        HttpResult claimed = pendingCheckedOnce(pending);
        publish(claimed);

        assertThat(awaitVerified(pending)).as("verified by a background check").isEqualTo("verified");
        assertThat(domains.keycloakVerified(orgId, pending)).contains(true);
        assertThat(MetricsScrape.domainChecks(MetricsScrape.page(scenario.server()), scenario.appRealm(), "background"))
                .isPositive();
        for (String record : byHandRecords) {
            assertThat(dns.queries(record)).as("%s: verified by hand, never checked", record).isZero();
        }
    }

    @Test
    void aPendingDomainIsVerifiedInTheBackgroundWhileMoreVerifiedDomainsThanTheBatchAreNotDueYet()
            throws InterruptedException {
        List<String> verifiedRecords = new ArrayList<>();
        for (String domain : List.of("daily-1.batch.test", "daily-2.batch.test", "daily-3.batch.test")) {
            HttpResult claimed = domains.claim(orgId, domain);
            publish(claimed);
            assertThat(domains.verifyNow(orgId, domain).json().path("state").asText()).isEqualTo("verified");
            verifiedRecords.add(DomainApi.recordName(claimed));
        }

        // checked after the verified domains: a run that took the least recently checked claims would never reach it
        String pending = "pending-2.batch.test";
        HttpResult claimed = pendingCheckedOnce(pending);
        publish(claimed);

        assertThat(awaitVerified(pending)).as("verified by a background check").isEqualTo("verified");
        for (String record : verifiedRecords) {
            assertThat(dns.queries(record)).as("%s: checked by verify now, not due again for a day", record)
                    .isEqualTo(1);
        }
    }

    /** A pending claim whose first check (verify now, no record yet) is done: the background check is due 2 s later. */
    private static HttpResult pendingCheckedOnce(String domain) {
        HttpResult claimed = domains.claim(orgId, domain);
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(201);
        HttpResult checked = domains.verifyNow(orgId, domain);
        assertThat(checked.json().path("lastCheck").asText()).isEqualTo("nxdomain");
        assertThat(checked.json().path("state").asText()).isEqualTo("pending");
        return claimed;
    }

    private static void publish(HttpResult claimed) {
        dns.txt(DomainApi.recordName(claimed), List.of(List.of(DomainApi.recordValue(claimed))));
    }

    /**
     * The claim's state once it is verified, or after 90 s (a bound for a loaded machine; the background check runs
     * every second). "Verify now" answers 429 within a minute of the first, so only a background check can verify it.
     */
    private static String awaitVerified(String domain) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!domains.state(orgId, domain).equals("verified") && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        return domains.state(orgId, domain);
    }
}
