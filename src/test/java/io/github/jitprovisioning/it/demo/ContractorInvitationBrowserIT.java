package io.github.jitprovisioning.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.github.jitprovisioning.it.harness.AdminApi;
import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.KeycloakServer;
import io.github.jitprovisioning.it.harness.MailboxMail;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.SmtpSink;

/**
 * The demo's contractor walk in headless Chromium, on the demo's own realms ({@code docker/realms/}, imported as
 * {@link DemoSignInBrowserIT} does, with the demo's mail sink as the realm's SMTP server, as {@link DemoServer}
 * configures it): Acme's IT admin invites {@code carol@ext.acme.test} in the portal; Carol signs in through Acme SSO,
 * whose link to Acme is bound to the domain {@code acme.test}; {@code ext.acme.test} belongs to no organization, so
 * she proves her mailbox: she reads the mail and opens its link in the same browser, and lands signed in, a member of
 * Acme, without Keycloak's "Update Account Information" form. A link opened in another browser gets a clear page.
 *
 * <p>{@code PortalBrowserIT} never met the form: its IdP link has no domain set, so Keycloak's organization
 * email-domain validation had nothing to hold Carol to. This test uses the demo's configuration itself.
 */
@KeycloakIntegrationTest
@DisabledIfSystemProperty(named = "jit.it.backend", matches = "testcontainers",
        disabledReason = "the browser reaches the distribution's ports; the container run repeats nothing browser-specific")
@DisabledIfSystemProperty(named = "jit.it.db", matches = "postgres", disabledReason = "the pages do not depend on the database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractorInvitationBrowserIT {

    private static final String CAROL = "carol@ext.acme.test";
    private static final By USERNAME = By.id("username");
    private static final By PASSWORD = By.id("password");
    private static final By SUBMIT = By.cssSelector("#kc-form-login [type=submit], #kc-login");
    private static final String UPDATE_PROFILE_ERROR = "Email domain does not match any domain from the organization";

    private KeycloakServer server;
    private SmtpSink mail;
    private Path screenshots;
    private String acmeId;

    @BeforeAll
    void importDemoRealmsWithTheDemosMailSink(KeycloakServer server) throws IOException {
        String skip = Browser.skipReason();
        Assumptions.assumeTrue(skip == null, skip);
        this.server = server;
        this.screenshots = Path.of(System.getProperty("jit.screenshots.dir", "target/screenshots"));
        DemoServer.importRealms(server);
        acmeId = DemoServer.acmeId(server.admin());
        DemoServer.preparePortal(server.admin());
        mail = SmtpSink.start();
        server.admin().put("/demo", Map.of("smtpServer", Map.of("host", server.hostReachingLocalPort(mail.port()),
                "port", String.valueOf(mail.port()), "from", "noreply@demo.test", "fromDisplayName", "Demo")));
    }

    @AfterAll
    void removeDemoRealms() {
        if (server != null) {
            DemoServer.removeRealms(server);
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    @Order(1)
    void acmesAdminInvitesCarolInThePortal() {
        String portal = server.baseUrl() + "/realms/demo/jit-portal/";
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(portal + "?idp=acme-sso");
            browser.type(USERNAME, "acme-admin").type(PASSWORD, "password").click(SUBMIT);
            browser.awaitUrl(portal);
            browser.click(By.id("jit-tab-invitations"));
            browser.await(By.cssSelector("#jit-section[aria-labelledby='jit-tab-invitations'] > *"));
            browser.type(By.id("jit-invite-email"), CAROL).click(By.cssSelector("#jit-invite-form button"));
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("jit-notice"), "Saved."), "Saved");
            assertThat(browser.text(By.id("jit-section"))).contains(CAROL).contains("pending");
        }
        assertThat(invitations()).contains(CAROL);
    }

    @Test
    @Order(2)
    void carolsLinkOpenedInAnotherBrowserGetsAClearPageAndCreatesNothing() {
        try (Browser carol = Browser.start(Locale.ENGLISH); Browser other = Browser.start(Locale.ENGLISH)) {
            signInAsCarolUntilTheMailboxPage(carol);
            other.open(MailboxMail.latestLink(mail, CAROL).toString());
            other.await(By.id("jit-mailbox-link"));
            assertThat(other.text(By.id("kc-page-title"))).isEqualTo("Open the link in the browser where you signed in");
            assertThat(other.text(By.id("jit-mailbox-link-message"))).contains("started in another browser");
            other.screenshot(screenshots.resolve("contractor-03-link-in-another-browser.png"));
        }
        assertThat(users(CAROL)).as("nothing is created before the mailbox is proven").isEmpty();
        assertThat(invitations()).contains(CAROL);
    }

    @Test
    @Order(3)
    void carolSignsInThroughAcmeSsoProvesHerMailboxAndLandsSignedInAsAMemberOfAcme() {
        int mailsBefore = MailboxMail.mails(mail, CAROL).size();
        try (Browser carol = Browser.start(Locale.ENGLISH)) {
            signInAsCarolUntilTheMailboxPage(carol);
            carol.screenshot(screenshots.resolve("contractor-01-check-your-mail.png"));
            assertThat(MailboxMail.mails(mail, CAROL)).as("one mail for this sign-in").hasSize(mailsBefore + 1);
            URI link = MailboxMail.latestLink(mail, CAROL);

            carol.open(link.toString());
            carol.awaitUrl(server.baseUrl() + "/realms/demo/account");
            carol.waitFor(d -> CAROL.equals(d.findElement(By.id("email")).getDomProperty("value")),
                    "Carol's email in the account console");
            assertThat(carol.text()).doesNotContain(UPDATE_PROFILE_ERROR).doesNotContain("Update Account Information");
            carol.screenshot(screenshots.resolve("contractor-02-account-carol.png"));
        }
        List<JsonNode> carol = users(CAROL);
        assertThat(carol).hasSize(1);
        JsonNode organizations = server.admin().get("/demo/organizations/members/" + carol.get(0).get("id").asText() + "/organizations");
        assertThat(organizations).extracting(o -> o.get("alias").asText()).containsExactly("acme");
        assertThat(invitations()).as("the invitation is used up").doesNotContain(CAROL);
        JsonNode event = Scenario.list(server.admin().get("/demo/events?type=IDENTITY_PROVIDER_FIRST_LOGIN&user="
                + carol.get(0).get("id").asText())).get(0);
        assertThat(event.path("details").path("jit_outcome").asText()).isEqualTo("invited");
        assertThat(event.path("details").path("jit_mailbox_proof").asText()).isEqualTo("proven");

        // and her next sign-in goes straight through: no form on the way
        try (Browser again = Browser.start(Locale.ENGLISH)) {
            again.open(server.baseUrl() + "/realms/demo/account");
            again.type(USERNAME, CAROL).click(SUBMIT);
            again.click(By.id("social-acme-sso"));
            again.awaitUrl(server.baseUrl() + "/realms/enterprise-idp/");
            again.type(USERNAME, "carol").type(PASSWORD, "password").click(SUBMIT);
            again.awaitUrl(server.baseUrl() + "/realms/demo/account");
            again.waitFor(d -> CAROL.equals(d.findElement(By.id("email")).getDomProperty("value")), "Carol signed in again");
        }
    }

    /**
     * Keycloak's own invitation mail was sent to the invited address too: a person who follows it, goes back to the
     * sign-in and signs in through Acme SSO has proven the mailbox already and is not asked again.
     */
    @Test
    @Order(4)
    void anInviteeWhoCameThroughKeycloaksInvitationLinkIsNotAskedAgain() {
        String ivy = "ivy@freelance.test";
        IdpUsers.create(server, "ivy", ivy);
        assertThat(server.admin().postForm("/demo/organizations/" + acmeId + "/members/invite-user", Map.of("email", ivy))
                .status()).isEqualTo(204);
        SmtpSink.Message invitation = mail.messagesTo(ivy).get(0);
        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("https?://[^\\s\"<>]+/protocol/openid-connect/registrations\\?[^\\s\"<>]+")
                .matcher(invitation.decodedText());
        assertThat(link.find()).as("Keycloak's invitation link in %s", invitation.data()).isTrue();
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            // the HTML part of Keycloak's mail escapes the link's '=' and '&'
            browser.open(link.group().replace("&#61;", "=").replace("&amp;", "&"));
            browser.click(By.cssSelector("a[href*='login-actions/authenticate']"));
            browser.await(By.cssSelector("#username, #social-acme-sso"));
            if (browser.has(USERNAME)) {
                // identity-first: the address first; the invitation already named the organization
                browser.type(USERNAME, ivy).click(SUBMIT);
            }
            browser.click(By.id("social-acme-sso"));
            browser.awaitUrl(server.baseUrl() + "/realms/enterprise-idp/");
            browser.type(USERNAME, "ivy").type(PASSWORD, "password").click(SUBMIT);
            browser.waitFor(d -> d.getCurrentUrl().startsWith(server.baseUrl() + "/realms/demo/account"),
                    "Ivy signed in, without the mailbox page: " + browser.url());
            assertThat(browser.has(By.id("jit-mailbox"))).isFalse();
        }
        assertThat(MailboxMail.mails(mail, ivy)).as("no mailbox-proof mail").isEmpty();
        List<JsonNode> users = users(ivy);
        assertThat(users).hasSize(1);
        JsonNode event = Scenario.list(server.admin().get("/demo/events?type=IDENTITY_PROVIDER_FIRST_LOGIN&user="
                + users.get(0).get("id").asText())).get(0);
        assertThat(event.path("details").path("jit_outcome").asText()).isEqualTo("invited");
        assertThat(event.path("details").path("jit_mailbox_proof").asText()).isEqualTo("invitation_link");
    }

    /** A user of the demo's enterprise IdP, with a verified address. */
    private static final class IdpUsers {
        static void create(KeycloakServer server, String username, String email) {
            server.admin().post("/enterprise-idp/users", Map.of("username", username, "email", email,
                    "emailVerified", true, "enabled", true, "firstName", "Ivy", "lastName", "Freelance",
                    "credentials", List.of(Map.of("type", "password", "value", "password", "temporary", false))));
        }
    }

    /** The demo's printed walk: type the address, choose Acme SSO, sign in as carol, and meet "check your mail". */
    private void signInAsCarolUntilTheMailboxPage(Browser browser) {
        browser.open(server.baseUrl() + "/realms/demo/account");
        browser.type(USERNAME, CAROL).click(SUBMIT);
        browser.click(By.id("social-acme-sso"));
        browser.awaitUrl(server.baseUrl() + "/realms/enterprise-idp/");
        browser.type(USERNAME, "carol").type(PASSWORD, "password").click(SUBMIT);
        browser.await(By.id("jit-mailbox"));
        assertThat(browser.text(By.id("kc-page-title"))).isEqualTo("Confirm your email address");
        assertThat(browser.text(By.id("jit-mailbox-sent"))).contains(CAROL).contains("15 minutes");
        assertThat(browser.text()).doesNotContain(UPDATE_PROFILE_ERROR);
    }

    private List<String> invitations() {
        return Scenario.list(server.admin().get("/demo/organizations/" + acmeId + "/invitations")).stream()
                .map(i -> i.path("email").asText()).toList();
    }

    private List<JsonNode> users(String email) {
        return Scenario.list(server.admin().get("/demo/users?exact=true&email=" + AdminApi.enc(email)));
    }
}
