package io.github.jitprovisioning.it.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Setup-link sessions on the real server: the link's secret travels in the URL's fragment (never in a request line,
 * so in no access log) and is posted by the landing page's form; the open refuses a request from another origin
 * (login CSRF) and uses nothing up; a session signs out, on the server; its cookie is {@code Secure} whenever the
 * request came over https, behind a TLS-terminating proxy too (the test server trusts {@code X-Forwarded-Proto}, as
 * Keycloak's {@code proxy-headers=xforwarded} says); links in the form of earlier releases keep working.
 */
@KeycloakIntegrationTest
public class SetupLinkSessionIT {

    static String acmeId;
    static String globexId;

    @BeforeAll
    static void customer(Scenario scenario) {
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        globexId = PortalFixture.customer(scenario, "globex", "globex.test");
    }

    private static String links(Scenario scenario) {
        return "/" + scenario.appRealm() + "/jit/organizations/" + acmeId + "/portal-links";
    }

    private static JsonNode createLink(Scenario scenario) {
        return createLink(scenario, acmeId);
    }

    private static JsonNode createLink(Scenario scenario, String orgId) {
        HttpResult created = scenario.admin().send("POST",
                "/" + scenario.appRealm() + "/jit/organizations/" + orgId + "/portal-links", Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static String state(Scenario scenario, String linkId) {
        for (JsonNode link : scenario.admin().get(links(scenario))) {
            if (link.get("id").asText().equals(linkId)) {
                return link.get("state").asText();
            }
        }
        return "absent";
    }

    private static PortalHttp anonymous(Scenario scenario) {
        return PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm());
    }

    /** The secret part of a link's URL ({@code <id>.<secret>} after the {@code #}). */
    private static String token(String url) {
        return url.substring(url.indexOf('#') + 1);
    }

    private static String cookie(HttpResult opened) {
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void theSecretIsInTheFragmentAndTheLandingPageFormPostsIt(Scenario scenario) {
        String url = createLink(scenario).get("url").asText();
        String portal = scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/jit-portal/";
        assertThat(url).startsWith(portal + "link/" + acmeId + "#");
        String secret = token(url).substring(token(url).indexOf('.') + 1);
        assertThat(url.substring(0, url.indexOf('#'))).doesNotContain(secret);

        HttpResult landing = anonymous(scenario).get("link/" + acmeId);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body()).contains("id=\"jit-link-token\"").contains("assets/link.js")
                .contains("action=\"/realms/" + scenario.appRealm() + "/jit-portal/link/" + acmeId + "\"")
                .doesNotContain(secret);
        assertThat(landing.headers().allValues("Referrer-Policy")).as("so that the form's POST carries its Origin")
                .containsExactly("same-origin");
        assertThat(landing.headers().allValues("Content-Security-Policy")).as("the portal's policy, framed as Keycloak's pages")
                .singleElement().asString().contains("script-src 'self'").endsWith("frame-ancestors 'self'");
        assertThat(landing.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(anonymous(scenario).get("assets/link.js").body()).contains("location.hash");

        HttpResult opened = anonymous(scenario).header("Origin", scenario.server().baseUrl())
                .send("POST", "link/" + acmeId, "token=" + token(url), "application/x-www-form-urlencoded");
        assertThat(opened.status()).as(opened.body()).isEqualTo(303);
        assertThat(anonymous(scenario).header("Cookie", cookie(opened)).get("api/me").json().path("kind").asText())
                .isEqualTo("setup-link");
    }

    @Test
    void openingFromAnotherOriginIsRefusedAndUsesNothingUp(Scenario scenario) {
        JsonNode link = createLink(scenario);
        String legacy = link.get("url").asText().replace('#', '/'); // the form of earlier releases: secret in the path
        String path = legacy.substring(legacy.indexOf("/jit-portal/") + "/jit-portal/".length());

        HttpResult otherSite = anonymous(scenario).header("Origin", "https://evil.test")
                .send("POST", path, "", "application/x-www-form-urlencoded");
        HttpResult noOrigin = anonymous(scenario).send("POST", path, "", "application/x-www-form-urlencoded");
        HttpResult nullOrigin = anonymous(scenario).header("Origin", "null")
                .send("POST", "link/" + acmeId, "token=" + token(link.get("url").asText()), "application/x-www-form-urlencoded");

        for (HttpResult refused : List.of(otherSite, noOrigin, nullOrigin)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(refused.body()).contains("data-reason=\"cross-origin\"").contains("can only be opened from its own page");
        }
        assertThat(state(scenario, link.get("id").asText())).as("the link is not used up").isEqualTo("ACTIVE");

        HttpResult own = anonymous(scenario).header("Origin", scenario.server().baseUrl())
                .send("POST", path, "", "application/x-www-form-urlencoded");
        assertThat(own.status()).as("a link of an earlier release still opens").isEqualTo(303);
        assertThat(state(scenario, link.get("id").asText())).isEqualTo("USED");
    }

    @Test
    void aLinkOfAnEarlierReleaseShowsALandingPageThatPostsTheSecretInTheBody(Scenario scenario) {
        String url = createLink(scenario).get("url").asText();
        String landing = anonymous(scenario).get("link/" + acmeId + "/" + token(url)).body();
        assertThat(landing).contains("action=\"/realms/" + scenario.appRealm() + "/jit-portal/link/" + acmeId + "\"")
                .contains("value=\"" + token(url) + "\"").doesNotContain("assets/link.js");
    }

    @Test
    void aSessionSignsOutOnTheServer(Scenario scenario) {
        JsonNode link = createLink(scenario);
        HttpResult opened = PortalSetupLinkIT.open(scenario, link.get("url").asText());
        PortalHttp session = anonymous(scenario).header("Cookie", cookie(opened));
        String csrf = session.get("api/me").json().get("csrf").asText();

        HttpResult withoutToken = session.header("Origin", scenario.server().baseUrl()).send("POST", "api/sign-out", null);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(session.get("api/me").status()).as("a refused sign-out ends nothing").isEqualTo(200);

        HttpResult signedOut = session.header("X-JIT-CSRF", csrf).send("POST", "api/sign-out", null);

        assertThat(signedOut.status()).as(signedOut.body()).isEqualTo(204);
        assertThat(signedOut.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("JIT_PORTAL_SESSION=;")
                .contains("Max-Age=0").contains("Path=/realms/" + scenario.appRealm() + "/jit-portal/");
        assertThat(signedOut.headers().allValues("Content-Security-Policy")).as("the portal's headers, as on every answer")
                .singleElement().asString().contains("script-src 'self'");
        assertThat(session.get("api/me").status()).as("the old cookie opens nothing").isEqualTo(401);
        assertThat(session.get("api/organizations/" + acmeId).status()).isEqualTo(401);
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm())).anySatisfy(line -> {
            assertThat(line.path("action").asText()).isEqualTo("link.sign-out");
            assertThat(line.path("actor").asText()).isEqualTo("link:" + link.get("id").asText());
        });
    }

    /**
     * Only the session itself ends itself: every other caller of {@code POST api/sign-out} is refused, and after each
     * refusal the session still reads and still changes its organization, and no sign-out is in the audit log.
     */
    @Test
    void aSignOutIsRefusedToEveryoneButTheSessionItselfAndEndsNothing(Scenario scenario) {
        String origin = scenario.server().baseUrl();
        JsonNode link = createLink(scenario);
        String cookie = cookie(PortalSetupLinkIT.open(scenario, link.get("url").asText()));
        String csrf = anonymous(scenario).header("Cookie", cookie).get("api/me").json().get("csrf").asText();
        String globexCookie = cookie(PortalSetupLinkIT.open(scenario, createLink(scenario, globexId).get("url").asText()));
        String globexCsrf = anonymous(scenario).header("Cookie", globexCookie).get("api/me").json().get("csrf").asText();
        // a plain member of Acme, signed in (a bearer token for the portal), who also holds the session's cookie
        PortalFixture.portalAudience(scenario, Scenario.APP_CLIENT_ID);
        String memberToken = PortalFixture.signIn(scenario, "acme-sso", "acme-member", "member@acme.test")
                .tokenResponse().get("access_token").asText();
        String linkActor = "link:" + link.get("id").asText();
        long signOutsBefore = signOuts(scenario, linkActor);

        record Attempt(String who, PortalHttp caller, int status, String error) {
        }
        List<Attempt> attempts = List.of(
                new Attempt("no session", anonymous(scenario).header("Origin", origin).header("X-JIT-CSRF", csrf),
                        401, "unauthenticated"),
                new Attempt("a forged cookie", anonymous(scenario).header("Cookie", "JIT_PORTAL_SESSION=" + csrf)
                        .header("Origin", origin).header("X-JIT-CSRF", csrf), 401, "unauthenticated"),
                new Attempt("a garbage bearer token with the cookie", anonymous(scenario).header("Cookie", cookie)
                        .header("Authorization", "Bearer not-a-token").header("Origin", origin).header("X-JIT-CSRF", csrf),
                        401, "unauthenticated"),
                new Attempt("a signed-in member with the cookie", PortalHttp.bearer(origin, scenario.appRealm(), memberToken)
                        .header("Cookie", cookie).header("Origin", origin).header("X-JIT-CSRF", csrf),
                        400, "not_a_link_session"),
                new Attempt("no CSRF token", anonymous(scenario).header("Cookie", cookie).header("Origin", origin),
                        403, "csrf"),
                new Attempt("another session's CSRF token", anonymous(scenario).header("Cookie", cookie)
                        .header("Origin", origin).header("X-JIT-CSRF", globexCsrf), 403, "csrf"),
                new Attempt("another origin", anonymous(scenario).header("Cookie", cookie)
                        .header("Origin", "https://evil.test").header("X-JIT-CSRF", csrf), 403, "cross_origin"),
                new Attempt("no Origin", anonymous(scenario).header("Cookie", cookie).header("X-JIT-CSRF", csrf),
                        403, "cross_origin"),
                new Attempt("the Origin null", anonymous(scenario).header("Cookie", cookie).header("Origin", "null")
                        .header("X-JIT-CSRF", csrf), 403, "cross_origin"));
        for (Attempt attempt : attempts) {
            HttpResult refused = attempt.caller().send("POST", "api/sign-out", null);

            assertThat(refused.status()).as("%s: %s", attempt.who(), refused.body()).isEqualTo(attempt.status());
            assertThat(refused.json().path("error").asText()).as(attempt.who()).isEqualTo(attempt.error());
            assertThat(refused.headers().firstValue("Set-Cookie")).as("%s: the cookie is kept", attempt.who()).isEmpty();
            assertThat(anonymous(scenario).header("Cookie", cookie).get("api/me").status())
                    .as("after %s the session still works", attempt.who()).isEqualTo(200);
        }
        assertThat(PortalHttp.bearer(origin, scenario.appRealm(), memberToken).get("api/me").status())
                .as("the member's sign-in was not ended either").isEqualTo(200);

        // Globex's session ends itself, with its own token: Acme's session is not touched
        HttpResult globexOut = anonymous(scenario).header("Cookie", globexCookie).header("Origin", origin)
                .header("X-JIT-CSRF", globexCsrf).send("POST", "api/sign-out", null);
        assertThat(globexOut.status()).as(globexOut.body()).isEqualTo(204);
        assertThat(anonymous(scenario).header("Cookie", globexCookie).get("api/me").status()).isEqualTo(401);
        assertThat(signOuts(scenario, linkActor)).as("no sign-out of Acme's session was audited").isEqualTo(signOutsBefore);

        HttpResult change = anonymous(scenario).header("Cookie", cookie).header("Origin", origin).header("X-JIT-CSRF", csrf)
                .send("PUT", "api/organizations/" + acmeId + "/settings", Map.of("syncProfile", true));
        assertThat(change.status()).as("the session still changes its organization: %s", change.body()).isEqualTo(200);
        HttpResult own = anonymous(scenario).header("Cookie", cookie).header("Origin", origin).header("X-JIT-CSRF", csrf)
                .send("POST", "api/sign-out", null);
        assertThat(own.status()).as(own.body()).isEqualTo(204);
        assertThat(anonymous(scenario).header("Cookie", cookie).get("api/me").status()).isEqualTo(401);
        assertThat(signOuts(scenario, linkActor)).isEqualTo(signOutsBefore + 1);
    }

    private static long signOuts(Scenario scenario, String actor) {
        return AuditLog.lines(scenario.server(), scenario.appRealm()).stream()
                .filter(line -> line.path("action").asText().equals("link.sign-out") && line.path("actor").asText().equals(actor))
                .count();
    }

    @Test
    void theCookieIsSecureWhenTheRequestCameOverHttpsThroughAProxy(Scenario scenario) {
        // behind the proxy, the portal's origin is https://localhost: X-Forwarded-Proto without X-Forwarded-Port means
        // the scheme's default port
        String httpsOrigin = "https://localhost";
        HttpResult overHttps = anonymous(scenario).header("X-Forwarded-Proto", "https").header("Origin", httpsOrigin)
                .send("POST", "link/" + acmeId, "token=" + token(createLink(scenario).get("url").asText()),
                        "application/x-www-form-urlencoded");
        String legacy = createLink(scenario).get("url").asText().replace('#', '/');
        HttpResult legacyOverHttps = anonymous(scenario).header("X-Forwarded-Proto", "https").header("Origin", httpsOrigin)
                .send("POST", legacy.substring(legacy.indexOf("/jit-portal/") + "/jit-portal/".length()), "",
                        "application/x-www-form-urlencoded");
        assertThat(legacyOverHttps.status()).as(legacyOverHttps.body()).isEqualTo(303);
        assertThat(legacyOverHttps.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
        assertThat(overHttps.status()).as(overHttps.body()).isEqualTo(303);
        assertThat(overHttps.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");

        HttpResult overHttp = PortalSetupLinkIT.open(scenario, createLink(scenario).get("url").asText());
        assertThat(overHttp.status()).isEqualTo(303);
        assertThat(overHttp.headers().firstValue("Set-Cookie").orElseThrow())
                .as("over plain http a Secure cookie would never come back").doesNotContain("Secure");
    }

    @Test
    void aPersonOpensTheLinkInABrowserAndSignsOut(Scenario scenario) {
        assumeTrue(Browser.skipReason() == null, Browser.skipReason());
        JsonNode link = createLink(scenario);
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(link.get("url").asText());
            assertThat(browser.url()).as("the page took the secret out of the address bar").doesNotContain("#");
            browser.click(By.id("jit-open-link"));
            browser.await(By.id("jit-org-name"));
            assertThat(browser.text()).contains("Setup session");
            browser.click(By.id("jit-sign-out"));
            browser.await(By.id("jit-signed-out"));
            assertThat(browser.text()).contains("You are signed out");
            assertThat(browser.driver().manage().getCookieNamed("JIT_PORTAL_SESSION")).isNull();
        }
        assertThat(state(scenario, link.get("id").asText())).isEqualTo("USED");
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm())).extracting(l -> l.path("action").asText())
                .contains("link.open", "link.sign-out");
    }
}
