package io.github.jitprovisioning.it.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.it.harness.BlockedLogin;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The memory of unknown domains never outlives an organization change: a domain refused (and remembered) is
 * admitted at the very next login once an administrator adds it to an organization. And the decision's
 * {@code jit_decision_seconds} timer on the metrics page.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class UnknownDomainCacheIT {

    private static String orgId;

    @BeforeAll
    static void organization(Scenario scenario) {
        orgId = scenario.organization("early", List.of("early.test"), Map.of());
        scenario.verifyDomain(orgId, "early.test");
        scenario.oidcIdp("cache-sso", orgId, true);
    }

    @Test
    void unregisteredDomainIsRefusedThenAdmittedAtTheNextLoginOnceTheAdminAddsIt(Scenario scenario) {
        scenario.idpUser("lee", "lee@late.test", true, "Lee", "Late");
        scenario.idpUser("liz", "liz@late.test", true, "Liz", "Late");
        BlockedLogin.assertBlocked(scenario, scenario.login("cache-sso", "lee"), "domain_not_registered",
                BlockedLogin.Snapshot.of(scenario, orgId));
        // a second refusal of the same domain: answered from the memory of unknown domains
        BlockedLogin.assertBlocked(scenario, scenario.login("cache-sso", "liz"), "domain_not_registered",
                BlockedLogin.Snapshot.of(scenario, orgId));

        ObjectNode organization = (ObjectNode) scenario.organizationById(orgId);
        organization.withArray("domains").addObject().put("name", "late.test").put("verified", true);
        scenario.admin().put("/" + scenario.appRealm() + "/organizations/" + orgId, organization);

        LoginResult login = scenario.login("cache-sso", "lee");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("lee@late.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(orgId)).extracting(member -> member.get("id").asText()).contains(userId);
    }

    @Test
    void eachDecisionIsTimedOnTheMetricsPageByRealmAndOutcome(Scenario scenario) {
        scenario.idpUser("tim", "tim@early.test", true, "Tim", "Early");
        scenario.idpUser("nick", "nick@nowhere.test", true, "Nick", "Nowhere");
        String before = MetricsScrape.page(scenario.server());

        assertThat(scenario.login("cache-sso", "tim").loggedIn()).isTrue();
        BlockedLogin.reference(scenario.login("cache-sso", "nick"));

        String after = MetricsScrape.page(scenario.server());
        String realm = scenario.appRealm();
        assertThat(timerCount(after, realm, "provisioned") - timerCount(before, realm, "provisioned")).isEqualTo(1);
        assertThat(timerCount(after, realm, "blocked") - timerCount(before, realm, "blocked")).isEqualTo(1);
        assertThat(timerSum(after, realm, "provisioned")).isPositive();
        assertThat(after.lines().filter(line -> line.startsWith("jit_decision_seconds_bucket{")
                && line.contains("realm=\"" + realm + "\"") && line.contains("outcome=\"provisioned\"")))
                .as("histogram buckets of the timer").isNotEmpty();
    }

    private static double timerCount(String page, String realm, String outcome) {
        return sample(page, "jit_decision_seconds_count", realm, outcome);
    }

    private static double timerSum(String page, String realm, String outcome) {
        return sample(page, "jit_decision_seconds_sum", realm, outcome);
    }

    private static double sample(String page, String name, String realm, String outcome) {
        Matcher m = Pattern.compile("^" + name + "\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE).matcher(page);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("realm=\"" + realm + "\"") && m.group(1).contains("outcome=\"" + outcome + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
