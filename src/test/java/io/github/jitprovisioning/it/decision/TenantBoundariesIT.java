package io.github.jitprovisioning.it.decision;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * What one tenant cannot do to another, tried as an attacker would through real brokered logins. Acme's admin cannot
 * use an invitation to vouch for an address of a domain that another organization registered (Globex's verified
 * {@code globex.test}, Initech's unverified {@code *.initech.test}): Acme's IdP asserting it is refused
 * {@code domain_of_another_organization}, the invitation stays pending, and the portal refuses to create such an
 * invitation. Globex's IdP cannot bring the username of an Acme user to Keycloak's link steps: refused
 * {@code username_taken}, with no "already exists" page, no link mail and no link, unless that account is a member of
 * Globex.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class TenantBoundariesIT {

    private static String acmeId;
    private static String globexId;
    private static String initechId;
    private static String acmeAdminToken;

    @BeforeAll
    static void threeCustomers(Scenario scenario) {
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        globexId = PortalFixture.customer(scenario, "globex", "globex.test");
        initechId = scenario.organization("initech", List.of("*.initech.test"), Map.of());
        scenario.smtp();
        scenario.admin().put("/" + scenario.appRealm() + "/jit/portal-client", null);
        PortalFixture.portalAudience(scenario, Scenario.APP_CLIENT_ID); // the admin's app token is for the portal too
        LoginResult acmeAdmin = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@acme.test");
        acmeAdminToken = acmeAdmin.tokenResponse().get("access_token").asText();
        PortalFixture.makeAdmin(scenario, acmeId, acmeAdmin.accessToken().get("sub").asText());
    }

    private static List<String> pendingInvitations(Scenario scenario, String orgId) {
        return Scenario.list(scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + orgId + "/invitations"))
                .stream().map(invitation -> invitation.path("email").asText()).toList();
    }

    private static PortalHttp acmeAdmin(Scenario scenario) {
        return PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), acmeAdminToken);
    }

    private static String acme(String path) {
        return "api/organizations/" + acmeId + "/" + path;
    }

    @Test
    void invitationOfAnotherOrganizationsAddressNeverAdmitsThroughTheInvitingOrganizationsIdp(Scenario scenario) {
        // Acme's admin invites Globex's CEO through Keycloak's own admin API (the portal would refuse, see below)
        assertThat(scenario.inviteUser(acmeId, "ceo@globex.test").status()).isEqualTo(204);
        scenario.idpUser("ceo-at-acme", "ceo@globex.test", true, "Fake", "Ceo");
        HttpResult simulated = scenario.admin().send("POST", "/" + scenario.appRealm() + "/jit/simulate",
                Map.of("identityProvider", "acme-sso", "email", "ceo@globex.test", "emailVerified", true));
        assertThat(simulated.json().path("reason").asText()).as(simulated.body()).isEqualTo("domain_of_another_organization");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        LoginResult throughAcme = scenario.login("acme-sso", "ceo-at-acme");

        JsonNode event = assertBlocked(scenario, throughAcme, "domain_of_another_organization", before);
        assertThat(event.path("details").path("organization_id").asText()).as("the inviting organization").isEqualTo(acmeId);
        assertThat(event.path("details").path("email_domain").asText()).isEqualTo("globex.test");
        assertThat(throughAcme.finalHtml()).doesNotContain("globex");
        assertThat(scenario.userByEmail("ceo@globex.test")).isEmpty();
        assertThat(pendingInvitations(scenario, acmeId)).as("the invitation stays pending").contains("ceo@globex.test");

        // Acme's decision log says what to do about it
        JsonNode decisions = acmeAdmin(scenario)
                .get(acme("decisions?reference=" + event.path("details").path("jit_reference").asText())).json();
        assertThat(decisions.get("decisions")).singleElement().satisfies(decision -> {
            assertThat(decision.get("reason").asText()).isEqualTo("domain_of_another_organization");
            assertThat(decision.get("advice").asText()).isEqualTo("other_organizations_domain");
            assertThat(decision.get("action").asText()).isEqualTo("invitations");
        });

        // the real CEO signs in through Globex's IdP and lands in Globex only, not in an account Acme's IdP reaches
        scenario.idpUser("ceo", "ceo@globex.test", true, "Real", "Ceo");
        LoginResult throughGlobex = scenario.login("globex-sso", "ceo");
        assertThat(throughGlobex.loggedIn()).as("%s", throughGlobex).isTrue();
        String ceoId = scenario.userByEmail("ceo@globex.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(globexId)).extracting(m -> m.path("id").asText()).contains(ceoId);
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).doesNotContain(ceoId);
        assertThat(scenario.federatedIdentities(ceoId)).extracting(link -> link.path("identityProvider").asText())
                .containsExactly("globex-sso");
    }

    @Test
    void invitationOfAnAddressUnderAnotherOrganizationsUnverifiedWildcardDomainNeverAdmits(Scenario scenario) {
        assertThat(scenario.inviteUser(acmeId, "pat@eu.initech.test").status()).isEqualTo(204);
        scenario.idpUser("pat-at-acme", "pat@eu.initech.test", true, "Pat", "Initech");
        Snapshot before = Snapshot.of(scenario, acmeId, initechId);

        LoginResult login = scenario.login("acme-sso", "pat-at-acme");

        assertBlocked(scenario, login, "domain_of_another_organization", before);
        assertThat(pendingInvitations(scenario, acmeId)).contains("pat@eu.initech.test");
    }

    @Test
    void portalRefusesToInviteAnAddressOfAnotherOrganizationsDomainAndSaysWhy(Scenario scenario) {
        String before = PortalFixture.snapshot(scenario, acmeId);
        for (String address : List.of("cfo@globex.test", " CFO@Globex.Test ", "kim@eu.initech.test")) {
            HttpResult refused = acmeAdmin(scenario).send("POST", acme("invitations"), Map.of("email", address));

            assertThat(refused.status()).as("%s: %s", address, refused.body()).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("domain_of_another_organization");
            assertThat(refused.json().get("message").asText()).contains("another organization");
            assertThat(refused.body()).doesNotContain("globex\"", "initech\"", globexId, initechId);
        }
        assertThat(PortalFixture.snapshot(scenario, acmeId)).as("nothing changed").isEqualTo(before);
        assertThat(scenario.smtp().messagesTo("cfo@globex.test")).as("no invitation mail").isEmpty();
        assertThat(scenario.smtp().messagesTo("kim@eu.initech.test")).isEmpty();

        // the organization's own domain and a domain that nobody registered can still be invited
        for (String address : List.of("new@acme.test", "dora@contractor.test")) {
            HttpResult invited = acmeAdmin(scenario).send("POST", acme("invitations"), Map.of("email", address));
            assertThat(invited.status()).as("%s: %s", address, invited.body()).isEqualTo(201);
        }
        assertThat(pendingInvitations(scenario, acmeId)).contains("new@acme.test", "dora@contractor.test");
    }

    @Test
    void portalPageSaysWhyAnAddressOfAnotherOrganizationsDomainCannotBeInvited(Scenario scenario) {
        assumeTrue(Browser.skipReason() == null, Browser.skipReason());
        String portal = scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/jit-portal/";
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(portal + "?idp=acme-sso");
            browser.type(By.id("username"), "acme-admin").type(By.id("password"), Scenario.IDP_PASSWORD).click(By.id("kc-login"));
            browser.awaitUrl(portal);
            browser.click(By.id("jit-tab-invitations"));
            assertThat(browser.await(By.id("jit-invite-other-organizations")).getText())
                    .isEqualTo("Addresses of a domain that another organization registered cannot be invited.");

            browser.type(By.id("jit-invite-email"), "cto@globex.test").click(By.cssSelector("#jit-invite-form button"));

            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("jit-notice"),
                    "This address belongs to a domain that another organization registered."), "the refusal");
            assertThat(browser.text(By.id("jit-notice"))).contains("that person signs in through their own organization")
                    .doesNotContain("Something went wrong")
                    .doesNotContain("globex");
            assertThat(browser.text(By.id("jit-section"))).doesNotContain("cto@globex.test");
            browser.screenshot(Path.of("target", "portal-screenshots", "portal-invitation-refused.png"));
        }
        assertThat(pendingInvitations(scenario, acmeId)).doesNotContain("cto@globex.test");
        assertThat(scenario.smtp().messagesTo("cto@globex.test")).isEmpty();
    }

    @Test
    void usernameOfAnotherTenantsAccountGetsNoAccountExistsPageNoLinkMailAndNoLink(Scenario scenario) {
        String bobId = existingUser(scenario, "bob", "bob@acme.test", acmeId);
        scenario.idpUser("bob", "x@globex.test", true, "Not", "Bob");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);
        int mailsBefore = scenario.smtp().messagesTo("bob@acme.test").size();

        // a browser that would click "Add to existing account" on Keycloak's confirm-link page
        LoginResult login = scenario.login().formField("submitAction", "linkAccount").login("globex-sso", "bob");

        JsonNode event = assertBlocked(scenario, login, "username_taken", before);
        assertThat(event.path("details").path("organization_id").asText()).as("the IdP's organization").isEqualTo(globexId);
        assertThat(login.finalHtml()).doesNotContain("linkAccount", "already exists", "bob@acme.test");
        assertThat(scenario.smtp().messagesTo("bob@acme.test")).as("no link mail to the real Bob").hasSize(mailsBefore);
        assertThat(scenario.federatedIdentities(bobId)).isEmpty();
        assertThat(scenario.members(globexId)).extracting(m -> m.path("id").asText()).doesNotContain(bobId);
        assertThat(scenario.userByEmail("x@globex.test")).isEmpty();

        JsonNode simulated = scenario.admin().send("POST", "/" + scenario.appRealm() + "/jit/simulate", Map.of(
                "identityProvider", "globex-sso", "email", "x@globex.test", "emailVerified", true, "username", "bob")).json();
        assertThat(simulated.path("reason").asText()).isEqualTo("username_taken");
    }

    @Test
    void usernameOfAMemberOfTheIdpsOwnOrganizationStillReachesKeycloaksLinkSteps(Scenario scenario) {
        String ginaId = existingUser(scenario, "gina", "gina@home.test", globexId);
        scenario.idpUser("gina", "gina@globex.test", true, "Gina", "Globex");
        Snapshot before = Snapshot.of(scenario, globexId);

        LoginResult login = scenario.login().stopAtForm("kc-register-form").login("globex-sso", "gina");

        assertThat(login.anyServerError()).as("%s", login).isFalse();
        assertThat(login.formIds()).as("Keycloak's own confirm-link page, %s", login).contains("kc-register-form");
        assertThat(scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN"))
                .extracting(e -> e.path("details").path("jit_reason").asText())
                .contains("existing_account");
        assertThat(scenario.federatedIdentities(ginaId)).isEmpty();
        before.assertNothingCreated();
    }

    /** A user created by an administrator, with a password-less account, a member of {@code orgId}. */
    private static String existingUser(Scenario scenario, String username, String email, String orgId) {
        scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of(
                "username", username, "email", email, "enabled", true, "emailVerified", true,
                "firstName", username, "lastName", "Existing"));
        String id = scenario.userByUsername(username).orElseThrow().get("id").asText();
        scenario.admin().post("/" + scenario.appRealm() + "/organizations/" + orgId + "/members", id);
        return id;
    }
}
