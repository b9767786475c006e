package io.github.jitprovisioning.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The last-admin rule under concurrency, with real concurrent requests: Acme's two admins remove each other at the
 * same moment, round after round. Each removal counts the admins under the organization's row lock
 * ({@code SELECT ... FOR UPDATE}), so one wins (204) and the other sees one admin left (409 {@code last_admin}) or
 * is no admin any more (403): the organization always keeps an admin. Runs on H2 and in the PostgreSQL run, where
 * the lock is the database's row lock that also holds between the nodes of a cluster.
 */
@KeycloakIntegrationTest
@Tag("postgres")
public class PortalAdminRaceIT {

    private static final int ROUNDS = 30;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    static String acmeId;
    static String adminsGroupId;
    static String anaId;
    static String anaToken;
    static String benId;
    static String benToken;

    @BeforeAll
    static void acmeWithTwoAdmins(Scenario scenario) {
        PortalFixture.realmOptions(scenario);
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        LoginResult ana = PortalFixture.signIn(scenario, "acme-sso", "ana", "ana@acme.test");
        anaId = ana.accessToken().get("sub").asText();
        anaToken = ana.tokenResponse().get("access_token").asText();
        LoginResult ben = PortalFixture.signIn(scenario, "acme-sso", "ben", "ben@acme.test");
        benId = ben.accessToken().get("sub").asText();
        benToken = ben.tokenResponse().get("access_token").asText();
        adminsGroupId = scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + acmeId
                + "/groups?search=Admins&exact=true").get(0).get("id").asText();
    }

    @AfterAll
    static void stopThePool() {
        POOL.shutdownNow();
    }

    @Test
    void twoAdminsRemovingEachOtherAtOnceNeverLeaveTheOrganizationWithoutAnAdmin(Scenario scenario) throws Exception {
        Map<String, Integer> outcomes = new Race(scenario, acmeId, adminsGroupId,
                anaId, PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), anaToken),
                benId, PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), benToken)).run(ROUNDS, POOL);
        System.out.println("PortalAdminRaceIT outcomes over " + ROUNDS + " rounds: " + outcomes);
    }

    /**
     * Rounds of the race: both are made admins again, then each removes the other at the same moment (a barrier
     * releases both requests); afterwards exactly one admin is left, the winner got 204 and the other 409
     * {@code last_admin} or 403. Returns how often each pair of answers came.
     */
    public record Race(Scenario scenario, String orgId, String adminsGroupId, String anaId, PortalHttp ana, String benId,
                PortalHttp ben) {

        public Map<String, Integer> run(int rounds, ExecutorService pool) throws Exception {
            Map<String, Integer> outcomes = new TreeMap<>();
            for (int round = 1; round <= rounds; round++) {
                List<String> admins = admins();
                for (String id : List.of(anaId, benId)) {
                    if (!admins.contains(id)) {
                        PortalFixture.makeAdmin(scenario, orgId, id);
                    }
                }
                assertThat(admins()).containsExactlyInAnyOrder(anaId, benId);

                CyclicBarrier start = new CyclicBarrier(2);
                Future<HttpResult> anaRemovesBen = pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return ana.send("DELETE", "api/organizations/" + orgId + "/admins/" + benId, null);
                });
                Future<HttpResult> benRemovesAna = pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return ben.send("DELETE", "api/organizations/" + orgId + "/admins/" + anaId, null);
                });
                HttpResult first = anaRemovesBen.get(120, TimeUnit.SECONDS);
                HttpResult second = benRemovesAna.get(120, TimeUnit.SECONDS);

                List<String> left = admins();
                assertThat(left).as("round %d: %s / %s", round, first, second).hasSize(1);
                List<Integer> statuses = List.of(first.status(), second.status());
                assertThat(statuses).as("round %d: %s / %s", round, first.body(), second.body())
                        .containsOnlyOnce(204).allMatch(status -> status == 204 || status == 409 || status == 403);
                HttpResult loser = first.status() == 204 ? second : first;
                if (loser.status() == 409) {
                    assertThat(loser.json().get("error").asText()).isEqualTo("last_admin");
                }
                assertThat(left).containsExactly(first.status() == 204 ? anaId : benId);
                outcomes.merge(statuses.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "+" + b).orElseThrow(),
                        1, Integer::sum);
            }
            return outcomes;
        }

        private List<String> admins() {
            List<String> ids = new ArrayList<>();
            for (JsonNode member : scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + orgId + "/groups/"
                    + adminsGroupId + "/members")) {
                ids.add(member.get("id").asText());
            }
            return ids;
        }
    }
}
