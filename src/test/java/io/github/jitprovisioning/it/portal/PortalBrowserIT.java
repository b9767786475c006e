package io.github.jitprovisioning.it.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The portal in headless Chromium: Acme's IT admin signs in through Acme's IdP, uses every section, sees Carol's
 * refusal in the decision log and invites her, and Carol then signs in. A setup link opens once in a browser and
 * its session changes a setting. Screenshots go to {@code target/portal-screenshots/}.
 */
@KeycloakIntegrationTest
class PortalBrowserIT {

    private static final Path SHOTS = Path.of("target", "portal-screenshots");
    static String acmeId;

    @BeforeAll
    static void acme(Scenario scenario) {
        assumeTrue(Browser.skipReason() == null, Browser.skipReason());
        PortalFixture.realmOptions(scenario);
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        PortalFixture.orgGroup(scenario, acmeId, "Engineering");
        ObjectNames.rename(scenario, acmeId, "Acme <b>Corp</b>");
        scenario.admin().put("/" + scenario.appRealm() + "/jit/portal-client", null);
        scenario.smtp();
        String adminId = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@acme.test").accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, acmeId, adminId);
        PortalFixture.signIn(scenario, "acme-sso", "mia", "mia@acme.test");
        scenario.idpUser("carol", "carol@acme-partner.test", true, "Carol", "Partner");
        assertThat(scenario.login("acme-sso", "carol").loggedIn()).isFalse();
    }

    private static String portal(Scenario scenario) {
        return scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/jit-portal/";
    }

    private static void tab(Browser browser, String tab) {
        browser.click(By.id("jit-tab-" + tab));
        browser.await(By.cssSelector("#jit-section[aria-labelledby='jit-tab-" + tab + "'] > *"));
    }

    private static void saved(Browser browser) {
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("jit-notice"), "Saved."), "the Saved notice");
    }

    @Test
    void acmeAdminSignsInThroughAcmeSsoUsesEverySectionAndInvitesCarol(Scenario scenario) {
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(portal(scenario) + "?idp=acme-sso");
            browser.type(By.id("username"), "acme-admin").type(By.id("password"), Scenario.IDP_PASSWORD).click(By.id("kc-login"));
            browser.awaitUrl(portal(scenario));

            // overview: the organization name with markup is shown as text
            String name = browser.text(By.id("jit-org-name"));
            assertThat(name).isEqualTo("Acme <b>Corp</b>");
            assertThat(browser.has(By.cssSelector("#jit-org-name b"))).isFalse();
            assertThat(browser.text(By.id("jit-overview"))).contains("acme.test").contains("provisioned: 2").contains("blocked: 1");
            browser.screenshot(SHOTS.resolve("portal-overview.png"));

            // JIT settings, keyboard only: arrow to the tab, space toggles, enter submits
            browser.driver().findElement(By.id("jit-tab-overview")).sendKeys(Keys.ARROW_RIGHT);
            browser.await(By.id("jit-setting-sync")).sendKeys(Keys.SPACE);
            browser.driver().findElement(By.id("jit-setting-sync")).sendKeys(Keys.TAB);
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            saved(browser);
            assertThat(scenario.organizationById(acmeId).get("attributes").get("jit.sync-profile").get(0).asText()).isEqualTo("true");

            tab(browser, "grants");
            assertThat(browser.text(By.id("jit-grants-form"))).contains("employee").contains("/staff").contains("Engineering")
                    .doesNotContain("manage-users").doesNotContain("/ops").doesNotContain("Admins");
            browser.click(By.cssSelector("input[name=role][value=employee]"));
            browser.click(By.cssSelector("input[name=group][value=Engineering]"));
            browser.click(By.cssSelector("#jit-grants-form button[type=submit]"));
            saved(browser);
            JsonNode attributes = scenario.organizationById(acmeId).get("attributes");
            assertThat(attributes.get("jit.default-roles").get(0).asText()).isEqualTo("employee");
            assertThat(attributes.get("jit.groups").get(0).asText()).isEqualTo("Engineering");
            browser.screenshot(SHOTS.resolve("portal-grants.png"));

            tab(browser, "domains");
            browser.type(By.id("jit-domain-name"), "gmail.com").click(By.cssSelector("#jit-domain-form button"));
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("jit-notice"), "consumer mail domain"), "the refusal");
            browser.type(By.id("jit-domain-name"), "acme-labs.test").click(By.cssSelector("#jit-domain-form button"));
            saved(browser);
            assertThat(browser.text(By.id("jit-section"))).contains("acme-labs.test").contains("pending verification")
                    .contains("keycloak-verification=");
            browser.screenshot(SHOTS.resolve("portal-domains.png"));

            tab(browser, "admins");
            assertThat(browser.text(By.id("jit-section"))).contains("acme-admin");
            browser.type(By.id("jit-member-search"), "mia").click(By.cssSelector("#jit-member-form button"));
            browser.click(By.cssSelector("#jit-member-results button"));
            saved(browser);
            assertThat(browser.text(By.id("jit-section"))).contains("mia");

            tab(browser, "decisions");
            browser.await(By.cssSelector("#jit-decision-results .jit-decision"));
            String decisions = browser.text(By.id("jit-decision-results"));
            assertThat(decisions).contains("domain_not_registered").contains("acme-partner.test")
                    .contains("The email domain is not registered for your organization");
            browser.screenshot(SHOTS.resolve("portal-decisions.png"));

            tab(browser, "invitations");
            browser.type(By.id("jit-invite-email"), "carol@acme-partner.test").click(By.cssSelector("#jit-invite-form button"));
            saved(browser);
            assertThat(browser.text(By.id("jit-section"))).contains("carol@acme-partner.test").contains("pending");
            browser.screenshot(SHOTS.resolve("portal-invitations.png"));
        }
        assertThat(scenario.smtp().messagesTo("carol@acme-partner.test")).hasSize(1);
        // acme-partner.test is no organization's domain: Carol proves the mailbox with the link mailed to her
        LoginResult carol = scenario.loginProvingMailbox("acme-sso", "carol", "carol@acme-partner.test");
        assertThat(carol.loggedIn()).as("%s", carol).isTrue();
        String carolId = scenario.userByEmail("carol@acme-partner.test").orElseThrow().get("id").asText();
        assertThat(scenario.members(acmeId)).extracting(m -> m.get("id").asText()).contains(carolId);
    }

    @Test
    void setupLinkOpensOnceInABrowserAndItsSessionChangesASetting(Scenario scenario) {
        String url = scenario.admin().post("/" + scenario.appRealm() + "/jit/organizations/" + acmeId + "/portal-links", Map.of())
                .json().get("url").asText();
        try (Browser browser = Browser.start(Locale.GERMAN)) {
            browser.open(url);
            browser.screenshot(SHOTS.resolve("portal-setup-link.png"));
            assertThat(browser.text()).contains("Ihre Organisation einrichten");
            browser.click(By.id("jit-open-link"));
            browser.await(By.id("jit-org-name"));
            assertThat(browser.text()).contains("Einrichtungssitzung");
            tab(browser, "settings");
            browser.click(By.id("jit-setting-enabled"));
            browser.click(By.cssSelector("#jit-settings-form button[type=submit]"));
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("jit-notice"), "Gespeichert."), "Gespeichert");
            assertThat(scenario.organizationById(acmeId).get("attributes").get("jit.enabled").get(0).asText()).isEqualTo("false");

            browser.open(url);
            browser.click(By.id("jit-open-link"));
            browser.await(By.id("jit-link-refused"));
            assertThat(browser.text()).contains("bereits verwendet");
            browser.screenshot(SHOTS.resolve("portal-link-used.png"));
        } finally {
            scenario.setOrgAttribute(acmeId, "jit.enabled", null);
        }
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm())).extracting(l -> l.path("action").asText())
                .containsAll(List.of("link.create", "link.open", "settings.update"));
    }

    /** Renames an organization through the admin API. */
    static final class ObjectNames {
        static void rename(Scenario scenario, String orgId, String name) {
            com.fasterxml.jackson.databind.node.ObjectNode organization =
                    (com.fasterxml.jackson.databind.node.ObjectNode) scenario.organizationById(orgId);
            organization.put("name", name);
            scenario.admin().put("/" + scenario.appRealm() + "/organizations/" + orgId, organization);
        }
    }
}
