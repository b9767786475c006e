package io.github.jitprovisioning.it.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.PostgresDatabase;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TwoNodeCluster;
import io.github.jitprovisioning.it.portal.PortalAdminRaceIT;

/**
 * The last-admin rule across two nodes of a cluster ({@link TwoNodeCluster}: one PostgreSQL database): Acme's two
 * admins remove each other at the same moment, one through node 1 and the other through node 2, round after round
 * ({@link PortalAdminRaceIT.Race}). The organization's row lock is the database's, so the nodes serve the two
 * removals one after the other and Acme always keeps an admin. Runs in failsafe execution {@code it-cluster} only;
 * skipped when no PostgreSQL answers on 127.0.0.1:5432.
 */
@EnabledIf("postgresReachable")
class PortalAdminRaceClusterIT {

    private static final int ROUNDS = 20;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    private static TwoNodeCluster cluster;
    private static Scenario scenario;

    static boolean postgresReachable() {
        return PostgresDatabase.reachable();
    }

    @BeforeAll
    static void twoNodes() {
        Path jar = Path.of(System.getProperty("jit.jar"));
        cluster = TwoNodeCluster.start(Path.of(System.getProperty("keycloak.home")), jar,
                jar.toAbsolutePath().getParent().resolve("keycloak-cluster-portal"), List.of());
        scenario = Scenario.create(cluster.node(1), "portalrace");
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        if (scenario != null) {
            scenario.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoAdminsRemovingEachOtherThroughTwoNodesNeverLeaveTheOrganizationWithoutAnAdmin() throws Exception {
        PortalFixture.realmOptions(scenario);
        String acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        LoginResult ana = PortalFixture.signIn(scenario, "acme-sso", "ana", "ana@acme.test");
        LoginResult ben = PortalFixture.signIn(scenario, "acme-sso", "ben", "ben@acme.test");
        String adminsGroupId = scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + acmeId
                + "/groups?search=Admins&exact=true").get(0).get("id").asText();

        Map<String, Integer> outcomes = new PortalAdminRaceIT.Race(scenario, acmeId, adminsGroupId,
                ana.accessToken().get("sub").asText(), PortalHttp.bearer(cluster.node(1).baseUrl(), scenario.appRealm(),
                        ana.tokenResponse().get("access_token").asText()),
                ben.accessToken().get("sub").asText(), PortalHttp.bearer(cluster.node(2).baseUrl(), scenario.appRealm(),
                        ben.tokenResponse().get("access_token").asText())).run(ROUNDS, POOL);
        System.out.println("PortalAdminRaceClusterIT outcomes over " + ROUNDS + " rounds: " + outcomes);
    }
}
