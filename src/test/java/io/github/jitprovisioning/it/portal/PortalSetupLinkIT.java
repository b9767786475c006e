package io.github.jitprovisioning.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.jitprovisioning.core.portal.PortalToken;
import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Setup links: created, listed and revoked through the admin REST API; single-use (the first open binds a session
 * cookie, a second open is refused with a clear page); a used, expired, revoked or forged link gives no session;
 * the session manages its own organization only, and its cookie-authenticated changes need the CSRF token and the
 * portal's own origin.
 */
@KeycloakIntegrationTest
@Tag("postgres")
public class PortalSetupLinkIT {

    static String acmeId;
    static String globexId;
    static String memberId;

    @BeforeAll
    static void customers(Scenario scenario) {
        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        globexId = PortalFixture.customer(scenario, "globex", "globex.test");
        memberId = scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of("username", "ivy", "enabled", true,
                "email", "ivy@acme.test", "firstName", "Ivy", "lastName", "It")).createdId();
        scenario.admin().post("/" + scenario.appRealm() + "/organizations/" + acmeId + "/members", memberId);
    }

    /** The state of one of Acme's links, as the admin API lists it (other tests of the class create links too). */
    private String linkState(Scenario scenario, String linkId) {
        for (JsonNode listed : scenario.admin().get(links(scenario, acmeId))) {
            if (listed.get("id").asText().equals(linkId)) {
                return listed.get("state").asText();
            }
        }
        throw new AssertionError("link " + linkId + " is not listed");
    }

    private static String links(Scenario scenario, String orgId) {
        return "/" + scenario.appRealm() + "/jit/organizations/" + orgId + "/portal-links";
    }

    private static JsonNode createLink(Scenario scenario, String orgId) {
        HttpResult created = scenario.admin().send("POST", links(scenario, orgId), Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /**
     * What a browser does with the link: POST the landing page's form, from the portal's origin. A link has its
     * secret in the fragment ({@code link/{orgId}#<id>.<secret>}), posted as the form field {@code token}; a link in
     * the form of earlier releases ({@code link/{orgId}/<id>.<secret>}) posts to its own path.
     */
    public static HttpResult open(Scenario scenario, String url) {
        String path = url.substring(url.indexOf("/jit-portal/") + "/jit-portal/".length());
        PortalHttp browser = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm())
                .header("Origin", scenario.server().baseUrl());
        int hash = path.indexOf('#');
        return hash < 0 ? browser.send("POST", path, "", "application/x-www-form-urlencoded")
                : browser.send("POST", path.substring(0, hash), "token=" + path.substring(hash + 1),
                "application/x-www-form-urlencoded");
    }

    private static String sessionCookie(HttpResult opened) {
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static PortalHttp browser(Scenario scenario, String cookie) {
        return PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm()).header("Cookie", cookie);
    }

    @Test
    void linkOpensOnceAndItsSessionManagesItsOrganizationOnly(Scenario scenario) {
        JsonNode link = createLink(scenario, acmeId);
        String url = link.get("url").asText();
        assertThat(url).startsWith(scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/jit-portal/link/" + acmeId + "#");
        String landing = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm())
                .get(url.substring(url.indexOf("/jit-portal/") + 12)).body();
        assertThat(landing).contains("id=\"jit-open-link\"");
        assertThat(linkState(scenario, link.get("id").asText())).isEqualTo("ACTIVE");
        assertThat(Json.write(scenario.organizationById(acmeId))).doesNotContain(url.substring(url.lastIndexOf('.') + 1));

        HttpResult opened = open(scenario, url);
        assertThat(opened.status()).isEqualTo(303);
        assertThat(opened.location().orElseThrow()).endsWith("/realms/" + scenario.appRealm() + "/jit-portal/?org=" + acmeId);
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/realms/" + scenario.appRealm() + "/jit-portal/");

        HttpResult again = open(scenario, url);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("already been used");
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(linkState(scenario, link.get("id").asText())).isEqualTo("USED");

        PortalHttp session = browser(scenario, sessionCookie(opened));
        JsonNode me = session.get("api/me").json();
        assertThat(me.get("kind").asText()).isEqualTo("setup-link");
        assertThat(me.get("organizations")).hasSize(1);
        assertThat(Instant.parse(me.get("sessionEnds").asText())).isBefore(Instant.now().plus(Duration.ofHours(8)).plusSeconds(5));
        assertThat(session.get("api/organizations/" + acmeId).status()).isEqualTo(200);
        assertThat(session.get("api/organizations/" + globexId).status()).isEqualTo(403);

        String linkId = link.get("id").asText();
        session.header("Origin", scenario.server().baseUrl()).header("X-JIT-CSRF", me.get("csrf").asText());
        HttpResult named = session.send("POST", "api/organizations/" + acmeId + "/admins", Map.of("userId", memberId));
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        JsonNode event = scenario.adminEvents().stream()
                .filter(e -> e.path("resourcePath").asText().endsWith("/jit-portal/admins/" + memberId))
                .findFirst().orElseThrow();
        assertThat(event.get("authDetails").get("userId").asText()).isEqualTo("jit-portal-link:" + linkId);
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm())).anySatisfy(line -> {
            assertThat(line.path("action").asText()).isEqualTo("admin.add");
            assertThat(line.path("actor").asText()).isEqualTo("link:" + linkId);
            assertThat(line.path("organization_id").asText()).isEqualTo(acmeId);
        });
        assertThat(session.send("PUT", "api/organizations/" + globexId + "/settings", Map.of("jitEnabled", false)).status())
                .isEqualTo(403);

        assertThat(scenario.admin().send("DELETE", links(scenario, acmeId) + "/" + linkId, null).status()).isEqualTo(204);
        assertThat(session.get("api/me").status()).isEqualTo(401);
        assertThat(session.get("api/organizations/" + acmeId).status()).isEqualTo(401);
    }

    @Test
    void cookieChangesNeedTheCsrfTokenAndTheSameOrigin(Scenario scenario) {
        HttpResult opened = open(scenario, createLink(scenario, acmeId).get("url").asText());
        String cookie = sessionCookie(opened);
        String csrf = browser(scenario, cookie).get("api/me").json().get("csrf").asText();
        String before = PortalFixture.snapshot(scenario, acmeId);
        String path = "api/organizations/" + acmeId + "/settings";
        String origin = scenario.server().baseUrl();

        HttpResult noToken = browser(scenario, cookie).header("Origin", origin).send("PUT", path, Map.of("jitEnabled", false));
        HttpResult wrongToken = browser(scenario, cookie).header("Origin", origin).header("X-JIT-CSRF", "x" + csrf)
                .send("PUT", path, Map.of("jitEnabled", false));
        HttpResult otherOrigin = browser(scenario, cookie).header("Origin", "http://evil.test").header("X-JIT-CSRF", csrf)
                .send("PUT", path, Map.of("jitEnabled", false));
        HttpResult noOrigin = browser(scenario, cookie).header("X-JIT-CSRF", csrf).send("PUT", path, Map.of("jitEnabled", false));

        assertThat(List.of(noToken.status(), wrongToken.status(), otherOrigin.status(), noOrigin.status()))
                .containsOnly(403);
        assertThat(noToken.json().get("error").asText()).isEqualTo("csrf");
        assertThat(otherOrigin.json().get("error").asText()).isEqualTo("cross_origin");
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);

        HttpResult allowed = browser(scenario, cookie).header("Origin", origin).header("X-JIT-CSRF", csrf)
                .send("PUT", path, Map.of("jitEnabled", false));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(scenario.organizationById(acmeId).get("attributes").get("jit.enabled").get(0).asText()).isEqualTo("false");
        scenario.setOrgAttribute(acmeId, "jit.enabled", null);
    }

    @Test
    void forgedExpiredAndRevokedLinksGetAClearPageAndNoSession(Scenario scenario) {
        String base = scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/jit-portal/link/" + acmeId + "/";
        HttpResult forged = open(scenario, base + PortalToken.generate() + "." + PortalToken.generate());
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.body()).contains("not valid");
        assertThat(forged.headers().firstValue("Set-Cookie")).isEmpty();

        String id = PortalToken.generate();
        String secret = PortalToken.generate();
        long past = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        scenario.setOrgAttribute(acmeId, "jit.portal-link." + id, PortalToken.hash(secret) + "|" + (past - 3600) + "|" + past + "|x");
        HttpResult expired = open(scenario, base + id + "." + secret);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        assertThat(expired.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(scenario.admin().get(links(scenario, acmeId))).anySatisfy(link -> {
            assertThat(link.get("id").asText()).isEqualTo(id);
            assertThat(link.get("state").asText()).isEqualTo("EXPIRED");
        });

        JsonNode revoked = createLink(scenario, acmeId);
        scenario.admin().delete(links(scenario, acmeId) + "/" + revoked.get("id").asText());
        HttpResult afterRevoke = open(scenario, revoked.get("url").asText());
        assertThat(afterRevoke.status()).isEqualTo(404);
        assertThat(afterRevoke.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResult otherOrganization = open(scenario, createLink(scenario, acmeId).get("url").asText()
                .replace("/link/" + acmeId + "#", "/link/" + globexId + "#"));
        assertThat(otherOrganization.status()).isEqualTo(404);
    }

    /**
     * A link's id with a wrong secret, a link opened under another organization's path and a link posted from another
     * origin are refused without a session and use nothing up: the organizations are as before, the link is still
     * active, and opens afterwards.
     */
    @Test
    void refusedOpensOfARealLinkChangeNothingAndTheLinkStillOpens(Scenario scenario) {
        JsonNode link = createLink(scenario, acmeId);
        String url = link.get("url").asText();
        String token = url.substring(url.indexOf('#') + 1);
        String acmeBefore = PortalFixture.snapshot(scenario, acmeId);
        String globexBefore = PortalFixture.snapshot(scenario, globexId);
        PortalHttp browser = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm())
                .header("Origin", scenario.server().baseUrl());

        HttpResult wrongSecret = browser.send("POST", "link/" + acmeId,
                "token=" + token.substring(0, token.indexOf('.') + 1) + PortalToken.generate(), "application/x-www-form-urlencoded");
        HttpResult otherOrganization = browser.send("POST", "link/" + globexId, "token=" + token,
                "application/x-www-form-urlencoded");
        HttpResult otherOrganizationLegacy = browser.send("POST", "link/" + globexId + "/" + token, "",
                "application/x-www-form-urlencoded");
        HttpResult otherOrigin = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm())
                .header("Origin", "https://evil.test")
                .send("POST", "link/" + acmeId, "token=" + token, "application/x-www-form-urlencoded");

        for (HttpResult refused : List.of(wrongSecret, otherOrganization, otherOrganizationLegacy, otherOrigin)) {
            assertThat(refused.status()).as(refused.body()).isIn(403, 404);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        }
        assertThat(linkState(scenario, link.get("id").asText())).isEqualTo("ACTIVE");
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(acmeBefore);
        assertThat(PortalFixture.snapshot(scenario, globexId)).isEqualTo(globexBefore);

        HttpResult opened = open(scenario, url);
        assertThat(opened.status()).as("the refusals used nothing up").isEqualTo(303);
        assertThat(browser(scenario, sessionCookie(opened)).get("api/organizations/" + acmeId).status()).isEqualTo(200);
    }

    @Test
    void linkLifetimeIsBoundedAndUnknownOrganizationsAreNotFound(Scenario scenario) {
        assertThat(scenario.admin().send("POST", links(scenario, acmeId), Map.of("lifetimeHours", 0)).status()).isEqualTo(400);
        assertThat(scenario.admin().send("POST", links(scenario, acmeId), Map.of("lifetimeHours", 169)).status()).isEqualTo(400);
        assertThat(scenario.admin().send("POST", links(scenario, acmeId), "{").status()).isEqualTo(400);
        JsonNode day = scenario.admin().send("POST", links(scenario, acmeId), Map.of("lifetimeHours", 24)).json();
        Duration lifetime = Duration.between(Instant.parse(day.get("createdAt").asText()), Instant.parse(day.get("expiresAt").asText()));
        assertThat(lifetime).isEqualTo(Duration.ofHours(24));
        JsonNode standard = createLink(scenario, acmeId);
        assertThat(Duration.between(Instant.parse(standard.get("createdAt").asText()), Instant.parse(standard.get("expiresAt").asText())))
                .isEqualTo(Duration.ofHours(72));
        assertThat(scenario.admin().send("GET", links(scenario, "no-such-org"), null).status()).isEqualTo(404);
        assertThat(scenario.admin().send("DELETE", links(scenario, acmeId) + "/" + PortalToken.generate(), null).status()).isEqualTo(404);
    }
}
