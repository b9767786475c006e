package io.github.jitprovisioning.it.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;

import no.nav.security.mock.oauth2.MockOAuth2Server;

import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.Scenario;

import io.github.jitprovisioning.it.harness.SsoFixture;

/**
 * The Single sign-on tab in headless Chromium, as a person walks it: Acme's admin signs in to the portal, connects
 * Acme's own OpenID Provider (NAV's mock-oauth2-server, started by this test), copies nothing by hand but the
 * form, runs the test sign-in in the separate window it opens, sees the claims and the decision, goes live; then
 * a new person of Acme's verified domain types their address on the sign-in page, is sent to that IdP and comes
 * back provisioned by JIT. Screenshots go to {@code target/portal-screenshots/}.
 */
@KeycloakIntegrationTest
class PortalSsoBrowserIT {

    private static final Path SHOTS = Path.of("target", "portal-screenshots");
    private static final String DOMAIN = "acme-browser.test";
    static MockOAuth2Server idp;
    static String acmeId;

    @BeforeAll
    static void acme(Scenario scenario) {
        assumeTrue(Browser.skipReason() == null, Browser.skipReason());
        idp = SsoFixture.start();
        scenario.jitConfig(Map.of("jit.portal-sso", "on", "jit.portal-sso-fetch-allow-hosts", "localhost"));
        acmeId = PortalFixture.customer(scenario, "acme", DOMAIN);
        scenario.admin().put("/" + scenario.appRealm() + "/jit/portal-client", null);
        String adminId = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@" + DOMAIN)
                .accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, acmeId, adminId);
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.shutdown();
        }
    }

    @Test
    void acmeAdminConnectsTestsAndTakesTheirIdpLiveAndANewPersonSignsInThroughIt(Scenario scenario) {
        String portal = scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/jit-portal/";
        String alias;
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(portal + "?idp=acme-sso");
            browser.type(By.id("username"), "acme-admin").type(By.id("password"), Scenario.IDP_PASSWORD).click(By.id("kc-login"));
            browser.awaitUrl(portal);
            browser.click(By.id("jit-tab-sso"));
            browser.await(By.id("jit-sso-form"));
            assertThat(browser.text(By.id("jit-sso-next-uris"))).contains("/broker/acme-sso-2/endpoint")
                    .contains("/jit-portal/sso/test-callback");

            browser.type(By.id("jit-sso-discovery"), SsoFixture.issuer(idp, "acme"))
                    .type(By.id("jit-sso-client-id"), "acme-portal")
                    .type(By.id("jit-sso-client-secret"), "browser-secret")
                    .click(By.cssSelector("#jit-sso-form button[type=submit]"));
            browser.await(By.cssSelector("tr.jit-sso-idp"));
            alias = browser.driver().findElement(By.cssSelector("tr.jit-sso-idp")).getAttribute("data-alias");
            assertThat(browser.text(By.cssSelector("tr.jit-sso-idp"))).contains("draft");
            browser.screenshot(SHOTS.resolve("portal-sso-draft.png"));

            SsoFixture.nextSignIn(idp, "acme", "ada-sub", SsoFixture.person("ada@" + DOMAIN, "Ada", "Admin"));
            String portalWindow = browser.driver().getWindowHandle();
            browser.click(By.id("jit-sso-test-" + alias));
            browser.waitFor(driver -> driver.getWindowHandles().size() > 1, "the test window");
            List<String> windows = new ArrayList<>(browser.driver().getWindowHandles());
            windows.remove(portalWindow);
            browser.driver().switchTo().window(windows.get(0));
            browser.await(By.id("jit-sso-test-finished"));
            assertThat(browser.driver().findElement(By.id("jit-sso-test-finished")).getAttribute("data-ok")).isEqualTo("true");
            browser.driver().close();
            browser.driver().switchTo().window(portalWindow);

            browser.await(By.cssSelector(".jit-sso-result[data-ok='true']"));
            assertThat(browser.text(By.cssSelector(".jit-sso-result"))).contains("ada@" + DOMAIN).contains("provisioned");
            browser.screenshot(SHOTS.resolve("portal-sso-tested.png"));
            browser.click(By.id("jit-sso-go-live-" + alias));
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr.jit-sso-idp .jit-sso-state"), "live"),
                    "the live state");
            browser.screenshot(SHOTS.resolve("portal-sso-live.png"));
        }
        JsonNode model = scenario.admin().get("/" + scenario.appRealm() + "/identity-provider/instances/" + alias);
        assertThat(model.get("enabled").asBoolean()).isTrue();
        assertThat(scenario.userByEmail("ada@" + DOMAIN)).as("the test created nobody").isEmpty();

        SsoFixture.nextSignIn(idp, "acme", "nina-sub", SsoFixture.person("nina@" + DOMAIN, "Nina", "New"));
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            String account = scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/account";
            browser.open(account);
            browser.type(By.id("username"), "nina@" + DOMAIN).click(By.id("kc-login"));
            browser.waitFor(driver -> driver.getCurrentUrl().startsWith(account), "back in the account console");
        }
        JsonNode nina = scenario.userByEmail("nina@" + DOMAIN).orElseThrow(() -> new AssertionError("Nina was not provisioned"));
        assertThat(scenario.members(acmeId)).extracting(m -> m.get("id").asText()).contains(nina.get("id").asText());
        assertThat(scenario.federatedIdentities(nina.get("id").asText())).extracting(l -> l.get("identityProvider").asText())
                .containsExactly(alias);
    }
}
