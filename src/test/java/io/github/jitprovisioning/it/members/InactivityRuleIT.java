package io.github.jitprovisioning.it.members;

import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.KeycloakServer;
import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.PostgresDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An organization's inactivity rule on the real server, its background task running every 2 s (the test server's
 * option {@code inactivity-interval}): the portal sets it within the realm's bounds; report-only lists "will be
 * removed on"; enforce removes the stale members and keeps one who signed in again. Being stale is made by writing
 * an old last sign-in into {@code JIT_MEMBER} with SQL, which only the PostgreSQL run can do (the H2 run checks the
 * settings and the dates).
 */
@KeycloakIntegrationTest
@Tag("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InactivityRuleIT {

    private static final long DAY = 86_400_000L;
    private static String acmeId;
    private static String adminToken;
    private static String jdbcUrl;

    @BeforeAll
    static void acmeWithAnAdmin(Scenario scenario, KeycloakServer server) {
        jdbcUrl = server instanceof DistributionServer distribution ? distribution.postgresJdbcUrl().orElse(null) : null;
        PortalFixture.realmOptions(scenario);
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        LoginResult admin = PortalFixture.signIn(scenario, "acme-sso", "acme-boss", "boss@acme.test");
        adminToken = admin.tokenResponse().get("access_token").asText();
        PortalFixture.makeAdmin(scenario, acmeId, admin.accessToken().get("sub").asText());
    }

    private static PortalHttp acmeAdmin(Scenario scenario) {
        return PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), adminToken);
    }

    private static String api(String path) {
        return "api/organizations/" + acmeId + "/members" + path;
    }

    private static JsonNode member(Scenario scenario, String email) {
        String id = scenario.userByEmail(email).orElseThrow().get("id").asText();
        return MemberRecordingIT.member(scenario, acmeId, id).orElseThrow();
    }

    @Test
    @Order(1)
    void theRuleIsOffByDefaultAndTheAdminSetsItOnlyWithinTheRealmsBounds(Scenario scenario) {
        JsonNode rule = acmeAdmin(scenario).get(api("/inactivity-rule")).json();
        assertThat(rule.get("mode").asText()).isEqualTo("off");
        assertThat(rule.get("minDays").asInt()).isEqualTo(30);
        assertThat(rule.get("maxDays").asInt()).isEqualTo(730);
        String before = PortalFixture.snapshot(scenario, acmeId);

        HttpResult tooShort = acmeAdmin(scenario).send("PUT", api("/inactivity-rule"), Map.of("mode", "enforce", "days", 7));
        HttpResult noDays = acmeAdmin(scenario).send("PUT", api("/inactivity-rule"), Map.of("mode", "enforce"));
        HttpResult unknownMode = acmeAdmin(scenario).send("PUT", api("/inactivity-rule"), Map.of("mode", "purge", "days", 30));

        assertThat(List.of(tooShort.status(), noDays.status(), unknownMode.status())).containsOnly(400);
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);

        HttpResult reportOnly = acmeAdmin(scenario).send("PUT", api("/inactivity-rule"), Map.of("mode", "report-only", "days", 30));
        assertThat(reportOnly.status()).as(reportOnly.body()).isEqualTo(200);
        assertThat(reportOnly.json().get("mode").asText()).isEqualTo("report-only");
        JsonNode boss = member(scenario, "boss@acme.test");
        assertThat(boss.get("removalDueAt").asLong()).as("30 days after the last sign-in: %s", boss)
                .isEqualTo(boss.get("lastSignInAt").asLong() + 30 * DAY);
    }

    @Test
    @Order(2)
    void reportOnlyListsTheDateEnforceRemovesTheStaleAndKeepsWhoSignedInAgain(Scenario scenario) throws Exception {
        assumeTrue(jdbcUrl != null, "an old last sign-in is written with SQL: execution it-postgres");
        for (String name : List.of("stan", "stella", "kim")) {
            PortalFixture.signIn(scenario, "acme-sso", name, name + "@acme.test");
            age(userId(scenario, name + "@acme.test"), 40);
        }
        assertThat(acmeAdmin(scenario).send("PUT", api("/inactivity-rule"), Map.of("mode", "report-only", "days", 30))
                .status()).isEqualTo(200);
        Thread.sleep(5_000); // two runs of the task in report-only: nothing is removed
        JsonNode stan = member(scenario, "stan@acme.test");
        assertThat(stan.get("removalDueAt").asLong()).as("due ten days ago").isLessThan(System.currentTimeMillis() - 9 * DAY);
        assertThat(acmeAdmin(scenario).get(api("?inactiveDays=35")).json().get("members"))
                .extracting(m -> m.get("username").asText()).containsExactlyInAnyOrder("stan", "stella", "kim");

        // Kim signs in again before the rule is enforced: kept
        assertThat(scenario.login("acme-sso", "kim").loggedIn()).isTrue();
        assertThat(member(scenario, "kim@acme.test").get("removalDueAt").asLong()).isGreaterThan(System.currentTimeMillis());

        assertThat(acmeAdmin(scenario).send("PUT", api("/inactivity-rule"), Map.of("mode", "enforce", "days", 30))
                .status()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((scenario.userByEmail("stan@acme.test").isPresent() || scenario.userByEmail("stella@acme.test").isPresent())
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(scenario.userByEmail("stan@acme.test")).as("a managed stale member's account goes").isEmpty();
        assertThat(scenario.userByEmail("stella@acme.test")).isEmpty();
        assertThat(scenario.userByEmail("kim@acme.test")).isPresent();
        assertThat(scenario.userByEmail("boss@acme.test")).isPresent();
        List<JsonNode> removals = scenario.adminEvents().stream()
                .filter(e -> e.path("resourceType").asText().equals("ORGANIZATION_MEMBERSHIP")
                        && e.path("operationType").asText().equals("DELETE")
                        && e.path("authDetails").path("userId").asText().equals("jit-inactivity-rule"))
                .toList();
        assertThat(removals).hasSize(2);
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm()))
                .filteredOn(line -> line.path("action").asText().equals("member.remove.inactive")).hasSize(2);

        // Stan comes back: JIT judges him like anyone new
        assertThat(scenario.login("acme-sso", "stan").loggedIn()).isTrue();
        assertThat(member(scenario, "stan@acme.test").get("origin").asText()).isEqualTo("provisioned");
    }

    private static String userId(Scenario scenario, String email) {
        return scenario.userByEmail(email).orElseThrow().get("id").asText();
    }

    /** The member's last SSO sign-in (and its day) set {@code days} days back, as if nothing had happened since. */
    private static void age(String userId, int days) throws SQLException {
        long then = System.currentTimeMillis() - days * DAY;
        Properties properties = new Properties();
        properties.setProperty("user", PostgresDatabase.USER);
        try (Connection db = DriverManager.getConnection(jdbcUrl, properties);
             PreparedStatement update = db.prepareStatement(
                     "UPDATE jit_member SET last_sso_at = ?, last_sso_day = ?, first_sso_at = ?, origin_at = ? WHERE user_id = ?")) {
            update.setLong(1, then);
            update.setLong(2, Math.floorDiv(then, DAY));
            update.setLong(3, then);
            update.setLong(4, then);
            update.setString(5, userId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
