package io.github.jitprovisioning.it.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;

import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PendingLogin;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The same identity completing two first logins at the same moment (two tabs, a double click, a retry): one user,
 * one membership, each role once, and no server error.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class ConcurrentFirstLoginIT {

    private static String acmeId;

    @BeforeAll
    static void acme(Scenario scenario) {
        scenario.createRealmRole("acme-member");
        scenario.createGroup("/Acme");
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of(
                "jit.default-roles", "acme-member", "jit.groups", "/Acme"));
        scenario.oidcIdp("acme-sso", acmeId, false);
    }

    @RepeatedTest(3)
    void sameIdentitySigningInTwiceAtOnceEndsWithOneUserAndOneMembership(Scenario scenario,
                                                                        org.junit.jupiter.api.RepetitionInfo repetition) {
        String username = "twin" + repetition.getCurrentRepetition();
        scenario.idpUser(username, username + "@acme.test", true, "Twin", "Login");
        PendingLogin first = scenario.login().startUntilBrokerCallback("acme-sso", username);
        PendingLogin second = scenario.login().startUntilBrokerCallback("acme-sso", username);

        CompletableFuture<LoginResult> a = CompletableFuture.supplyAsync(first::finish);
        CompletableFuture<LoginResult> b = CompletableFuture.supplyAsync(second::finish);
        LoginResult one = a.join();
        LoginResult two = b.join();

        assertThat(one.anyServerError()).as("%s", one).isFalse();
        assertThat(two.anyServerError()).as("%s", two).isFalse();
        assertThat(one.loggedIn() || two.loggedIn()).as("at least one login completes: %s %s", one, two).isTrue();
        assertThat(scenario.users()).filteredOn(u -> u.path("username").asText().equals(username)).hasSize(1);
        String userId = scenario.userByUsername(username).orElseThrow().get("id").asText();
        assertThat(scenario.members(acmeId)).filteredOn(m -> m.path("id").asText().equals(userId)).hasSize(1);
        assertThat(scenario.realmRoleNames(userId)).filteredOn("acme-member"::equals).hasSize(1);
        assertThat(scenario.groupPaths(userId)).containsExactly("/Acme");
        assertThat(scenario.federatedIdentities(userId)).hasSize(1);

        LoginResult again = scenario.login("acme-sso", username);
        assertThat(again.loggedIn()).as("the surviving account signs in afterwards, %s", again).isTrue();
    }
}
