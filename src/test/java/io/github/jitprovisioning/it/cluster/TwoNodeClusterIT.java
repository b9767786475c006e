package io.github.jitprovisioning.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.BlockedLogin;
import io.github.jitprovisioning.it.harness.BrokeredLogin;
import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.PendingLogin;
import io.github.jitprovisioning.it.harness.PostgresDatabase;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TestDnsServer;
import io.github.jitprovisioning.it.harness.TwoNodeCluster;

/**
 * JIT on a cluster: two nodes of the distribution on one PostgreSQL database, Keycloak's distributed caches
 * discovered through the database ({@link TwoNodeCluster}). Logins are pinned to a node by rewriting every URL to
 * it; administration goes through node 1. Both nodes run the domain verification's background check every second
 * against the test's DNS server ({@link #domainVerificationOptions}). Node 2 is killed by test 9; test 10 kills node 1 and starts node 2 again. Runs in
 * failsafe execution {@code it-cluster} only; skipped when no PostgreSQL answers on 127.0.0.1:5432.
 */
@EnabledIf("postgresReachable")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    /** Seconds between two background checks of a pending domain, on both nodes. */
    private static final Duration PENDING_INTERVAL = Duration.ofSeconds(45);
    /** How long the test's DNS server takes to answer for the re-checked names: longer than a background run's period. */
    private static final Duration DNS_DELAY = Duration.ofSeconds(2);

    private static TwoNodeCluster cluster;
    private static TwoNodeCluster.Node node1;
    private static TwoNodeCluster.Node node2;
    private static Scenario scenario;
    private static String acmeId;
    /** The organization of the rate-cap burst (order 3), read again after the cluster's restart (order 10). */
    private static String burstId;

    static boolean postgresReachable() {
        return PostgresDatabase.reachable();
    }

    @BeforeAll
    static void twoNodesAndAnOrganization() {
        Path jar = Path.of(System.getProperty("jit.jar"));
        cluster = TwoNodeCluster.start(Path.of(System.getProperty("keycloak.home")), jar,
                jar.toAbsolutePath().getParent().resolve("keycloak-cluster"), domainVerificationOptions());
        node1 = cluster.node(1);
        node2 = cluster.node(2);
        System.out.println("[keycloak-cluster] " + cluster.report());
        scenario = Scenario.create(node1, "cluster");
        scenario.createRealmRole("acme-member");
        scenario.createRealmRole("acme-staff");
        scenario.createClientRole(Scenario.APP_CLIENT_ID, "viewer");
        scenario.createGroup("/Customers/Acme");
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of(
                "jit.default-roles", "acme-member, app.viewer",
                "jit.groups", "/Customers/Acme"));
        scenario.oidcIdp("acme-sso", acmeId, false);
        ObjectNode events = (ObjectNode) scenario.admin().get("/" + scenario.appRealm() + "/events/config");
        events.put("eventsEnabled", true);
        events.putArray("eventsListeners").add("jboss-logging").add("jit-audit"); // jit-audit keeps the counters
        scenario.admin().put("/" + scenario.appRealm() + "/events/config", events);
    }

    @AfterAll
    static void stop() {
        if (scenario != null) {
            scenario.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Both nodes alike: the test's DNS server, answered within 30 s (one query per check, one attempt), a background
     * run every second on each node, pending domains due every {@link #PENDING_INTERVAL}, and the background task's
     * debug lines (what each run took) in the node's log.
     */
    private static List<String> domainVerificationOptions() {
        String spi = "--spi-jit-domain-verification--default--";
        return List.of(spi + "dns-servers=127.0.0.1:" + TestDnsServer.shared().port(),
                spi + "dns-timeout=30000",
                spi + "dns-attempts=1",
                spi + "check-interval=1",
                spi + "pending-interval=" + PENDING_INTERVAL.toSeconds(),
                "--spi-events-listener--jit-member-sign-ins--inactivity-interval=1",
                "--log-level=info,io.github.jitprovisioning.domains.DomainRecheckTask:debug");
    }

    private static LoginResult loginOn(TwoNodeCluster.Node node, String idpAlias, String username) {
        return scenario.login().route(node::route).login(idpAlias, username);
    }

    private static String userId(String username) {
        return scenario.userByUsername(username).orElseThrow().get("id").asText();
    }

    private static void assertProvisionedOnce(String username, String roleName) {
        assertThat(scenario.users()).filteredOn(u -> u.path("username").asText().equals(username)).hasSize(1);
        String userId = userId(username);
        assertThat(scenario.members(acmeId)).filteredOn(m -> m.path("id").asText().equals(userId))
                .extracting(m -> m.path("membershipType").asText()).containsExactly("MANAGED");
        assertThat(scenario.realmRoleNames(userId)).filteredOn(roleName::equals).hasSize(1);
        assertThat(scenario.clientRoleNames(userId, Scenario.APP_CLIENT_ID)).containsExactly("viewer");
        assertThat(scenario.groupPaths(userId)).containsExactly("/Customers/Acme");
        assertThat(scenario.federatedIdentities(userId)).hasSize(1);
    }

    @Test
    @Order(1)
    void bothNodesServeOneRealmWithOneIssuer() {
        JsonNode one = node1.admin().get("/" + scenario.appRealm());
        JsonNode two = node2.admin().get("/" + scenario.appRealm());
        assertThat(two.path("id").asText()).isEqualTo(one.path("id").asText());
        assertThat(node2.serverLog()).as("node 2 joined node 1's cache cluster").containsPattern("ISPN000094.*\\(2\\)");
        LoginResult login = loginOn(node2, "acme-sso", createIdpUser("first"));
        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(login.accessToken().path("iss").asText()).isEqualTo(cluster.publicUrl() + "/realms/" + scenario.appRealm());
    }

    @RepeatedTest(10)
    @Order(2)
    void sameNewIdentityOnBothNodesAtOnceEndsWithOneUserOneMembershipAndEachGrantOnce(RepetitionInfo repetition) {
        String username = createIdpUser("twin" + repetition.getCurrentRepetition());
        PendingLogin onNode1 = scenario.login().route(node1::route).startUntilBrokerCallback("acme-sso", username);
        PendingLogin onNode2 = scenario.login().route(node2::route).startUntilBrokerCallback("acme-sso", username);

        CompletableFuture<LoginResult> a = CompletableFuture.supplyAsync(onNode1::finish);
        CompletableFuture<LoginResult> b = CompletableFuture.supplyAsync(onNode2::finish);
        LoginResult one = a.join();
        LoginResult two = b.join();

        assertThat(one.anyServerError()).as("node 1: %s", one).isFalse();
        assertThat(two.anyServerError()).as("node 2: %s", two).isFalse();
        assertThat(one.loggedIn() || two.loggedIn()).as("at least one completes: %s %s", one, two).isTrue();
        assertProvisionedOnce(username, "acme-member");
        LoginResult again = loginOn(repetition.getCurrentRepetition() % 2 == 0 ? node1 : node2, "acme-sso", username);
        assertThat(again.loggedIn()).as("the one account signs in afterwards, %s", again).isTrue();
    }

    @Test
    @Order(3)
    void fiftyIdentitiesOfOneOrganizationSigningInConcurrentlyOverBothNodesAreAllProvisioned() throws Exception {
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            usernames.add(createIdpUser("crowd" + i));
        }
        int membersBefore = scenario.members(acmeId).size();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<CompletableFuture<LoginResult>> logins = new ArrayList<>();
        try {
            for (int i = 0; i < usernames.size(); i++) {
                TwoNodeCluster.Node node = i % 2 == 0 ? node1 : node2;
                String username = usernames.get(i);
                logins.add(CompletableFuture.supplyAsync(() -> loginOn(node, "acme-sso", username), pool));
            }
            for (CompletableFuture<LoginResult> login : logins) {
                LoginResult result = login.get();
                assertThat(result.anyServerError()).as("%s", result).isFalse();
                assertThat(result.loggedIn()).as("%s", result).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(scenario.members(acmeId)).hasSize(membersBefore + 50);
        for (String username : usernames) {
            String userId = userId(username);
            assertThat(scenario.realmRoleNames(userId)).filteredOn(role -> role.startsWith("acme-")).containsExactly("acme-member");
            assertThat(scenario.groupPaths(userId)).containsExactly("/Customers/Acme");
        }
    }

    /**
     * The provisioning rate cap holds across nodes: a burst of parallel first logins into one organization, half on
     * each node, provisions exactly the cap and refuses the rest {@code rate_limited} with nothing left behind; both
     * nodes read the one count from the database.
     */
    @Test
    @Order(3)
    void aBurstOfParallelFirstLoginsOverBothNodesNeverProvisionsMoreThanTheOrganizationsRateCap() throws Exception {
        int cap = 4;
        burstId = scenario.organization("burst", List.of("burst.test"), Map.of("jit.rate-cap-per-hour", Integer.toString(cap)));
        scenario.oidcIdp("burst-sso", burstId, false);
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            usernames.add(createIdpUser("burst" + i, "burst.test"));
        }
        int usersBefore = scenario.userCount();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<LoginResult> results = new ArrayList<>();
        try {
            List<CompletableFuture<LoginResult>> logins = new ArrayList<>();
            for (int i = 0; i < usernames.size(); i++) {
                TwoNodeCluster.Node node = i % 2 == 0 ? node1 : node2;
                String username = usernames.get(i);
                logins.add(CompletableFuture.supplyAsync(() -> loginOn(node, "burst-sso", username), pool));
            }
            for (CompletableFuture<LoginResult> login : logins) {
                results.add(login.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).allSatisfy(result -> assertThat(result.anyServerError()).as("%s", result).isFalse());
        assertThat(results).filteredOn(LoginResult::loggedIn).as("provisioned").hasSize(cap);
        assertThat(results).filteredOn(result -> !result.loggedIn())
                .allSatisfy(result -> assertThat(result.finalHtml()).contains("id=\"jit-blocked-rate-limited\""));
        assertThat(scenario.members(burstId)).hasSize(cap);
        assertThat(scenario.userCount()).as("no user left behind by a refusal").isEqualTo(usersBefore + cap);
        for (TwoNodeCluster.Node node : List.of(node1, node2)) {
            JsonNode status = node.admin().get("/" + scenario.appRealm() + "/jit/organizations/" + burstId + "/rate-cap");
            assertThat(status.path("counted").asInt()).as("the count on %s", node).isEqualTo(cap);
            assertThat(status.path("paused").asBoolean()).isTrue();
        }
        LoginResult late = loginOn(node2, "burst-sso", createIdpUser("burstlate", "burst.test"));
        assertThat(late.finalHtml()).as("%s", late).contains("id=\"jit-blocked-rate-limited\"");
    }

    @Test
    @Order(4)
    void organizationAttributesChangedOnNode1DecideTheNextLoginOnNode2() {
        loginOn(node2, "acme-sso", createIdpUser("warmup")); // node 2 has the organization in its caches now

        scenario.setOrgAttribute(acmeId, "jit.enabled", "false");
        String refused = createIdpUser("offline");
        BlockedLogin.Snapshot before = BlockedLogin.Snapshot.of(scenario, acmeId);
        LoginResult off = loginOn(node2, "acme-sso", refused);
        BlockedLogin.assertBlocked(scenario, off, "jit_disabled", before);

        scenario.setOrgAttribute(acmeId, "jit.enabled", null);
        scenario.setOrgAttribute(acmeId, "jit.default-roles", "acme-staff, app.viewer");
        try {
            String staff = createIdpUser("staff");
            LoginResult on = loginOn(node2, "acme-sso", staff);
            assertThat(on.loggedIn()).as("%s", on).isTrue();
            assertProvisionedOnce(staff, "acme-staff");
            assertThat(scenario.realmRoleNames(userId(staff))).doesNotContain("acme-member");
        } finally {
            scenario.setOrgAttribute(acmeId, "jit.default-roles", "acme-member, app.viewer");
        }
    }

    @Test
    @Order(5)
    void domainAddedOrRemovedOnNode1DecidesTheNextLoginOnNode2() {
        String early = createIdpUser("early", "newco.test");
        BlockedLogin.Snapshot before = BlockedLogin.Snapshot.of(scenario, acmeId);
        BlockedLogin.assertBlocked(scenario, loginOn(node2, "acme-sso", early), "domain_not_registered", before);

        setDomains(List.of("acme.test", "newco.test"));
        String added = createIdpUser("added", "newco.test");
        LoginResult admitted = loginOn(node2, "acme-sso", added);
        assertThat(admitted.loggedIn()).as("%s", admitted).isTrue();
        assertProvisionedOnce(added, "acme-member");

        setDomains(List.of("acme.test"));
        String removed = createIdpUser("removed", "newco.test");
        before = BlockedLogin.Snapshot.of(scenario, acmeId);
        BlockedLogin.assertBlocked(scenario, loginOn(node2, "acme-sso", removed), "domain_not_registered", before);
    }

    @Test
    @Order(6)
    void eachNodeCountsItsOwnDecisions() {
        String realm = scenario.appRealm();
        String page1 = MetricsScrape.page(node1);
        String page2 = MetricsScrape.page(node2);
        double provisioned1 = MetricsScrape.decisions(page1, realm, "provisioned", "provisioned");
        double provisioned2 = MetricsScrape.decisions(page2, realm, "provisioned", "provisioned");
        double blocked1 = MetricsScrape.decisions(page1, realm, "blocked", "domain_not_registered");
        double blocked2 = MetricsScrape.decisions(page2, realm, "blocked", "domain_not_registered");

        for (int i = 0; i < 3; i++) {
            assertThat(loginOn(node1, "acme-sso", createIdpUser("counted-one" + i)).loggedIn()).isTrue();
        }
        assertThat(loginOn(node2, "acme-sso", createIdpUser("counted-two")).loggedIn()).isTrue();
        assertThat(loginOn(node2, "acme-sso", createIdpUser("stranger", "elsewhere.test")).finalStatus()).isEqualTo(403);

        String after1 = MetricsScrape.page(node1);
        String after2 = MetricsScrape.page(node2);
        assertThat(MetricsScrape.decisions(after1, realm, "provisioned", "provisioned") - provisioned1).isEqualTo(3.0);
        assertThat(MetricsScrape.decisions(after2, realm, "provisioned", "provisioned") - provisioned2).isEqualTo(1.0);
        assertThat(MetricsScrape.decisions(after1, realm, "blocked", "domain_not_registered") - blocked1).isEqualTo(0.0);
        assertThat(MetricsScrape.decisions(after2, realm, "blocked", "domain_not_registered") - blocked2).isEqualTo(1.0);
    }

    @Test
    @Order(7)
    void eachDueDomainIsCheckedByOneNodeOnlyWhileBothNodesRunTheBackgroundCheck() throws InterruptedException {
        TestDnsServer dns = TestDnsServer.shared();
        DomainApi domains = new DomainApi(scenario);
        String orgId = scenario.organization("recheck", List.of(), Map.of());
        List<String> claimed = List.of("one.recheck.test", "two.recheck.test", "three.recheck.test");
        Map<String, String> records = new LinkedHashMap<>();
        for (String domain : claimed) {
            String record = "_keycloak-challenge." + domain;
            // no record (NXDOMAIN), answered after 2 s: every check is still in flight when both nodes run again
            dns.delay(record, DNS_DELAY);
            records.put(domain, record);
        }
        for (String domain : claimed) {
            HttpResult claim = domains.claim(orgId, domain);
            assertThat(claim.status()).as("%s", claim).isEqualTo(201);
            assertThat(DomainApi.recordName(claim)).isEqualTo(records.get(domain));
        }

        // pending domains are due at once, then every 45 s: wait for three background checks of each (a bound)
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (records.values().stream().anyMatch(r -> dns.queries(r) < 3) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        for (String domain : claimed) {
            assertThat(dns.queries(records.get(domain))).as("DNS queries for %s", domain).isGreaterThanOrEqualTo(3);
        }

        // no more background checks: a domain verified by hand is not checked; then let the checks in flight finish
        for (String domain : claimed) {
            assertThat(domains.markVerified(orgId, domain).status()).isEqualTo(200);
        }
        String realm = scenario.appRealm();
        deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (backgroundChecks(realm) != totalQueries(dns, records) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }

        String page1 = MetricsScrape.page(node1);
        String page2 = MetricsScrape.page(node2);
        double onNode1 = MetricsScrape.domainChecks(page1, realm, "background");
        double onNode2 = MetricsScrape.domainChecks(page2, realm, "background");
        Map<String, List<Long>> arrivals = new LinkedHashMap<>();
        records.forEach((domain, record) -> arrivals.put(domain, dns.queryTimes(record)));
        System.out.println("[keycloak-cluster] background checks: node 1 " + (long) onNode1 + ", node 2 " + (long) onNode2
                + "; runs that took domains: node 1 " + runsThatTookDomains(node1) + ", node 2 "
                + runsThatTookDomains(node2) + "; DNS queries per domain " + arrivals.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).toList());

        // every DNS query is one counted background check of one node, and no domain was asked twice within its
        // interval: each due check went to one node, although both nodes ran the background check every second
        assertThat(onNode1 + onNode2).as("background checks of node 1 + node 2 = DNS queries")
                .isEqualTo((double) arrivals.values().stream().mapToInt(List::size).sum());
        assertThat(MetricsScrape.domainChecks(page1, realm, "manual") + MetricsScrape.domainChecks(page2, realm, "manual"))
                .isZero();
        arrivals.forEach((domain, times) -> {
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.ofMillis(times.get(i) - times.get(i - 1)))
                        .as("%s: query %d came %d ms after query %d (all: %s)", domain, i + 1,
                                times.get(i) - times.get(i - 1), i, times)
                        .isGreaterThanOrEqualTo(PENDING_INTERVAL);
            }
        });
        for (String domain : claimed) {
            assertThat(domains.state(orgId, domain)).isEqualTo("verified");
        }
    }

    @Test
    @Order(8)
    void eachStaleMemberIsRemovedOnceWhileBothNodesRunTheInactivityRule() throws Exception {
        String orgId = scenario.organization("idle", List.of("idle.test"), Map.of());
        scenario.oidcIdp("idle-sso", orgId, false);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String username = "idle" + i;
            scenario.idpUser(username, username + "@idle.test", true, username, "Idle");
            assertThat(loginOn(i % 2 == 0 ? node1 : node2, "idle-sso", username).loggedIn()).isTrue();
            ids.add(userId(username));
        }
        // forty days without a sign-in, written where only time would write it
        long then = System.currentTimeMillis() - 40 * 86_400_000L;
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", PostgresDatabase.USER);
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(cluster.jdbcUrl(), properties);
             java.sql.PreparedStatement age = db.prepareStatement(
                     "UPDATE jit_member SET last_sso_at = ?, last_sso_day = ?, origin_at = ? WHERE org_id = ?")) {
            age.setLong(1, then);
            age.setLong(2, Math.floorDiv(then, 86_400_000L));
            age.setLong(3, then);
            age.setString(4, orgId);
            assertThat(age.executeUpdate()).isEqualTo(4);
        }
        scenario.setOrgAttribute(orgId, "jit.inactivity-days", "30");
        scenario.setOrgAttribute(orgId, "jit.inactivity-mode", "enforce");

        // both nodes run the task every second; wait (a bound) until the four are gone
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (java.util.stream.IntStream.range(0, 4).anyMatch(i -> scenario.userByUsername("idle" + i).isPresent())
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        Thread.sleep(3000); // a few more runs on both nodes: none may remove anyone again
        Map<String, Long> removals = scenario.adminEvents().stream()
                .filter(e -> e.path("authDetails").path("userId").asText().equals("jit-inactivity-rule")
                        && e.path("operationType").asText().equals("DELETE"))
                .collect(java.util.stream.Collectors.groupingBy(e -> e.path("resourcePath").asText(),
                        java.util.stream.Collectors.counting()));
        System.out.println("[keycloak-cluster] inactivity rule removals: " + removals);
        for (String id : ids) {
            assertThat(removals.get("organizations/" + orgId + "/members/" + id)).as("removals of %s", id).isEqualTo(1L);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(scenario.userByUsername("idle" + i)).isEmpty();
        }
    }

    @Test
    @Order(9)
    void loginStartedOnANodeThatIsKilledAfterTheDomainCheckFinishesCleanlyOnTheOther() {
        ObjectNode reviewConfig = forceReviewProfile("on");
        try {
            String username = createIdpUser("survivor");
            BrokeredLogin login = scenario.login().route(node2::route);
            BrokeredLogin.PausedLogin paused = login.startUntilForm("acme-sso", username, "kc-idp-review-profile-form");
            assertThat(paused.page().anyServerError()).isFalse();

            node2.kill();
            login.route(node1::route);
            LoginResult finished = paused.submit();

            assertThat(finished.anyServerError()).as("%s", finished).isFalse();
            if (finished.loggedIn()) {
                assertProvisionedOnce(username, "acme-member");
            } else {
                assertThat(scenario.userByUsername(username)).as("a refused login leaves no user, %s", finished).isEmpty();
            }
            System.out.println("[keycloak-cluster] login moved from killed node 2 to node 1: "
                    + (finished.loggedIn() ? "provisioned" : "refused with " + finished.finalStatus() + " " + finished.pageTitle()));
            for (JsonNode user : scenario.users()) {
                String id = user.path("id").asText();
                assertThat(scenario.admin().get("/" + scenario.appRealm() + "/organizations/members/" + id + "/organizations"))
                        .as("organizations of %s", user.path("username").asText()).isNotEmpty();
            }
        } finally {
            scenario.admin().put(reviewConfigPath(reviewConfig), reviewConfig);
        }
    }

    /**
     * The rate cap's count is in the database, not in a node: with node 2 already killed (the test before), node 1 is
     * killed too, so no process of the cluster keeps anything in memory or in its caches; node 2 is started again on
     * the same database and, alone, still reads the burst organization's count (the cap, paused) and refuses its next
     * first login {@code rate_limited} with nothing created.
     */
    @Test
    @Order(10)
    void theRateCapsCountSurvivesARestartOfTheWholeCluster() {
        String path = "/" + scenario.appRealm() + "/jit/organizations/" + burstId + "/rate-cap";
        JsonNode before = scenario.admin().get(path);
        assertThat(before.path("paused").asBoolean()).as("the burst test paused the organization: %s", before).isTrue();
        String username = createIdpUser("burstrestart", "burst.test"); // made now: node 1 holds the admin session
        int usersBefore = scenario.userCount();
        int membersBefore = scenario.members(burstId).size();

        node1.kill();
        long startNanos = System.nanoTime();
        TwoNodeCluster.Node restarted = cluster.restart(2);
        System.out.println("[keycloak-cluster] node 1 killed, node 2 started again alone in "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms");

        JsonNode after = restarted.admin().get(path);
        Assumptions.assumeTrue(after.path("windowStart").asText().equals(before.path("windowStart").asText()),
                "the hour's window ended between the burst and the restart: a new window counts from 0 by design");
        assertThat(after.path("counted").asInt()).as("the count after the restart: %s", after)
                .isEqualTo(before.path("counted").asInt());
        assertThat(after.path("paused").asBoolean()).isTrue();
        LoginResult refused = scenario.login().route(restarted::route).login("burst-sso", username);
        assertThat(refused.anyServerError()).as("%s", refused).isFalse();
        assertThat(refused.finalHtml()).as("%s", refused).contains("id=\"jit-blocked-rate-limited\"");
        assertThat(restarted.admin().get("/" + scenario.appRealm() + "/users/count").asInt()).isEqualTo(usersBefore);
        assertThat(restarted.admin().get("/" + scenario.appRealm() + "/organizations/" + burstId + "/members?max=1000")).hasSize(membersBefore);
    }

    // ------------------------------------------------------------------ helpers

    private static double backgroundChecks(String realm) {
        return MetricsScrape.domainChecks(MetricsScrape.page(node1), realm, "background")
                + MetricsScrape.domainChecks(MetricsScrape.page(node2), realm, "background");
    }

    private static double totalQueries(TestDnsServer dns, Map<String, String> records) {
        return records.values().stream().mapToInt(dns::queries).sum();
    }

    /** The node's background runs that found due domains (the task's debug line). */
    private static long runsThatTookDomains(TwoNodeCluster.Node node) {
        return node.serverLog().lines().filter(line -> line.contains("JIT domain check: took ")).count();
    }

    private static String createIdpUser(String username) {
        return createIdpUser(username, "acme.test");
    }

    private static String createIdpUser(String username, String domain) {
        scenario.idpUser(username, username + "@" + domain, true, "Cluster", username);
        return username;
    }

    private static void setDomains(List<String> domains) {
        ObjectNode organization = (ObjectNode) scenario.organizationById(acmeId);
        var array = organization.putArray("domains");
        domains.forEach(domain -> array.addObject().put("name", domain));
        scenario.admin().put("/" + scenario.appRealm() + "/organizations/" + acmeId, organization);
    }

    /** Sets the JIT flow's review profile to {@code value}; returns the previous configuration to restore. */
    private static ObjectNode forceReviewProfile(String value) {
        JsonNode review = scenario.jitFlowExecutions().stream()
                .filter(e -> e.path("providerId").asText().equals("idp-review-profile")).findFirst().orElseThrow();
        String path = "/" + scenario.appRealm() + "/authentication/config/" + review.path("authenticationConfig").asText();
        ObjectNode previous = (ObjectNode) scenario.admin().get(path);
        ObjectNode changed = previous.deepCopy();
        ((ObjectNode) changed.get("config")).put("update.profile.on.first.login", value);
        scenario.admin().put(path, changed);
        return previous;
    }

    private static String reviewConfigPath(ObjectNode config) {
        return "/" + scenario.appRealm() + "/authentication/config/" + config.path("id").asText();
    }
}
