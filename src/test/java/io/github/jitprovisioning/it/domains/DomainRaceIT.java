package io.github.jitprovisioning.it.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TestDnsServer;

/**
 * Domain verification under concurrent requests, on the real server (in the PostgreSQL run too): many "verify now"
 * requests against a slow nameserver make one DNS query and the others are refused at once; the cap on claims per
 * organization holds when the claims come at once; a save of the organization racing a verification never leaves a
 * verified Keycloak domain without its claim.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class DomainRaceIT {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(24);
    private static DomainApi domains;
    private static TestDnsServer dns;

    @BeforeAll
    static void setUp(Scenario scenario) {
        domains = new DomainApi(scenario);
        dns = TestDnsServer.shared();
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** Runs the calls at the same moment; their results in order. */
    private static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(POOL.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(120, TimeUnit.SECONDS));
        }
        return results;
    }

    /** A status and how long the request took. */
    private record Timed(int status, long millis, String body) {
    }

    @Test
    void manyVerifyNowRequestsAgainstASlowNameserverMakeOneQueryAndTheOthersAreRefusedAtOnce(Scenario scenario)
            throws Exception {
        String orgId = scenario.organization("slowdns", List.of(), Map.of());
        HttpResult claimed = domains.claim(orgId, "slow.race.test");
        String name = DomainApi.recordName(claimed);
        // verified by hand: the background check (every second in the tests) leaves such a claim alone, so every DNS
        // query for it comes from "verify now"; a matching check makes it verified by DNS
        assertThat(domains.markVerified(orgId, "slow.race.test").status()).isEqualTo(200);
        dns.txt(name, List.of(List.of(DomainApi.recordValue(claimed))));
        Duration slow = Duration.ofMillis(600); // the resolver's timeout in the tests is 700 ms
        dns.delay(name, slow);
        int requests = 20;
        List<Callable<Timed>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> {
                long start = System.nanoTime();
                HttpResult result = domains.verifyNow(orgId, "slow.race.test");
                return new Timed(result.status(), (System.nanoTime() - start) / 1_000_000, result.body());
            });
        }

        List<Timed> results = atOnce(calls);

        List<Timed> verified = results.stream().filter(r -> r.status() == 200).toList();
        // refused at once: 429 when the slot was taken, or 503 when four others were already inside (see below)
        List<Timed> refused = results.stream().filter(r -> r.status() == 429 || r.status() == 503).toList();
        System.out.printf("verify now x%d against a nameserver answering after %d ms: 200 in %s ms, 429 in %s ms%n",
                requests, slow.toMillis(), verified.stream().map(Timed::millis).toList(),
                refused.stream().map(Timed::millis).sorted().toList());
        assertThat(verified).as("%s", results).hasSize(1);
        // its check is a match, or an error when this loaded machine delivers the answer after the 700 ms timeout:
        // either way it is the one request that asked the DNS
        assertThat(verified.get(0).body()).containsAnyOf("\"lastCheck\":\"match\"", "\"lastCheck\":\"error\"");
        assertThat(refused).as("%s", results).hasSize(requests - 1);
        assertThat(refused).allSatisfy(r -> assertThat(r.body()).containsAnyOf("verify-too-soon", "verify-busy"));
        assertThat(refused).as("some met the taken slot").anySatisfy(r -> assertThat(r.body()).contains("verify-too-soon"));
        assertThat(dns.queries(name)).as("one DNS query for all of them").isEqualTo(1);
        assertThat(refused).as("every refusal came back before the one DNS answer")
                .allSatisfy(r -> assertThat(r.millis()).isLessThan(verified.get(0).millis()));
        assertThat(domains.keycloakVerified(orgId, "slow.race.test")).contains(true);
    }

    /**
     * Verify-now requests for 20 different domains (each could take its own one-a-minute slot) at once, against a
     * nameserver that does not answer within the resolver's timeout (700 ms in the tests): each request that asks the
     * DNS waits that long after its query arrived, holding the database connection of its request meanwhile. At most
     * {@code verify-now-concurrency} (4 by default) of them wait at the same moment; the others are answered 503
     * {@code verify-busy} at once, before their slot is taken, so the domain can be checked again right away.
     */
    @Test
    void atMostFourVerifyNowRequestsOfANodeWaitOnTheDnsAndTheOthersAreBusyWithoutLosingTheirMinute(Scenario scenario)
            throws Exception {
        List<String> orgIds = List.of(scenario.organization("poolwait", List.of(), Map.of()),
                scenario.organization("poolwait2", List.of(), Map.of()));
        int requests = 20;
        long resolverTimeout = 700;
        Map<String, String> orgOf = new java.util.LinkedHashMap<>();
        Map<String, String> recordOf = new java.util.HashMap<>();
        List<Callable<Timed>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String orgId = orgIds.get(i % 2);
            String domain = "p" + i + ".poolwait.test";
            HttpResult claimed = domains.claim(orgId, domain);
            assertThat(domains.markVerified(orgId, domain).status()).isEqualTo(200); // no background check of it
            orgOf.put(domain, orgId);
            recordOf.put(domain, DomainApi.recordName(claimed));
            dns.delay(DomainApi.recordName(claimed), Duration.ofSeconds(30)); // never within the timeout
            calls.add(() -> {
                long start = System.nanoTime();
                HttpResult result = domains.verifyNow(orgId, domain);
                return new Timed(result.status(), (System.nanoTime() - start) / 1_000_000, result.body());
            });
        }

        long startedAt = System.currentTimeMillis(); // a background check may have asked while a claim was pending

        List<Timed> results = atOnce(calls);

        List<Long> arrivals = recordOf.values().stream().flatMap(name -> dns.queryTimes(name).stream())
                .filter(at -> at >= startedAt).sorted().toList();
        int mostAtOnce = 0;
        for (long at : arrivals) {
            int waiting = (int) arrivals.stream().filter(other -> other <= at && at < other + resolverTimeout).count();
            mostAtOnce = Math.max(mostAtOnce, waiting);
        }
        List<Timed> checked = results.stream().filter(r -> r.status() == 200).toList();
        List<Timed> busy = results.stream().filter(r -> r.status() == 503).toList();
        System.out.printf("verify now x%d (distinct domains), no DNS answer within %d ms: %d checked, %d busy in %s ms;"
                + " DNS queries %d, at most %d waiting at once%n", requests, resolverTimeout, checked.size(), busy.size(),
                busy.stream().map(Timed::millis).sorted().toList(), arrivals.size(), mostAtOnce);
        assertThat(results).as("each request was checked or busy").allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 503));
        assertThat(checked).as("the checked ones got the resolver's timeout").allSatisfy(r ->
                assertThat(r.body()).contains("\"lastCheck\":\"error\""));
        assertThat(arrivals).as("one DNS query per checked request").hasSize(checked.size());
        assertThat(mostAtOnce).as("requests waiting on the DNS at the same moment").isBetween(1, 4);
        assertThat(busy).as("20 requests at once against 4 permits").isNotEmpty()
                .allSatisfy(r -> assertThat(r.body()).contains("verify-busy"));

        String turnedAway = orgOf.keySet().stream().filter(domain -> dns.queryTimes(recordOf.get(domain)).stream()
                .noneMatch(at -> at >= startedAt)).findFirst().orElseThrow();
        long before = dns.queries(recordOf.get(turnedAway));
        HttpResult again = domains.verifyNow(orgOf.get(turnedAway), turnedAway);
        assertThat(again.status()).as("a busy answer took no slot: checked now, not 429 (%s)", again.body()).isEqualTo(200);
        assertThat(dns.queries(recordOf.get(turnedAway))).isEqualTo(before + 1);
    }

    @Test
    void theCapOnClaimsPerOrganizationHoldsWhenTheClaimsComeAtOnce(Scenario scenario) throws Exception {
        String orgId = PortalFixture.customer(scenario, "capped", "capped.test");
        scenario.jitConfig(Map.of("jit.max-domain-claims", "3"));
        try {
            List<Callable<HttpResult>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String domain = "d" + i + ".capped.test";
                calls.add(() -> domains.claim(orgId, domain));
            }

            List<HttpResult> results = atOnce(calls);

            assertThat(results.stream().filter(r -> r.status() == 201)).as("%s", results).hasSize(3);
            assertThat(results.stream().filter(r -> r.status() == 409)).allSatisfy(r ->
                    assertThat(r.json().path("code").asText()).isEqualTo("domain-limit")).hasSize(7);
            assertThat(domains.list(orgId).path("domains")).hasSize(3);
            HttpResult more = domains.claim(orgId, "later.capped.test");
            assertThat(more.status()).isEqualTo(409);
            assertThat(more.body()).contains("jit.max-domain-claims");
            String first = domains.list(orgId).path("domains").get(0).path("domain").asText();
            assertThat(domains.remove(orgId, first).status()).isEqualTo(204);
            assertThat(domains.claim(orgId, "later.capped.test").status()).as("room again after a removal").isEqualTo(201);
        } finally {
            scenario.jitConfig(Map.of());
        }
    }

    /**
     * Rounds of a console save of the organization (its representation read before the verification, so without the
     * new domain) racing "verify now" (and the background check) of a claim whose record is published; the save starts at a different moment
     * around the DNS answer in each round. Whatever the order, a domain verified in Keycloak has its verified claim
     * (so it is re-checked), and a verified claim has its Keycloak domain.
     */
    @Test
    void aSaveOfTheOrganizationRacingAVerificationNeverLeavesAVerifiedDomainWithoutItsClaim(Scenario scenario)
            throws Exception {
        Duration answerAfter = Duration.ofMillis(300);
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 16; round++) {
            String orgId = scenario.organization("saverace" + round, List.of("base" + round + ".race.test"), Map.of());
            String domain = "new" + round + ".race.test";
            HttpResult claimed = domains.claim(orgId, domain);
            dns.txt(DomainApi.recordName(claimed), List.of(List.of(DomainApi.recordValue(claimed))));
            dns.delay(DomainApi.recordName(claimed), answerAfter);
            ObjectNode stale = (ObjectNode) scenario.organizationById(orgId);
            stale.put("description", "saved in round " + round);
            long saveAfter = answerAfter.toMillis() - 80 + round * 10L; // sweeps across the moment of the DNS answer
            String path = "/" + scenario.appRealm() + "/organizations/" + orgId;

            List<HttpResult> results = atOnce(List.of(
                    () -> domains.verifyNow(orgId, domain),
                    () -> {
                        Thread.sleep(saveAfter);
                        return scenario.admin().send("PUT", path, stale);
                    }));

            // 404 when the background check (every second here) verified the domain first and the save, sending its
            // stale list of domains, removed it and its claim before "verify now" wrote its result
            assertThat(results.get(0).status()).as(results.get(0).body()).isIn(200, 404);
            assertThat(results.get(1).status()).as(results.get(1).body()).isEqualTo(204);
            Optional<Boolean> inKeycloak = domains.keycloakVerified(orgId, domain);
            String claim = domains.state(orgId, domain);
            outcomes.add(round + ": keycloak " + inKeycloak.map(v -> v ? "verified" : "unverified").orElse("absent")
                    + ", claim " + claim);
            if (inKeycloak.orElse(false)) {
                assertThat(claim).as("round %d: a verified Keycloak domain keeps its claim (%s)", round, outcomes)
                        .isEqualTo("verified");
            }
            if (claim.equals("verified")) {
                assertThat(inKeycloak).as("round %d: a verified claim has its Keycloak domain", round).contains(true);
            }
        }
        System.out.println("save vs verify now: " + outcomes);
    }

}
