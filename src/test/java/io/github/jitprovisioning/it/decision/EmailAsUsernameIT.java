package io.github.jitprovisioning.it.decision;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * A realm that uses the email as username, with identity providers that carry Keycloak's username-template mapper:
 * the mapper's username ({@code alice}) is not the one Keycloak creates ({@code alice@acme.test}). An existing user
 * named like the mapper's username must not turn the login into an "existing account" that skips rules 8 and 9:
 * whatever username Keycloak finally creates, an organization with JIT off or disabled gets no new user, and an
 * admitted one gets its membership.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class EmailAsUsernameIT {

    private static String acmeId;
    private static String initrodeId;
    private static String hooliId;

    @BeforeAll
    static void emailAsUsernameRealmWithUsernameTemplateMappers(Scenario scenario) {
        // users created before the realm switched to email as username, named like what the IdPs' username mapper
        // makes of their users
        for (String name : List.of("alice", "ivan", "hank")) {
            scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of(
                    "username", name, "email", name + "@elsewhere.test", "enabled", true,
                    "firstName", name, "lastName", "Earlier"));
        }
        scenario.admin().put("/" + scenario.appRealm(), Map.of("registrationEmailAsUsername", true));
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.enabled", "false"));
        initrodeId = scenario.organization("initrode", List.of("initrode.test"), Map.of());
        hooliId = scenario.organization("hooli", List.of("hooli.test"), Map.of());
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("hooli-sso", hooliId, false);
        // Keycloak hides the IdPs of a disabled organization: a shared IdP (match by domain) reaches rule 8
        scenario.jitConfig(Map.of("jit.unlinked-idps", "match-by-domain"));
        scenario.oidcIdp("workspace", null, false);
        for (String alias : List.of("acme-sso", "hooli-sso", "workspace")) {
            usernameTemplateMapper(scenario, alias);
        }
        scenario.disableOrganization(initrodeId);
    }

    /** Keycloak's "Username Template Importer": the new user's username is the IdP's preferred_username as it is. */
    private static void usernameTemplateMapper(Scenario scenario, String alias) {
        scenario.admin().post("/" + scenario.appRealm() + "/identity-provider/instances/" + alias + "/mappers", Map.of(
                "name", "username", "identityProviderAlias", alias, "identityProviderMapper", "oidc-username-idp-mapper",
                "config", Map.of("template", "${CLAIM.preferred_username}", "target", "LOCAL", "syncMode", "INHERIT")));
    }

    @Test
    void organizationWithJitOffGetsNoUserWhenTheMappersUsernameBelongsToSomeoneElse(Scenario scenario) {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Acme");
        Snapshot before = Snapshot.of(scenario, acmeId);

        LoginResult login = scenario.login("acme-sso", "alice");

        assertBlocked(scenario, login, "jit_disabled", before);
        assertThat(scenario.userByUsername("alice@acme.test")).isEmpty();
        assertThat(scenario.userByEmail("alice@acme.test")).isEmpty();
    }

    @Test
    void disabledOrganizationGetsNoUserWhenTheMappersUsernameBelongsToSomeoneElse(Scenario scenario) {
        scenario.idpUser("ivan", "ivan@initrode.test", true, "Ivan", "Initrode");
        Snapshot before = Snapshot.of(scenario, initrodeId);

        LoginResult login = scenario.login("workspace", "ivan");

        assertBlocked(scenario, login, "organization_disabled", before);
        assertThat(scenario.userByEmail("ivan@initrode.test")).isEmpty();
    }

    @Test
    void admittedUserIsCreatedUnderTheEmailWithItsMembershipDespiteTheMappersTakenUsername(Scenario scenario) {
        scenario.idpUser("hank", "hank@hooli.test", true, "Hank", "Hooli");

        LoginResult login = scenario.login("hooli-sso", "hank");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        JsonNode user = scenario.userByEmail("hank@hooli.test").orElseThrow();
        assertThat(user.get("username").asText()).isEqualTo("hank@hooli.test");
        String userId = user.get("id").asText();
        assertThat(scenario.members(hooliId)).extracting(m -> m.path("id").asText()).contains(userId);
        assertThat(scenario.firstLoginEvent(userId).path("details").path("jit_reason").asText()).isEqualTo("provisioned");
        assertThat(scenario.federatedIdentities(scenario.userByUsername("hank").orElseThrow().get("id").asText()))
                .as("the earlier user named hank is untouched").isEmpty();
    }

    @Test
    void userThatKeycloakCreatesAfterReviewProfileOnItsLinkPageIsStillJudgedByRulesEightAndNine(Scenario scenario) {
        scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of(
                "username", "carla@acme.test", "email", "carla@acme.test", "enabled", true,
                "firstName", "Carla", "lastName", "Earlier"));
        String carlaId = scenario.userByEmail("carla@acme.test").orElseThrow().get("id").asText();
        scenario.idpUser("carla", "carla@acme.test", true, "Carla", "Acme");
        Snapshot before = Snapshot.of(scenario, acmeId);

        // on Keycloak's "account already exists" page the person chooses "Review profile" instead of linking, and
        // gives another address there: Keycloak then creates a new user, of an organization with JIT off
        LoginResult login = scenario.login().formField("submitAction", "updateProfile")
                .formField("email", "carla.new@acme.test").login("acme-sso", "carla");

        assertBlocked(scenario, login, "jit_disabled", before);
        assertThat(scenario.userByEmail("carla.new@acme.test")).isEmpty();
        assertThat(scenario.federatedIdentities(carlaId)).isEmpty();
    }
}
