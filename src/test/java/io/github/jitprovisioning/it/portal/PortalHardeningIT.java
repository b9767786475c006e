package io.github.jitprovisioning.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The portal's API and pages under attack, on the real server: only tokens issued for the portal count; the portal's
 * own Content-Security-Policy is what every response carries (not Keycloak's default); a group that inherits an
 * administrative role from its parent is neither offered nor stored; bodies are strict (what they change, known
 * fields only, no duplicate keys, valid UTF-8) and every field is bounded; an invitation shows only the names the
 * admin typed; a disabled organization's portal is read-only and its setup links do not open. Every refusal leaves
 * the organization as it was. The last-admin race: {@link PortalAdminRaceIT}; the policy in Chromium:
 * {@link PortalCspBrowserIT}.
 */
@KeycloakIntegrationTest
class PortalHardeningIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String CRM_SECRET = "crm-client-secret";
    private static final String PASSWORD = "Adm1n-password!";
    private static final String INTRANET_SECRET = "intranet-client-secret";

    static String acmeId;
    static String hooliId;
    static String acmeAdminId;
    static String acmeAdminToken;
    static String hooliAdminToken;
    static String hooliAdminId;
    static String hooliMemberId;

    @BeforeAll
    static void customers(Scenario scenario) {
        PortalFixture.realmOptions(scenario);
        // a realm group that inherits an administrative role from its parent, and one that does not
        String management = scenario.clientUuid("realm-management");
        JsonNode manageUsers = scenario.admin().get("/" + scenario.appRealm() + "/clients/" + management + "/roles/manage-users");
        String corpTree = scenario.createGroup("/corp-tree");
        scenario.admin().post("/" + scenario.appRealm() + "/groups/" + corpTree + "/role-mappings/clients/" + management,
                List.of(manageUsers));
        scenario.createGroup("/corp-tree/child");
        scenario.createGroup("/plain/team");
        scenario.jitConfig(Map.of(
                "jit.grantable-roles", "employee,realm-management.manage-users",
                "jit.grantable-groups", "/staff,/ops,/corp-tree/*,/plain/*"));

        acmeId = PortalFixture.customer(scenario, "acme", "acme.test");
        hooliId = PortalFixture.customer(scenario, "hooli", "hooli.test");
        LoginResult acmeAdmin = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@acme.test");
        acmeAdminToken = acmeAdmin.tokenResponse().get("access_token").asText();
        acmeAdminId = acmeAdmin.accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, acmeId, acmeAdminId);
        LoginResult hooliAdmin = PortalFixture.signIn(scenario, "hooli-sso", "hooli-admin", "gavin@hooli.test");
        hooliAdminToken = hooliAdmin.tokenResponse().get("access_token").asText();
        hooliAdminId = hooliAdmin.accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, hooliId, hooliAdminId);
        hooliMemberId = PortalFixture.signIn(scenario, "hooli-sso", "hooli-member", "jared@hooli.test")
                .accessToken().get("sub").asText();
        scenario.smtp();
        // "intranet": an application of the realm that embeds the portal (it asks for the audience jit-portal)
        scenario.admin().post("/" + scenario.appRealm() + "/clients", Json.object().put("clientId", "intranet")
                .put("enabled", true).put("publicClient", false).put("secret", INTRANET_SECRET)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false));
        PortalFixture.portalAudience(scenario, "intranet");
    }

    private static PortalHttp acme(Scenario scenario) {
        return PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), acmeAdminToken);
    }

    private static String org(String id, String path) {
        return "api/organizations/" + id + (path.isEmpty() ? "" : "/" + path);
    }

    private static void assertRefused(HttpResult result, int status, String error, String... mentions) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        assertThat(result.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = result.json();
        assertThat(json.get("error").asText()).isEqualTo(error);
        for (String mention : mentions) {
            assertThat(json.get("message").asText()).contains(mention);
        }
    }

    // 1. token audience

    @Test
    void aTokenOfAnotherClientOfTheRealmHeldByAnOrgAdminIsRefusedAndChangesNothing(Scenario scenario) {
        // "crm": another application of the same realm that Acme's admin also uses
        ObjectNode crm = Json.object().put("clientId", "crm").put("enabled", true).put("publicClient", false)
                .put("secret", CRM_SECRET).put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
        scenario.admin().post("/" + scenario.appRealm() + "/clients", crm);
        scenario.admin().put("/" + scenario.appRealm() + "/users/" + acmeAdminId + "/reset-password",
                Map.of("type", "password", "value", PASSWORD, "temporary", false));
        String username = scenario.admin().get("/" + scenario.appRealm() + "/users/" + acmeAdminId).get("username").asText();
        JsonNode tokens = passwordGrant(scenario, "crm", CRM_SECRET, username, PASSWORD);
        String crmToken = tokens.get("access_token").asText();
        JsonNode claims = Json.parse(new String(java.util.Base64.getUrlDecoder().decode(crmToken.split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertThat(claims.get("azp").asText()).isEqualTo("crm");
        assertThat(claims.get("sub").asText()).isEqualTo(acmeAdminId);
        // the token is good for what it was issued for
        assertThat(get(scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/protocol/openid-connect/userinfo",
                crmToken).statusCode()).isEqualTo(200);
        String before = PortalFixture.snapshot(scenario, acmeId);

        PortalHttp leaked = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), crmToken);
        assertRefused(leaked.get("api/me"), 401, "unauthenticated");
        assertRefused(leaked.get(org(acmeId, "")), 401, "unauthenticated");
        assertRefused(leaked.send("PUT", org(acmeId, "settings"), Map.of("jitEnabled", false)), 401, "unauthenticated");
        assertRefused(leaked.send("POST", org(acmeId, "invitations"), Map.of("email", "spy@elsewhere.test")), 401,
                "unauthenticated");
        assertRefused(leaked.send("POST", org(acmeId, "domains"), Map.of("name", "evil-acme.test")), 401, "unauthenticated");

        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);
        assertThat(scenario.smtp().messagesTo("spy@elsewhere.test")).isEmpty();
        // the same user's token of the application that asks for the portal's audience works
        assertThat(acme(scenario).get(org(acmeId, "")).status()).isEqualTo(200);
    }

    // 2. the Content-Security-Policy that reaches the browser

    @Test
    void everyPortalResponseCarriesThePortalsPolicyNotKeycloaksDefault(Scenario scenario) {
        PortalHttp anonymous = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm());
        JsonNode link = scenario.admin().send("POST", "/" + scenario.appRealm() + "/jit/organizations/" + acmeId
                + "/portal-links", Map.of()).json();
        String linkPath = link.get("url").asText().substring(link.get("url").asText().indexOf("/jit-portal/") + 12);
        Map<String, HttpResult> responses = new java.util.LinkedHashMap<>();
        responses.put("page", anonymous.get(""));
        responses.put("script", anonymous.get("assets/portal.js"));
        responses.put("style", anonymous.get("assets/portal.css"));
        responses.put("link landing page", anonymous.get(linkPath));
        responses.put("forged link refusal page", anonymous.header("Origin", scenario.server().baseUrl())
                .send("POST", "link/" + acmeId + "/AAAA.BBBB", "", "application/x-www-form-urlencoded"));
        responses.put("api 200", acme(scenario).get(org(acmeId, "settings")));
        responses.put("api 401", PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm()).get("api/me"));
        responses.put("api 403", acme(scenario).get(org(hooliId, "")));
        responses.put("api 400", acme(scenario).send("PUT", org(acmeId, "grants"), Map.of()));
        responses.put("api 404", acme(scenario).send("DELETE", org(acmeId, "domains/not-there.acme.test"), null));
        assertThat(acme(scenario).send("POST", org(acmeId, "domains"), Map.of("name", "gone.acme.test")).status()).isEqualTo(201);
        responses.put("api 204", acme(scenario).send("DELETE", org(acmeId, "domains/gone.acme.test"), null));

        for (Map.Entry<String, HttpResult> response : responses.entrySet()) {
            List<String> policies = response.getValue().headers().allValues("Content-Security-Policy");
            assertThat(policies).as(response.getKey()).hasSize(1);
            String policy = policies.get(0);
            assertThat(policy).as(response.getKey())
                    .contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe")
                    .contains("frame-ancestors 'self'") // Keycloak's default
                    .isNotEqualTo("frame-src 'self'; frame-ancestors 'self'; object-src 'none';");
            assertThat(response.getValue().headers().firstValue("X-Content-Type-Options")).as(response.getKey()).hasValue("nosniff");
            assertThat(response.getValue().headers().firstValue("X-Frame-Options")).as(response.getKey()).hasValue("SAMEORIGIN");
        }
        assertThat(responses.get("page").body()).doesNotContain("<script>").contains("<script src=");
        assertThat(responses.get("forged link refusal page").status()).isEqualTo(404);
    }

    @Test
    void frameAncestorsFollowTheRealmsSecurityHeaders(Scenario scenario) {
        String realm = "/" + scenario.appRealm();
        JsonNode representation = scenario.admin().get(realm);
        ObjectNode headers = ((ObjectNode) representation.get("browserSecurityHeaders")).deepCopy();
        String original = headers.get("contentSecurityPolicy").asText();
        headers.put("contentSecurityPolicy", "frame-src 'self'; frame-ancestors 'self' https://intranet.example; object-src 'none';");
        scenario.admin().put(realm, Map.of("browserSecurityHeaders", headers));
        try {
            String policy = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm()).get("")
                    .headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("script-src 'self'").endsWith("frame-ancestors 'self' https://intranet.example");
        } finally {
            headers.put("contentSecurityPolicy", original);
            scenario.admin().put(realm, Map.of("browserSecurityHeaders", headers));
        }
    }

    // 3. groups judged by their effective roles

    @Test
    void aGroupThatInheritsAnAdministrativeRoleIsNotOfferedAndNotStored(Scenario scenario) {
        JsonNode offered = acme(scenario).get(org(acmeId, "grants")).json().get("groups").get("offered");
        assertThat(offered).extracting(JsonNode::asText).contains("/staff", "/plain/team")
                .doesNotContain("/corp-tree/child", "/corp-tree", "/ops");
        String before = PortalFixture.snapshot(scenario, acmeId);

        HttpResult stored = acme(scenario).send("PUT", org(acmeId, "grants"), Map.of("groups", List.of("/corp-tree/child")));

        assertRefused(stored, 400, "not_grantable");
        assertThat(stored.json().get("refused")).extracting(JsonNode::asText).containsExactly("group '/corp-tree/child'");
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);
    }

    // 5. strict bodies

    @Test
    void grantsBodiesThatDoNotSayWhatTheyChangeAreRefusedAndChangeNothing(Scenario scenario) {
        HttpResult set = acme(scenario).send("PUT", org(acmeId, "grants"),
                Map.of("roles", List.of("employee"), "groups", List.of("/staff")));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String before = PortalFixture.snapshot(scenario, acmeId);
        PortalHttp acme = acme(scenario);

        assertRefused(acme.send("PUT", org(acmeId, "grants"), "{}", "application/json"), 400, "invalid_request",
                "roles", "groups");
        assertRefused(acme.send("PUT", org(acmeId, "grants"), "{\"role\":[\"employee\"]}", "application/json"), 400,
                "unknown_field", "\"role\"");
        assertRefused(acme.send("PUT", org(acmeId, "grants"), "{\"roles\":[\"employee\"],\"roles\":[]}", "application/json"),
                400, "invalid_request", "Duplicate field 'roles'");
        byte[] invalidUtf8 = {'{', '"', 'r', 'o', 'l', 'e', 's', '"', ':', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']', '}'};
        assertRefused(acme.sendBytes("PUT", org(acmeId, "grants"), invalidUtf8, "application/json"), 400,
                "invalid_request", "UTF-8");
        assertRefused(acme.send("PUT", org(acmeId, "grants"), "roles=employee", "application/x-www-form-urlencoded"), 415,
                "unsupported_media_type");
        assertRefused(acme.send("PUT", org(acmeId, "grants"), "[]", "application/json"), 400, "invalid_request");
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);

        // one field changes that field only, and the answer is what was saved
        HttpResult rolesOnly = acme.send("PUT", org(acmeId, "grants"), Map.of("roles", List.of()));
        assertThat(rolesOnly.status()).as(rolesOnly.body()).isEqualTo(200);
        assertThat(rolesOnly.json().get("roles").get("selected")).isEmpty();
        assertThat(rolesOnly.json().get("groups").get("selected")).extracting(JsonNode::asText).containsExactly("/staff");
        JsonNode attributes = scenario.organizationById(acmeId).get("attributes");
        assertThat(attributes.has("jit.default-roles")).isFalse();
        assertThat(attributes.get("jit.groups").get(0).asText()).isEqualTo("/staff");
        HttpResult changed = acme.send("PUT", org(acmeId, "grants"), Map.of("roles", List.of("employee"), "groups", List.of()));
        assertThat(changed.json().get("roles").get("selected")).extracting(JsonNode::asText).containsExactly("employee");
        assertThat(changed.json().get("groups").get("selected")).isEmpty();
        assertThat(acme.send("PUT", org(acmeId, "settings"), "{}", "application/json").status()).isEqualTo(400);
    }

    @Test
    void unknownFieldsAnywhereAreNamedAndRefusedAndChangeNothing(Scenario scenario) {
        String before = PortalFixture.snapshot(scenario, acmeId);
        String hooliBefore = PortalFixture.snapshot(scenario, hooliId);
        PortalHttp acme = acme(scenario);

        assertRefused(acme.send("POST", org(acmeId, "domains"), Map.of("name", "labs.acme.test", "verified", true)), 400,
                "unknown_field", "\"verified\"");
        assertRefused(acme.send("POST", org(acmeId, "invitations"), Map.of("email", "dora@elsewhere.test",
                "organizationId", hooliId)), 400, "unknown_field", "\"organizationId\"");
        assertRefused(acme.send("PUT", org(acmeId, "settings"), Map.of("jitEnabled", false, "enabled", false)), 400,
                "unknown_field", "\"enabled\"");
        assertRefused(acme.send("POST", org(acmeId, "admins"), Map.of("userId", acmeAdminId, "group", "Admins")), 400,
                "unknown_field", "\"group\"");

        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);
        assertThat(PortalFixture.snapshot(scenario, hooliId)).isEqualTo(hooliBefore);
        assertThat(scenario.smtp().messagesTo("dora@elsewhere.test")).isEmpty();
    }

    // 6. bounds

    @Test
    void everyFieldIsBoundedAndEveryRefusalHasTheDocumentedForm(Scenario scenario) {
        String before = PortalFixture.snapshot(scenario, acmeId);
        PortalHttp acme = acme(scenario);
        String huge = "A".repeat(1024 * 1024);

        assertRefused(acme.send("POST", org(acmeId, "invitations"), Map.of("email", "big@elsewhere.test", "firstName", huge)),
                413, "too_large");
        assertRefused(acme.send("POST", org(acmeId, "invitations"), Map.of("email", "big@elsewhere.test",
                "firstName", "B".repeat(256))), 400, "invalid_request", "firstName", "255");
        assertRefused(acme.send("POST", org(acmeId, "invitations"), Map.of("email", "big@elsewhere.test",
                "lastName", "<img src=x>")), 400, "invalid_request", "lastName");
        assertRefused(acme.send("POST", org(acmeId, "invitations"), Map.of("email", "l".repeat(65) + "@elsewhere.test")),
                400, "invalid_request", "email");
        assertRefused(acme.send("POST", org(acmeId, "invitations"), Map.of("email", "a@" + "d".repeat(250) + ".test")),
                400, "invalid_request", "email");
        assertRefused(acme.send("POST", org(acmeId, "domains"), Map.of("name", "x".repeat(300) + ".test")), 400,
                "invalid_request", "name");
        assertRefused(acme.send("POST", org(acmeId, "admins"), Map.of("userId", "u".repeat(300))), 400, "invalid_request",
                "userId");
        assertRefused(acme.send("PUT", org(acmeId, "grants"), Map.of("roles", java.util.Collections.nCopies(101, "employee"))),
                400, "invalid_request", "roles");
        assertThat(PortalFixture.snapshot(scenario, acmeId)).isEqualTo(before);
        assertThat(scenario.smtp().messagesTo("big@elsewhere.test")).isEmpty();

        for (String max : List.of("abc", "99999999999", "0", "-1", "501", "1.5")) {
            assertRefused(acme.get(org(acmeId, "decisions?max=" + URLEncoder.encode(max, StandardCharsets.UTF_8))), 400,
                    "invalid_request", "max");
        }
        assertThat(acme.get(org(acmeId, "decisions?max=500")).status()).isEqualTo(200);
        assertRefused(acme.get(org(acmeId, "decisions?outcome=" + "o".repeat(256))), 400, "invalid_request", "outcome");
        assertRefused(acme.get(org(acmeId, "admins/members?search=" + "s".repeat(256))), 400, "invalid_request", "search");

        // at the bound: accepted and stored as typed
        String longest = "N".repeat(255);
        HttpResult invited = acme.send("POST", org(acmeId, "invitations"), Map.of("email", "nora@elsewhere.test",
                "firstName", longest, "lastName", "O'Neil-Ünal"));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        JsonNode nora = invitation(acme, acmeId, "nora@elsewhere.test");
        assertThat(nora.get("firstName").asText()).isEqualTo(longest);
        assertThat(nora.get("lastName").asText()).isEqualTo("O'Neil-Ünal");
    }

    // 7. an invitation shows only what the admin typed

    @Test
    void theInvitationListShowsOnlyTheNamesTheAdminTyped(Scenario scenario) {
        // an existing account of the realm (a member of Hooli) at an address of no organization's domain
        String patId = scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of("username", "pat",
                "enabled", true, "email", "pat@freemail.test", "firstName", "Patricia", "lastName", "Private")).createdId();
        scenario.admin().post("/" + scenario.appRealm() + "/organizations/" + hooliId + "/members", patId);
        scenario.admin().post("/" + scenario.appRealm() + "/users", Map.of("username", "quinn",
                "enabled", true, "email", "quinn@freemail.test", "firstName", "Quinn", "lastName", "Quiet"));
        PortalHttp acme = acme(scenario);

        HttpResult untyped = acme.send("POST", org(acmeId, "invitations"), Map.of("email", "pat@freemail.test"));
        assertThat(untyped.status()).as(untyped.body()).isEqualTo(201);
        HttpResult typed = acme.send("POST", org(acmeId, "invitations"), Map.of("email", "quinn@freemail.test",
                "firstName", "Q.", "lastName", "Contractor"));
        assertThat(typed.status()).as(typed.body()).isEqualTo(201);
        HttpResult unknown = acme.send("POST", org(acmeId, "invitations"), Map.of("email", "nobody@freemail.test"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(201);

        JsonNode pat = invitation(acme, acmeId, "pat@freemail.test");
        JsonNode nobody = invitation(acme, acmeId, "nobody@freemail.test");
        assertThat(pat.hasNonNull("firstName")).as(pat.toString()).isFalse();
        assertThat(pat.hasNonNull("lastName")).as(pat.toString()).isFalse();
        // an existing account and an unknown address look the same: no existence oracle
        assertThat(withoutIdAndTimes(pat)).isEqualTo(withoutIdAndTimes(nobody).put("email", "pat@freemail.test"));
        JsonNode quinn = invitation(acme, acmeId, "quinn@freemail.test");
        assertThat(quinn.get("firstName").asText()).isEqualTo("Q.");
        assertThat(quinn.get("lastName").asText()).isEqualTo("Contractor");
        assertThat(acme.get(org(acmeId, "invitations")).body()).doesNotContain("Patricia").doesNotContain("Private")
                .doesNotContain("Quinn").doesNotContain("Quiet");

        // a resend invites anew through Keycloak, which fills in the account's names again: still only what was typed
        assertThat(acme.send("POST", org(acmeId, "invitations/" + pat.get("id").asText() + "/resend"), null).status())
                .isEqualTo(204);
        assertThat(acme.send("POST", org(acmeId, "invitations/" + quinn.get("id").asText() + "/resend"), null).status())
                .isEqualTo(204);
        String list = acme.get(org(acmeId, "invitations")).body();
        assertThat(list).doesNotContain("Patricia").doesNotContain("Private").doesNotContain("Quinn").doesNotContain("Quiet");
        assertThat(invitation(acme, acmeId, "quinn@freemail.test").get("lastName").asText()).isEqualTo("Contractor");
    }

    private static JsonNode invitation(PortalHttp portal, String orgId, String email) {
        for (JsonNode invitation : portal.get(org(orgId, "invitations")).json()) {
            if (invitation.get("email").asText().equals(email)) {
                return invitation;
            }
        }
        throw new AssertionError("no invitation of " + email);
    }

    private static ObjectNode withoutIdAndTimes(JsonNode invitation) {
        ObjectNode copy = invitation.deepCopy();
        copy.remove(List.of("id", "sentAt", "expiresAt"));
        return copy;
    }

    // 11. disabled organizations

    @Test
    void aDisabledOrganizationsPortalIsReadOnlyAndItsSetupLinksDoNotOpen(Scenario scenario) {
        String realm = "/" + scenario.appRealm();
        String links = realm + "/jit/organizations/" + hooliId + "/portal-links";
        JsonNode link = scenario.admin().send("POST", links, Map.of()).json();
        String linkPath = link.get("url").asText().substring(link.get("url").asText().indexOf("/jit-portal/") + 12);
        scenario.inviteUser(hooliId, "vendor@elsewhere.test");
        String invitationId = scenario.admin().get(realm + "/organizations/" + hooliId + "/invitations").get(0).get("id").asText();
        assertThat(PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), hooliAdminToken)
                .send("POST", org(hooliId, "domains"), Map.of("name", "pending.hooli.test")).status()).isEqualTo(201);
        // an admin who is an unmanaged member (Keycloak treats the managed members of a disabled organization as
        // disabled users, so Hooli's SSO admin cannot sign in at all while it is disabled), signed in through an
        // application that embeds the portal
        String hankId = scenario.admin().post(realm + "/users", Map.of("username", "hank", "enabled", true,
                "email", "hank@hooli-staff.test", "firstName", "Hank", "lastName", "It")).createdId();
        scenario.admin().put(realm + "/users/" + hankId + "/reset-password",
                Map.of("type", "password", "value", PASSWORD, "temporary", false));
        scenario.admin().post(realm + "/organizations/" + hooliId + "/members", hankId);
        PortalFixture.makeAdmin(scenario, hooliId, hankId);
        PortalHttp hooli = PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(),
                passwordGrant(scenario, "intranet", INTRANET_SECRET, "hank", PASSWORD).get("access_token").asText());
        // a setup-link session opened before the organization was disabled
        JsonNode opened = scenario.admin().send("POST", links, Map.of()).json();
        HttpResult session = PortalSetupLinkIT.open(scenario, opened.get("url").asText());
        assertThat(session.status()).isEqualTo(303);
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        PortalHttp linkSession = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm()).header("Cookie", cookie);
        linkSession.header("Origin", scenario.server().baseUrl())
                .header("X-JIT-CSRF", linkSession.get("api/me").json().get("csrf").asText());

        scenario.disableOrganization(hooliId);
        String before = withoutBackgroundChecks(PortalFixture.snapshot(scenario, hooliId));
        int mails = scenario.smtp().messages().size();

        // reads work and say so
        HttpResult overview = hooli.get(org(hooliId, ""));
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.json().get("enabled").asBoolean()).isFalse();
        assertThat(overview.json().get("readOnly").asBoolean()).isTrue();
        for (String read : List.of("settings", "grants", "domains", "admins", "admins/members", "invitations", "decisions")) {
            assertThat(hooli.get(org(hooliId, read)).status()).as(read).isEqualTo(200);
        }
        assertThat(hooli.get("api/me").json().get("organizations").get(0).get("enabled").asBoolean()).isFalse();

        // every change: 409 with a clear error, nothing changed
        List<String[]> changes = List.of(
                new String[]{"PUT", "settings", "{\"jitEnabled\":false}"},
                new String[]{"PUT", "grants", "{\"roles\":[\"employee\"]}"},
                new String[]{"POST", "domains", "{\"name\":\"new.hooli.test\"}"},
                new String[]{"POST", "domains/pending.hooli.test/verify", null},
                new String[]{"DELETE", "domains/pending.hooli.test", null},
                new String[]{"DELETE", "domains/hooli.test", null},
                new String[]{"POST", "admins", "{\"userId\":\"" + hooliMemberId + "\"}"},
                new String[]{"DELETE", "admins/" + hooliAdminId, null},
                new String[]{"POST", "invitations", "{\"email\":\"new@elsewhere.test\"}"},
                new String[]{"POST", "invitations/" + invitationId + "/resend", null},
                new String[]{"DELETE", "invitations/" + invitationId, null});
        for (String[] change : changes) {
            assertRefused(hooli.send(change[0], org(hooliId, change[1]), change[2], "application/json"), 409,
                    "organization_disabled", "disabled");
            assertRefused(linkSession.send(change[0], org(hooliId, change[1]), change[2], "application/json"), 409,
                    "organization_disabled", "disabled");
        }
        assertThat(linkSession.get(org(hooliId, "settings")).status()).isEqualTo(200);
        assertThat(PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), hooliAdminToken)
                .send("PUT", org(hooliId, "settings"), Map.of("jitEnabled", false)).status()).isEqualTo(401);
        assertThat(withoutBackgroundChecks(PortalFixture.snapshot(scenario, hooliId))).isEqualTo(before);
        assertThat(scenario.smtp().messages()).hasSize(mails);

        // its setup link does not open: a clear page, no session, and the link stays unused
        PortalHttp browser = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm())
                .header("Origin", scenario.server().baseUrl());
        // the link as sent (its secret in the fragment, which the landing page cannot see: the form's POST is refused)
        HttpResult refusedOpen = PortalSetupLinkIT.open(scenario, link.get("url").asText());
        assertThat(refusedOpen.status()).isEqualTo(403);
        assertThat(refusedOpen.body()).contains("data-reason=\"disabled\"");
        assertThat(refusedOpen.headers().firstValue("Set-Cookie")).isEmpty();
        // the same link in the form of earlier releases (the secret in the path): the landing page already says so
        String legacyPath = linkPath.replace('#', '/');
        HttpResult landing = browser.get(legacyPath);
        assertThat(landing.status()).isEqualTo(403);
        assertThat(landing.body()).contains("data-reason=\"disabled\"").contains("is disabled").doesNotContain("jit-open-link");
        HttpResult refusedLegacyOpen = browser.send("POST", legacyPath, "", "application/x-www-form-urlencoded");
        assertThat(refusedLegacyOpen.status()).isEqualTo(403);
        assertThat(refusedLegacyOpen.body()).contains("data-reason=\"disabled\"");
        assertThat(refusedLegacyOpen.headers().firstValue("Set-Cookie")).isEmpty();
        // only a valid link learns that its organization is disabled: a forged one is just not valid
        HttpResult forged = browser.send("POST", "link/" + hooliId + "/AAAA.BBBB", "", "application/x-www-form-urlencoded");
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.body()).contains("data-reason=\"invalid\"").doesNotContain("is disabled");
        assertThat(browser.get("link/" + hooliId + "/AAAA.BBBB").body()).contains("jit-open-link").doesNotContain("is disabled");
        assertThat(scenario.admin().get(links)).anySatisfy(listed -> {
            assertThat(listed.get("id").asText()).isEqualTo(link.get("id").asText());
            assertThat(listed.get("state").asText()).isEqualTo("ACTIVE");
        });
        assertThat(withoutBackgroundChecks(PortalFixture.snapshot(scenario, hooliId))).isEqualTo(before);
    }

    /**
     * The snapshot without the time and answer of the last background DNS check of a pending claim (the server's, not
     * ours: it may run between two snapshots, or not).
     */
    private static String withoutBackgroundChecks(String snapshot) {
        return snapshot.replaceAll("\"lastCheckedAt\":\"[^\"]*\",", "").replaceAll("\"lastCheck\":\"[^\"]*\",", "");
    }

    private static JsonNode passwordGrant(Scenario scenario, String clientId, String secret, String username, String password) {
        String form = "grant_type=password&client_id=" + clientId + "&client_secret=" + secret + "&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&scope=openid";
        HttpRequest request = HttpRequest.newBuilder(URI.create(scenario.server().baseUrl() + "/realms/" + scenario.appRealm()
                        + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = exchange(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static HttpResponse<String> get(String url, String token) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
