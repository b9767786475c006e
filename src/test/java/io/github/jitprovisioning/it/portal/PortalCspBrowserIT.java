package io.github.jitprovisioning.it.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The portal's Content-Security-Policy as headless Chromium enforces it: a script injected into a portal page (the
 * way a markup injection would) does not run and the browser reports the violation of {@code script-src}, while the
 * portal's own script runs (a setup-link session opens the organization). The same injection on Keycloak's login
 * page, under Keycloak's default policy, runs: the check tells the two policies apart.
 */
@KeycloakIntegrationTest
class PortalCspBrowserIT {

    /** Listens for violations, then injects an inline script and an inline event handler the way markup would. */
    private static final String INJECT = """
            window.__violations = [];
            document.addEventListener('securitypolicyviolation',
                function (e) { window.__violations.push(e.violatedDirective); });
            var script = document.createElement('script');
            script.textContent = 'window.__injected = "inline script ran";';
            document.body.appendChild(script);
            var holder = document.createElement('div');
            holder.innerHTML = '<img src="data:," onerror="window.__handler = \\'inline handler ran\\'">';
            document.body.appendChild(holder);
            """;

    static String acmeId;

    @BeforeAll
    static void acme(Scenario scenario) {
        assumeTrue(Browser.skipReason() == null, Browser.skipReason());
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        PortalFixture.orgGroup(scenario, acmeId, "Engineering");
    }

    private static Object script(Browser browser, String code) {
        return browser.driver().executeScript(code);
    }

    private static void injectAndWait(Browser browser) {
        script(browser, INJECT);
        browser.waitFor(driver -> {
            Object injected = script(browser, "return window.__injected || null;");
            Object violations = script(browser, "return window.__violations.length;");
            return injected != null || ((Number) violations).intValue() >= 2 ? Boolean.TRUE : null;
        }, "the injected script to run or to be reported");
    }

    @Test
    void anInjectedInlineScriptDoesNotRunInThePortalButTheportalsOwnScriptDoes(Scenario scenario) {
        String url = scenario.admin().post("/" + scenario.appRealm() + "/jit/organizations/" + acmeId + "/portal-links", Map.of())
                .json().get("url").asText();
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            // the server-rendered setup-link page
            browser.open(url);
            browser.await(By.id("jit-open-link"));
            injectAndWait(browser);
            assertThat(script(browser, "return window.__injected || null;")).isNull();
            assertThat(script(browser, "return window.__handler || null;")).isNull();
            @SuppressWarnings("unchecked")
            List<String> violations = (List<String>) script(browser, "return window.__violations;");
            assertThat(violations).isNotEmpty().allMatch(directive -> directive.startsWith("script-src"));

            // the portal app itself runs under the policy: the link opens a session and the page shows the organization
            browser.click(By.id("jit-open-link"));
            browser.await(By.id("jit-org-name"));
            assertThat(browser.text(By.id("jit-org-name"))).isEqualTo("acme");
            browser.click(By.id("jit-tab-grants"));
            browser.await(By.cssSelector("#jit-section[aria-labelledby='jit-tab-grants'] > *"));
            assertThat(browser.text(By.id("jit-section"))).contains("Engineering");
            injectAndWait(browser);
            assertThat(script(browser, "return window.__injected || null;")).isNull();
            assertThat(script(browser, "return window.__handler || null;")).isNull();
            @SuppressWarnings("unchecked")
            List<String> appViolations = (List<String>) script(browser, "return window.__violations;");
            assertThat(appViolations).isNotEmpty().allMatch(directive -> directive.startsWith("script-src"));

            // the same injection on Keycloak's own login page (Keycloak's default policy has no script-src) runs
            browser.open(scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/account");
            browser.await(By.id("username"));
            injectAndWait(browser);
            assertThat(script(browser, "return window.__injected || null;")).isEqualTo("inline script ran");
        }
    }
}
