package io.github.jitprovisioning.it.invitations;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.BrokeredLogin;
import io.github.jitprovisioning.it.harness.HtmlForms;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MailboxMail;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.SmtpSink;

/**
 * SPEC rule 5, third branch: an invitation of an address of a domain that no organization owns admits only once the
 * person proves the mailbox in this sign-in. Acme (domain {@code acme.test}) invites contractors of
 * {@code contractor.test}, which no organization registered; Acme's IdP asserts their address with
 * {@code email_verified=true}. The realm allows one resend and one-minute links, so that expiry can be shown.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class InvitationMailboxProofIT {

    private static final int LINK_MINUTES = 1;
    private static final HttpClient OTHER_BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String acmeId;

    @BeforeAll
    static void acmeInvitesContractors(Scenario scenario) {
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of());
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.jitConfig(Map.of("jit.mailbox-proof-link-minutes", String.valueOf(LINK_MINUTES),
                "jit.mailbox-proof-resends", "1"));
        scenario.smtp();
    }

    private static List<String> pendingInvitations(Scenario scenario) {
        return Scenario.list(scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + acmeId + "/invitations"))
                .stream().map(invitation -> invitation.path("email").asText()).toList();
    }

    private static BrokeredLogin.PausedLogin invitedAndAtTheMailboxPage(Scenario scenario, String name) {
        String address = name + "@contractor.test";
        assertThat(scenario.inviteUser(acmeId, address).status()).isEqualTo(204);
        scenario.idpUser(name, address, true, name, "Contractor");
        return scenario.login().startUntilForm("acme-sso", name, MailboxMail.FORM);
    }

    private static void assertNothingFor(Scenario scenario, String address, Snapshot before) {
        before.assertNothingCreated();
        assertThat(scenario.userByEmail(address)).as("no user before the mailbox is proven").isEmpty();
        assertThat(pendingInvitations(scenario)).as("the invitation is still pending").contains(address);
    }

    /** Events of the app realm that record a JIT decision. */
    private static long jitDecisions(Scenario scenario) {
        return scenario.events().stream().filter(event -> event.path("details").has("jit_outcome")).count();
    }

    private static HttpResponse<String> openInAnotherBrowser(URI link) throws IOException, InterruptedException {
        return OTHER_BROWSER.send(HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aContractorProvesTheMailboxWithOneMailAndOneClickAndNothingExistsBefore(Scenario scenario) {
        Snapshot before = Snapshot.of(scenario, acmeId);
        long decisionsBefore = jitDecisions(scenario);
        BrokeredLogin.PausedLogin paused = invitedAndAtTheMailboxPage(scenario, "carl");

        assertThat(paused.page().finalStatus()).isEqualTo(200);
        assertThat(paused.page().finalHtml()).contains("carl@contractor.test").contains("jit-mailbox-sent")
                .contains(LINK_MINUTES + " minutes");
        assertThat(MailboxMail.mails(scenario.smtp(), "carl@contractor.test")).as("one mail").hasSize(1);
        SmtpSink.Message mail = MailboxMail.mails(scenario.smtp(), "carl@contractor.test").get(0);
        assertThat(mail.subject()).isEqualTo("Confirm your email address to finish signing in");
        assertNothingFor(scenario, "carl@contractor.test", before);
        JsonNode sent = scenario.events("SEND_VERIFY_EMAIL").get(0);
        assertThat(sent.path("details").path("jit_mailbox_proof").asText()).isEqualTo("sent");
        assertThat(sent.path("details").path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(sent.path("details").has("jit_outcome")).as("no decision is recorded while waiting").isFalse();
        assertThat(jitDecisions(scenario)).as("no JIT decision recorded while waiting").isEqualTo(decisionsBefore);

        long clicked = System.nanoTime();
        LoginResult login = paused.open(MailboxMail.link(mail));
        long clickToApp = (System.nanoTime() - clicked) / 1_000_000;

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("carl@contractor.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("id").asText()).contains(userId);
        assertThat(pendingInvitations(scenario)).doesNotContain("carl@contractor.test");
        JsonNode details = scenario.firstLoginEvent(userId).path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("invited");
        assertThat(details.path("jit_mailbox_proof").asText()).isEqualTo("proven");
        assertThat(MailboxMail.mails(scenario.smtp(), "carl@contractor.test")).as("still one mail").hasSize(1);
        System.out.printf("[mailbox proof] one mail, one click; the click to the application took %d ms%n", clickToApp);
    }

    @Test
    void theLinkOpenedInAnotherBrowserGetsAClearPageAndWorksOnceInTheSameBrowser(Scenario scenario) throws Exception {
        Snapshot before = Snapshot.of(scenario, acmeId);
        BrokeredLogin.PausedLogin paused = invitedAndAtTheMailboxPage(scenario, "olga");
        URI link = MailboxMail.latestLink(scenario.smtp(), "olga@contractor.test");

        HttpResponse<String> elsewhere = openInAnotherBrowser(link);
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("data-jit-link=\"other_browser\"")
                .contains("Open the link in the browser where you signed in");
        assertNothingFor(scenario, "olga@contractor.test", before);

        LoginResult login = paused.open(link);
        assertThat(login.loggedIn()).as("%s", login).isTrue();

        LoginResult again = paused.open(link);
        assertThat(again.finalStatus()).isEqualTo(400);
        assertThat(again.finalHtml()).contains("data-jit-link=\"used\"").contains("This link has already been used");
        assertThat(scenario.users().stream().filter(u -> "olga@contractor.test".equals(u.path("email").asText())))
                .hasSize(1);
    }

    @Test
    void resendsAreLimitedAndOnlyTheLatestLinkWorks(Scenario scenario) {
        BrokeredLogin.PausedLogin paused = invitedAndAtTheMailboxPage(scenario, "rita");
        URI first = MailboxMail.latestLink(scenario.smtp(), "rita@contractor.test");

        LoginResult resent = paused.submit();
        assertThat(resent.finalHtml()).contains("A new link was sent")
                .contains("The link was sent 2 times, the most that one sign-in allows")
                .as("no more resend button").doesNotContain("jit-mailbox-resend");
        assertThat(MailboxMail.mails(scenario.smtp(), "rita@contractor.test")).hasSize(2);
        URI second = MailboxMail.latestLink(scenario.smtp(), "rita@contractor.test");
        assertThat(second).isNotEqualTo(first);

        LoginResult replaced = paused.open(first);
        assertThat(replaced.finalStatus()).isEqualTo(400);
        assertThat(replaced.finalHtml()).contains("data-jit-link=\"used\"");
        assertThat(scenario.userByEmail("rita@contractor.test")).isEmpty();

        LoginResult login = paused.open(second);
        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(MailboxMail.mails(scenario.smtp(), "rita@contractor.test")).as("one resend allowed").hasSize(2);
    }

    @Test
    void aRefreshSendsNoMailAndTheLimitHoldsForAPostFromAnOldPage(Scenario scenario) {
        BrokeredLogin.PausedLogin paused = invitedAndAtTheMailboxPage(scenario, "lena");
        LoginResult refreshed = paused.open(paused.page().finalUrl());
        assertThat(refreshed.finalHtml()).contains("jit-mailbox-sent");
        assertThat(MailboxMail.mails(scenario.smtp(), "lena@contractor.test")).as("a refresh sends nothing").hasSize(1);
        paused.submit();
        // the page from before the resend, posted again (a second tab): no third mail
        LoginResult again = paused.submit();
        assertThat(again.anyServerError()).isFalse();
        assertThat(MailboxMail.mails(scenario.smtp(), "lena@contractor.test")).hasSize(2);
        assertThat(scenario.userByEmail("lena@contractor.test")).isEmpty();
    }

    @Test
    void anExpiredLinkGetsItsPageAndCreatesNothing(Scenario scenario) throws Exception {
        Snapshot before = Snapshot.of(scenario, acmeId);
        BrokeredLogin.PausedLogin paused = invitedAndAtTheMailboxPage(scenario, "ezra");
        URI link = MailboxMail.latestLink(scenario.smtp(), "ezra@contractor.test");

        // the behaviour under test is the passing of the link's lifetime (one minute in this realm)
        Thread.sleep(Duration.ofMinutes(LINK_MINUTES).plusSeconds(2).toMillis());
        LoginResult expired = paused.open(link);

        assertThat(expired.finalStatus()).isEqualTo(400);
        assertThat(expired.finalHtml()).contains("data-jit-link=\"expired\"").contains("This link has expired");
        assertNothingFor(scenario, "ezra@contractor.test", before);
    }

    @Test
    void aForgedOrTruncatedLinkIsNotValid(Scenario scenario) throws Exception {
        invitedAndAtTheMailboxPage(scenario, "fred");
        URI link = MailboxMail.latestLink(scenario.smtp(), "fred@contractor.test");
        String url = link.toString();
        HttpResponse<String> truncated = openInAnotherBrowser(URI.create(url.substring(0, url.length() - 5)));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("data-jit-link=\"invalid\"");
        HttpResponse<String> none = openInAnotherBrowser(URI.create(url.substring(0, url.indexOf('?'))));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("data-jit-link=\"invalid\"");
    }

    /**
     * Keys that are not the realm's mailbox-proof token, opened in the very browser of the sign-in (so that only the
     * key is wrong), and the page's "send the link again" posted from another browser: each is refused, creates
     * nothing, sends nothing and uses nothing up; the genuine link still finishes the sign-in afterwards.
     */
    @Test
    void forgedKeysAndAResendFromAnotherBrowserChangeNothingAndTheGenuineLinkStillWorks(Scenario scenario) throws Exception {
        Snapshot before = Snapshot.of(scenario, acmeId);
        BrokeredLogin.PausedLogin paused = invitedAndAtTheMailboxPage(scenario, "gus");
        URI link = MailboxMail.latestLink(scenario.smtp(), "gus@contractor.test");
        String url = link.toString();
        String prefix = url.substring(0, url.indexOf("key=") + "key=".length());
        String[] jwt = url.substring(prefix.length()).split("\\.");
        assertThat(jwt).as("a signed JWT").hasSize(3);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("gus@contractor.test");
        char[] signature = jwt[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        Map<String, String> forged = Map.of(
                "another signature", jwt[0] + "." + jwt[1] + "." + new String(signature),
                "no signature (alg none)", base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + jwt[1] + ".",
                "the claims changed under the realm's signature", jwt[0] + "."
                        + base64.encodeToString(claims.replace("gus@contractor.test", "eve@contractor.test")
                        .getBytes(StandardCharsets.UTF_8)) + "." + jwt[2],
                "not a JWT", "not-a-token");
        forged.forEach((what, key) -> {
            LoginResult refused = paused.open(URI.create(prefix + key));
            assertThat(refused.finalStatus()).as(what).isEqualTo(400);
            assertThat(refused.finalHtml()).as(what).contains("data-jit-link=\"invalid\"");
        });

        HtmlForms.Form resend = paused.page().forms().stream().filter(form -> MailboxMail.FORM.equals(form.id()))
                .findFirst().orElseThrow();
        URI action = URI.create(paused.page().finalUrl().toString()).resolve(resend.action());
        HttpResponse<String> elsewhere = OTHER_BROWSER.send(HttpRequest.newBuilder(action).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("jit-resend=true")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isLessThan(500);
        assertThat(elsewhere.body()).doesNotContain("jit-mailbox-sent", "A new link was sent");

        assertThat(MailboxMail.mails(scenario.smtp(), "gus@contractor.test")).as("no second mail").hasSize(1);
        assertThat(MailboxMail.mails(scenario.smtp(), "eve@contractor.test")).isEmpty();
        assertNothingFor(scenario, "gus@contractor.test", before);
        assertThat(scenario.userByEmail("eve@contractor.test")).isEmpty();

        LoginResult login = paused.open(link);
        assertThat(login.loggedIn()).as("the genuine link was not used up: %s", login).isTrue();
    }

    @Test
    void anInDomainFirstLoginSendsNoMailAndShowsNoExtraPage(Scenario scenario) {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Acme");
        int mails = scenario.smtp().messages().size();

        LoginResult login = scenario.login("acme-sso", "alice");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(scenario.smtp().messages()).as("no mail").hasSize(mails);
        assertThat(login.trail()).as("no page of the app realm on the way")
                .noneMatch(step -> step.startsWith("200 GET ")
                        && URI.create(step.substring(step.indexOf("http"))).getPath().startsWith("/realms/" + scenario.appRealm() + "/"));
        String userId = scenario.userByEmail("alice@acme.test").orElseThrow().get("id").asText();
        assertThat(scenario.firstLoginEvent(userId).path("details").has("jit_mailbox_proof")).isFalse();
    }

    @Test
    void withoutAMailServerTheInvitationIsRefusedMailboxUnprovenAndStaysPending(Scenario scenario) {
        try (Scenario noMail = Scenario.create(scenario.server(), "nomail")) {
            String initech = noMail.organization("initech", List.of("initech.test"), Map.of());
            noMail.oidcIdp("initech-sso", initech, false);
            // the invitation is made while the realm has a mail server, which is then removed
            assertThat(noMail.inviteUser(initech, "nina@contractor.test").status()).isEqualTo(204);
            noMail.admin().put("/" + noMail.appRealm(), Map.of("smtpServer", Map.of()));
            noMail.idpUser("nina", "nina@contractor.test", true, "Nina", "Contractor");
            Snapshot before = Snapshot.of(noMail, initech);

            LoginResult login = noMail.login("initech-sso", "nina");

            assertThat(login.finalStatus()).isEqualTo(403);
            assertBlocked(noMail, login, "mailbox_unproven", before);
            assertThat(login.finalHtml()).contains("jit-blocked-mailbox-unproven")
                    .contains("Your invitation must be confirmed by email");
            assertThat(Scenario.list(noMail.admin().get("/" + noMail.appRealm() + "/organizations/" + initech + "/invitations")))
                    .extracting(i -> i.path("email").asText()).contains("nina@contractor.test");
        }
    }
}
