package io.github.jitprovisioning.it.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The portal's Members section in headless Chromium, used as a person does: Acme's only admin signs in through Acme's
 * IdP, opens Members, reads who came in through which IdP and when they last signed in, searches, filters by "not
 * signed in for days", exports the list as CSV, removes a leaver after confirming, and is refused removing herself,
 * the last admin, with the page's message. Screenshots go to {@code target/portal-screenshots/}.
 */
@KeycloakIntegrationTest
class MembersBrowserIT {

    private static final Path SHOTS = Path.of("target", "portal-screenshots");
    private static String acmeId;

    @BeforeAll
    static void acmeWithOneAdminAndTwoMembers(Scenario scenario) {
        assumeTrue(Browser.skipReason() == null, Browser.skipReason());
        PortalFixture.realmOptions(scenario);
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        scenario.admin().put("/" + scenario.appRealm() + "/jit/portal-client", null);
        String adminId = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@acme.test").accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, acmeId, adminId);
        PortalFixture.signIn(scenario, "acme-sso", "lena", "lena@acme.test");
        PortalFixture.signIn(scenario, "acme-sso", "leo", "leo@acme.test");
    }

    private static String portal(Scenario scenario) {
        return scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/jit-portal/";
    }

    private static By row(String name) {
        return By.xpath("//div[@id='jit-members-results']//tr[td[1][normalize-space()='" + name + " Test']]");
    }

    private static By removeButton(String name) {
        return By.xpath("//div[@id='jit-members-results']//tr[td[1][normalize-space()='" + name + " Test']]//button");
    }

    private static void saved(Browser browser) {
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("jit-notice"), "Saved."), "the Saved notice");
    }

    private static void search(Browser browser, String text, String days) {
        browser.type(By.id("jit-members-search"), text);
        browser.driver().findElement(By.id("jit-members-inactive-days")).clear();
        if (!days.isEmpty()) {
            browser.type(By.id("jit-members-inactive-days"), days);
        }
        browser.click(By.cssSelector("#jit-members-form button[type=submit]"));
    }

    /** Waits for the confirmation dialog, checks it names {@code username} and accepts it. */
    private static void confirm(Browser browser, String username) {
        Alert dialog = browser.waitFor(ExpectedConditions.alertIsPresent(), "the confirmation dialog");
        assertThat(dialog.getText()).startsWith("Remove " + username + " from the organization?");
        dialog.accept();
    }

    @Test
    void acmesAdminReadsFiltersExportsAndRemovesALeaverButNotTheLastAdmin(Scenario scenario) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(portal(scenario) + "?idp=acme-sso");
            browser.type(By.id("username"), "acme-admin").type(By.id("password"), Scenario.IDP_PASSWORD).click(By.id("kc-login"));
            browser.awaitUrl(portal(scenario));
            browser.click(By.id("jit-tab-members"));

            // every member with the IdP they came through and today's sign-in
            String lena = browser.text(row("lena"));
            assertThat(lena).contains("lena@acme.test").contains("created at first sign-in (acme-sso)").contains(today);
            assertThat(browser.text(By.cssSelector("#jit-members-results table"))).contains("Origin").contains("Last SSO sign-in")
                    .contains("acme-admin Test").contains("leo Test");
            browser.screenshot(SHOTS.resolve("members-list.png"));

            // a search narrows the table to Leo
            search(browser, "leo", "");
            browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(row("lena")), "Lena to leave the table");
            assertThat(browser.text(By.id("jit-members-results"))).contains("leo@acme.test").doesNotContain("admin@acme.test");

            // everyone signed in today: nobody is "not signed in for 1 day"; clearing the filter brings them back
            search(browser, "", "1");
            browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(row("leo")), "the filter to empty the table");
            assertThat(browser.has(By.cssSelector("#jit-members-results tr[data-member]"))).isFalse();
            search(browser, "", "");
            browser.await(row("lena"));

            // the export answers with the same list as CSV: the file the browser saves is read where the page hands it over
            browser.driver().executeScript("window.__jitCsv = null; var make = URL.createObjectURL;"
                    + " URL.createObjectURL = function (blob) { window.__jitCsv = blob.text(); return make.call(URL, blob); };");
            browser.click(By.id("jit-members-export"));
            browser.waitFor(d -> browser.driver().executeScript("return window.__jitCsv !== null;").equals(Boolean.TRUE), "the CSV");
            String csv = (String) browser.driver().executeAsyncScript("var done = arguments[0]; window.__jitCsv.then(done);");
            assertThat(csv).startsWith("id,username,email,").contains("lena,lena@acme.test").contains("leo,leo@acme.test")
                    .contains(",acme-sso,");
            assertThat(csv.split("\\R")).as("a header and three members").hasSize(4);

            // Leo leaves: remove, confirm, and he is gone from the page and from Keycloak
            browser.click(removeButton("leo"));
            confirm(browser, "leo");
            browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(row("leo")), "Leo to leave the table");
            saved(browser);
            assertThat(browser.text(By.id("jit-members-results"))).contains("lena@acme.test").doesNotContain("leo@acme.test");
            browser.screenshot(SHOTS.resolve("members-removed.png"));

            // the only admin cannot remove herself: the page says why and she stays
            browser.click(removeButton("acme-admin"));
            confirm(browser, "acme-admin");
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("jit-notice"),
                    "The last admin of the organization cannot be removed."), "the last-admin refusal");
            assertThat(browser.has(row("acme-admin"))).isTrue();
            browser.screenshot(SHOTS.resolve("members-last-admin.png"));
        }
        assertThat(scenario.userByEmail("leo@acme.test")).as("an account made for Acme alone goes with the membership").isEmpty();
        assertThat(scenario.members(acmeId)).extracting(m -> m.path("username").asText())
                .contains("acme-admin", "lena").doesNotContain("leo");
    }
}
