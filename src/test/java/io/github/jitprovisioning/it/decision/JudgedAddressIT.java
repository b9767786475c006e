package io.github.jitprovisioning.it.decision;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The account ends with the address that was judged: an address edited on Keycloak's Review Profile form is refused
 * and the user just created rolled back; what changes while the form is shown is checked again; a trailing dot is
 * stored normalized instead of sticking on a form; and a domain that IDNA would map to a registered one is refused.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class JudgedAddressIT {

    private static final String REVIEW_FORM = "kc-idp-review-profile-form";

    private static String acmeId;
    private static String globexId;

    @BeforeAll
    static void twoCustomers(Scenario scenario) {
        scenario.createRealmRole("acme-member");
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.default-roles", "acme-member"));
        globexId = scenario.organization("globex", List.of("globex.test"), Map.of());
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("globex-sso", globexId, false);
    }

    /** Runs {@code login} with Keycloak's Review Profile form forced on, then restores Keycloak's default. */
    private static LoginResult withReviewProfile(Scenario scenario, Supplier<LoginResult> login) {
        String previous = scenario.reviewProfile("on");
        try {
            return login.get();
        } finally {
            scenario.reviewProfile(previous);
        }
    }

    @Test
    void emailEditedOnReviewProfileIsRefusedAndTheUserJustCreatedRolledBack(Scenario scenario) {
        scenario.idpUser("rev", "rev@acme.test", true, "Rev", "Editor");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        LoginResult login = withReviewProfile(scenario,
                () -> scenario.login().formField("email", "ceo@globex.test").login("acme-sso", "rev"));

        assertThat(login.trail()).as("the Review Profile form was posted")
                .anyMatch(step -> step.contains(" POST ") && step.contains("first-broker-login"));
        JsonNode event = assertBlocked(scenario, login, "email_changed", before);
        assertThat(event.path("details").path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(login.finalHtml()).contains("id=\"jit-blocked-email-changed\"");
        assertThat(scenario.userByEmail("ceo@globex.test")).isEmpty();
        assertThat(scenario.userByEmail("rev@acme.test")).isEmpty();
        assertThat(scenario.userByUsername("rev")).isEmpty();
    }

    @Test
    void jitTurnedOffWhileTheReviewProfileFormIsShownRefusesAtProvisioning(Scenario scenario) {
        String hooliId = scenario.organization("hooli", List.of("hooli.test"), Map.of());
        scenario.oidcIdp("hooli-sso", hooliId, false);
        scenario.idpUser("gavin", "gavin@hooli.test", true, "Gavin", "Belson");
        Snapshot before = Snapshot.of(scenario, hooliId);

        LoginResult login = withReviewProfile(scenario, () -> scenario.login()
                .beforePosting(REVIEW_FORM, () -> scenario.setOrgAttribute(hooliId, "jit.enabled", "false"))
                .login("hooli-sso", "gavin"));

        JsonNode event = assertBlocked(scenario, login, "jit_disabled", before);
        assertThat(event.path("details").path("organization_id").asText()).isEqualTo(hooliId);
        assertThat(scenario.userByUsername("gavin")).isEmpty();
    }

    @Test
    void idpUnlinkedWhileTheReviewProfileFormIsShownRefusesAtProvisioning(Scenario scenario) {
        String piedId = scenario.organization("piedpiper", List.of("piedpiper.test"), Map.of());
        scenario.oidcIdp("pied-sso", piedId, false);
        scenario.idpUser("richard", "richard@piedpiper.test", true, "Richard", "Hendricks");
        Snapshot before = Snapshot.of(scenario, piedId);

        LoginResult login = withReviewProfile(scenario, () -> scenario.login()
                .beforePosting(REVIEW_FORM, () -> scenario.admin().delete("/" + scenario.appRealm()
                        + "/organizations/" + piedId + "/identity-providers/pied-sso"))
                .login("pied-sso", "richard"));

        assertBlocked(scenario, login, "idp_not_linked", before);
        assertThat(scenario.userByUsername("richard")).isEmpty();
    }

    @ParameterizedTest(name = "review profile {0}")
    @CsvSource({"missing, dot", "on, dotreview"})
    void trailingDotAddressIsStoredNormalizedWithoutAFormTheUserCannotComplete(String reviewProfile, String username,
                                                                              Scenario scenario) {
        scenario.idpUser(username, username + "@Acme.Test.", true, "Trailing", "Dot");

        String previous = scenario.reviewProfile(reviewProfile);
        LoginResult login;
        try {
            login = scenario.login("acme-sso", username);
        } finally {
            scenario.reviewProfile(previous);
        }

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        JsonNode user = scenario.userByUsername(username).orElseThrow();
        assertThat(user.path("email").asText()).isEqualTo(username + "@acme.test");
        String userId = user.get("id").asText();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).contains(userId);
        assertThat(scenario.realmRoleNames(userId)).contains("acme-member");
        // after Review Profile, Keycloak records the request as UPDATE_PROFILE: find the user's JIT event by its details
        assertThat(scenario.events().stream()
                .filter(event -> userId.equals(event.path("userId").asText()))
                .map(event -> event.path("details").path("jit_reason").asText())
                .filter(reason -> !reason.isEmpty()))
                .containsExactly("provisioned");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fullwidth   | fw@\uFF41\uFF43\uFF4D\uFF45.test",
            "ideographic | id@acme\u3002test",
            "sharps      | ss@a\u00DFme.test"
    })
    void domainThatIdnaWouldMapToAnotherStringIsRefused(String username, String email, Scenario scenario) {
        scenario.idpUser(username, email, true, "Look", "Alike");
        Snapshot before = Snapshot.of(scenario, acmeId);

        LoginResult login = scenario.login("acme-sso", username);

        assertBlocked(scenario, login, "invalid_email", before);
    }
}
