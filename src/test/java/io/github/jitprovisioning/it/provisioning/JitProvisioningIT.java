package io.github.jitprovisioning.it.provisioning;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.BlockedLogin;
import io.github.jitprovisioning.it.harness.CompatibilityRecorder;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The heart of JIT on a real server, with the realm's default JIT options: who is provisioned on a first SSO
 * login and who is refused, each through a real brokered login.
 */
@KeycloakIntegrationTest
@Tag("postgres")
@Tag("compatibility")
class JitProvisioningIT {

    private static String acmeId;
    private static String globexId;
    private static String initechId;

    @BeforeAll
    static void twoCustomersAndAWildcardOne(Scenario scenario) {
        scenario.createRealmRole("acme-member");
        scenario.createClientRole(Scenario.APP_CLIENT_ID, "viewer");
        scenario.createGroup("/Customers/Acme");

        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of(
                "jit.default-roles", "acme-member, app.viewer",
                "jit.groups", "/Customers/Acme"));
        globexId = scenario.organization("globex", List.of("globex.test"), Map.of());
        initechId = scenario.organization("initech", List.of("*.initech.test"), Map.of());

        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("acme-trusting-sso", acmeId, true);
        scenario.oidcIdp("globex-sso", globexId, false);
        scenario.oidcIdp("initech-sso", initechId, false);
    }

    @Test
    void verifiedUserOfRegisteredDomainIsProvisionedAsManagedMemberWithGroupsAndRoles(Scenario scenario) {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Anders");

        LoginResult login = scenario.login("acme-sso", "alice");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(login.anyServerError()).isFalse();
        JsonNode user = scenario.userByEmail("alice@acme.test").orElseThrow();
        String userId = user.get("id").asText();
        assertThat(scenario.members(acmeId))
                .filteredOn(member -> member.path("id").asText().equals(userId))
                .extracting(member -> member.path("membershipType").asText())
                .containsExactly("MANAGED");
        assertThat(scenario.groupPaths(userId)).containsExactly("/Customers/Acme");
        assertThat(scenario.realmRoleNames(userId)).contains("acme-member");
        assertThat(scenario.clientRoleNames(userId, Scenario.APP_CLIENT_ID)).containsExactly("viewer");
        assertThat(scenario.federatedIdentities(userId))
                .extracting(identity -> identity.path("identityProvider").asText())
                .containsExactly("acme-sso");

        JsonNode token = login.accessToken();
        assertThat(token.path("realm_access").path("roles").toString()).contains("\"acme-member\"");
        assertThat(token.path("resource_access").path(Scenario.APP_CLIENT_ID).path("roles").toString())
                .contains("\"viewer\"");
        assertThat(token.path("organization").toString()).contains("acme");
    }

    @Test
    void provisioningIsRecordedOnTheFirstLoginEvent(Scenario scenario) {
        scenario.idpUser("amber", "amber@acme.test", true, "Amber", "Ames");

        LoginResult login = scenario.login("acme-sso", "amber");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("amber@acme.test").orElseThrow().get("id").asText();
        JsonNode event = scenario.firstLoginEvent(userId);
        JsonNode details = event.path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("provisioned");
        assertThat(details.path("jit_reason").asText()).isEqualTo("provisioned");
        assertThat(details.path("organization").asText()).isEqualTo("acme");
        assertThat(details.path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(details.path("identity_provider").asText()).isEqualTo("acme-sso");
        assertThat(details.path("email_domain").asText()).isEqualTo("acme.test");
        assertThat(details.path("jit_roles").asText()).isEqualTo("acme-member,app.viewer");
        assertThat(details.path("jit_groups").asText()).isEqualTo("/Customers/Acme");
        assertThat(details.path("jit_reference").asText()).matches("JIT-[0-9A-Z]{8}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "upper, BOB@ACME.TEST",
            "mixed, Carla.Clark@Acme.Test"
    })
    void upperOrMixedCaseAddressOfRegisteredDomainIsProvisioned(String username, String email, Scenario scenario) {
        scenario.idpUser(username, email, true, "Case", "Test");

        LoginResult login = scenario.login("acme-sso", username);

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        JsonNode user = scenario.userByUsername(username).orElseThrow();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).contains(user.get("id").asText());
    }

    @Test
    void contractorOnSubdomainIsBlocked(Scenario scenario) {
        scenario.idpUser("joe", "joe@ext.acme.test", true, "Joe", "Contractor");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        LoginResult login = scenario.login("acme-sso", "joe");

        JsonNode event = assertBlocked(scenario, login, "domain_not_registered", before);
        assertThat(event.path("details").path("email_domain").asText()).isEqualTo("ext.acme.test");
    }

    @Test
    void subdomainIsProvisionedWhereTheOrganizationRegisteredAWildcard(Scenario scenario) {
        // Keycloak 26.5 has no wildcard organization domains (26.6 added them): there the user is refused cleanly
        org.junit.jupiter.api.Assumptions.assumeTrue(
                CompatibilityRecorder.compareVersions(System.getProperty("keycloak.version", "26.7.3"), "26.6") >= 0,
                "no wildcard organization domains before Keycloak 26.6");
        scenario.idpUser("peter", "peter@ext.initech.test", true, "Peter", "Gibbons");

        LoginResult login = scenario.login("initech-sso", "peter");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(scenario.members(initechId)).extracting(m -> m.path("username").asText()).contains("peter");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "suffix     | eve@evilacme.test             | domain_not_registered",
            "prefix     | eve@acme.test.evil.test       | domain_not_registered",
            "hyphen     | eve@acme-test.test            | domain_not_registered",
            "homoglyph  | eve@\u0430cme.test            | domain_not_registered",
            "twoats     | eve@evil.test@acme.test       | invalid_email",
            "quoted     | '\"eve\"@acme.test'           | invalid_email",
            "quotedat   | '\"eve@evil.test\"@acme.test' | invalid_email",
            "spaces     | ' eve@acme.test'              | invalid_email"
    })
    void lookAlikeAddressesAreBlockedAndLeaveNoUserBehind(String username, String email, String reason,
                                                         Scenario scenario) {
        scenario.idpUser("eve-" + username, email, true, "Eve", "Lookalike");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        LoginResult login = scenario.login("acme-sso", "eve-" + username);

        assertBlocked(scenario, login, reason, before);
    }

    @Test
    void idpOfOneOrganizationCannotProvisionUsersOfAnothersDomain(Scenario scenario) {
        scenario.idpUser("mallory", "mallory@globex.test", true, "Mallory", "Cross");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        LoginResult login = scenario.login("acme-sso", "mallory");

        JsonNode event = assertBlocked(scenario, login, "idp_not_linked", before);
        assertThat(event.path("details").path("identity_provider").asText()).isEqualTo("acme-sso");
    }

    @Test
    void unverifiedEmailIsBlocked(Scenario scenario) {
        scenario.idpUser("ursula", "ursula@acme.test", false, "Ursula", "Unverified");
        Snapshot before = Snapshot.of(scenario, acmeId);

        LoginResult login = scenario.login("acme-sso", "ursula");

        assertBlocked(scenario, login, "email_not_verified", before);
    }

    @Test
    void emailWithoutVerifiedClaimIsBlocked(Scenario scenario) {
        scenario.idpUser("victor", "victor@acme.test", null, "Victor", "Noclaim");
        Snapshot before = Snapshot.of(scenario, acmeId);

        LoginResult login = scenario.login("acme-sso", "victor");

        assertBlocked(scenario, login, "email_not_verified", before);
    }

    @Test
    void unverifiedEmailIsProvisionedThroughAnIdpWithTrustEmailOn(Scenario scenario) {
        scenario.idpUser("trudy", "trudy@acme.test", false, "Trudy", "Trusted");

        LoginResult login = scenario.login("acme-trusting-sso", "trudy");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("username").asText()).contains("trudy");
    }

    @Test
    void missingEmailClaimShowsTheBlockPageNotAnError(Scenario scenario) {
        scenario.idpUser("nomail", null, null, "No", "Mail");
        Snapshot before = Snapshot.of(scenario, acmeId);

        LoginResult login = scenario.login("acme-sso", "nomail");

        assertBlocked(scenario, login, "missing_email", before);
    }

    @Test
    void existingKeycloakUserWithTheSameEmailIsNotLinkedAutomatically(Scenario scenario) {
        scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of(
                "username", "erin-local", "email", "erin@acme.test", "enabled", true,
                "firstName", "Erin", "lastName", "Local"));
        String localId = scenario.userByUsername("erin-local").orElseThrow().get("id").asText();
        scenario.idpUser("erin", "erin@acme.test", true, "Erin", "Remote");
        Snapshot before = Snapshot.of(scenario, acmeId);

        LoginResult login = scenario.login().stopAtForm("kc-register-form").login("acme-sso", "erin");

        assertThat(login.loggedIn()).as("%s", login).isFalse();
        assertThat(login.anyServerError()).as("%s", login).isFalse();
        assertThat(login.finalStatus()).as("%s", login).isEqualTo(200);
        assertThat(login.formIds()).as("Keycloak's own confirm-link page, %s", login).contains("kc-register-form");
        assertThat(login.finalHtml()).contains("linkAccount");
        assertThat(scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN"))
                .extracting(e -> e.path("details").path("jit_reason").asText())
                .contains("existing_account");
        assertThat(scenario.federatedIdentities(localId)).isEmpty();
        before.assertNothingCreated();
    }

    @Test
    void blockPageIsLocalizedAndNamesNoOrganizationOrDomain(Scenario scenario) {
        scenario.idpUser("klaus", "klaus@globex.test", true, "Klaus", "Kreuz");

        LoginResult german = scenario.login().acceptLanguage("de").login("acme-sso", "klaus");
        LoginResult french = scenario.login().acceptLanguage("fr").login("acme-sso", "klaus");
        LoginResult english = scenario.login().acceptLanguage("en").login("acme-sso", "klaus");

        assertThat(german.finalHtml()).contains("Automatischer Zugang nicht verfügbar", "Einladung");
        assertThat(french.finalHtml()).contains("Accès automatique indisponible", "invitation");
        assertThat(english.finalHtml()).contains("Automatic access is not available", "invitation");
        for (LoginResult page : List.of(german, french, english)) {
            String reference = BlockedLogin.reference(page);
            assertThat(BlockedLogin.event(scenario, reference).path("details").path("jit_reason").asText())
                    .isEqualTo("idp_not_linked");
            assertThat(page.finalHtml().toLowerCase())
                    .doesNotContain("acme", "globex", "initech");
        }
    }
}
