package io.github.jitprovisioning.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Smoke test of the harness on Keycloak's STOCK first broker login flow: what stock Keycloak does, so that a
 * failure here points at the harness (or the server setup), not at the extension.
 */
@KeycloakIntegrationTest
class BrokeredLoginHarnessIT {

    private static String acmeId;

    @BeforeAll
    static void acmeWithItsOwnIdentityProvider(Scenario scenario) {
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of());
        scenario.verifyDomain(acmeId, "acme.test");
        scenario.oidcIdp("acme-sso", acmeId, true, Scenario.FirstLoginFlow.STOCK);
    }

    @Test
    void verifiedUserOfRegisteredDomainBecomesManagedMemberOnFirstLogin(Scenario scenario) {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Anders");

        LoginResult login = scenario.login("acme-sso", "alice");
        System.out.println("[keycloak-it] brokered first login took " + login.elapsed().toMillis() + " ms");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(login.anyServerError()).as("%s", login).isFalse();
        assertThat(login.accessToken().path("email").asText()).isEqualTo("alice@acme.test");
        assertThat(login.idToken().path("email_verified").asBoolean()).isTrue();
        assertThat(login.accessToken().path("organization").toString()).contains("acme");

        JsonNode user = scenario.userByEmail("alice@acme.test").orElseThrow();
        assertThat(user.path("firstName").asText()).isEqualTo("Alice");
        assertThat(scenario.federatedIdentities(user.get("id").asText()))
                .extracting(identity -> identity.path("identityProvider").asText())
                .containsExactly("acme-sso");
        assertThat(scenario.members(acmeId))
                .filteredOn(member -> member.path("id").asText().equals(user.get("id").asText()))
                .extracting(member -> member.path("membershipType").asText())
                .containsExactly("MANAGED");
    }

    @Test
    void userWithoutEmailClaimIsAskedToReviewProfileInsteadOfAnError(Scenario scenario) {
        scenario.idpUser("bob", null, null, "Bob", "Builder");
        int usersBefore = scenario.userCount();

        LoginResult login = scenario.login("acme-sso", "bob");

        assertThat(login.finalStatus()).as("%s", login).isEqualTo(200);
        assertThat(login.formIds()).as("%s", login).contains("kc-idp-review-profile-form");
        assertThat(login.loggedIn()).isFalse();
        assertThat(login.anyServerError()).as("%s", login).isFalse();
        assertThat(scenario.userCount()).isEqualTo(usersBefore);
    }

    @Test
    void reviewProfileInGermanWhenTheBrowserAsksForGerman(Scenario scenario) {
        scenario.idpUser("dora", null, null, "Dora", "Dietrich");

        LoginResult login = scenario.login().acceptLanguage("de").login("acme-sso", "dora");

        assertThat(login.formIds()).as("%s", login).contains("kc-idp-review-profile-form");
        assertThat(login.finalHtml()).contains("lang=\"de\"");
    }

    @Test
    void firstLoginsSplitAtTheBrokerCallbackFinishIndependently(Scenario scenario) {
        scenario.idpUser("carol", "carol@acme.test", true, "Carol", "Clark");
        scenario.idpUser("dave", "dave@acme.test", true, "Dave", "Dunn");
        PendingLogin carol = scenario.login().startUntilBrokerCallback("acme-sso", "carol");
        PendingLogin dave = scenario.login().startUntilBrokerCallback("acme-sso", "dave");
        assertThat(carol.brokerCallbackUrl().getPath()).endsWith("/broker/acme-sso/endpoint");

        CompletableFuture<LoginResult> carolDone = CompletableFuture.supplyAsync(carol::finish);
        CompletableFuture<LoginResult> daveDone = CompletableFuture.supplyAsync(dave::finish);

        assertThat(carolDone.join().loggedIn()).as("%s", carolDone.join()).isTrue();
        assertThat(daveDone.join().loggedIn()).as("%s", daveDone.join()).isTrue();
        assertThat(scenario.userByEmail("carol@acme.test")).isPresent();
        assertThat(scenario.userByEmail("dave@acme.test")).isPresent();
    }

    @Test
    void invitationMailReachesTheSmtpSink(Scenario scenario) {
        scenario.inviteUser(acmeId, "erin@acme.test");

        assertThat(scenario.smtp().messagesTo("erin@acme.test")).hasSize(1);
        assertThat(scenario.smtp().messagesTo("erin@acme.test").get(0).decodedText()).contains("acme");
    }
}
