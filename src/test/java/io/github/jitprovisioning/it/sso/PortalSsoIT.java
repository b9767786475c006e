package io.github.jitprovisioning.it.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import no.nav.security.mock.oauth2.MockOAuth2Server;

import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.portal.PortalSetupLinkIT;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.TestDnsServer;

import io.github.jitprovisioning.it.harness.SsoFixture;

/**
 * The portal's Single sign-on section against a real third-party OpenID Provider that this test starts in its own
 * JVM (NAV's mock-oauth2-server), reached by Keycloak over http://localhost through the realm's fetch allow-list:
 * an Acme admin connects it through the portal API, runs the test sign-in (which creates no user, link or
 * session), takes it live, and a new user of Acme's DNS-verified domain signs in through it and is provisioned by
 * JIT. Refusals leave the realm's identity providers and both organizations as they were.
 */
@KeycloakIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalSsoIT {

    private static final String DOMAIN = "sso-acme.test";

    static MockOAuth2Server idp;
    static HttpServer hostile;
    static String issuer;
    static String acmeId;
    static String globexId;
    static String bareId;
    static String acmeAdminToken;
    static String acmeMemberToken;
    static String globexAdminToken;
    static String alias;

    @BeforeAll
    static void customersAndTheirIdp(Scenario scenario) throws IOException {
        idp = SsoFixture.start();
        issuer = SsoFixture.issuer(idp, "acme");
        hostile = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 0);
        hostile.createContext("/to-private", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://10.0.0.7/.well-known/openid-configuration");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        hostile.createContext("/huge", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                out.write('{');
                for (int i = 0; i < 160; i++) {
                    out.write(chunk);
                }
                out.write('}');
            } catch (IOException e) {
                // the server stopped reading: expected
            }
            exchange.close();
        });
        hostile.start();

        String realm = "/" + scenario.appRealm();
        scenario.admin().put(realm, Map.of("accessTokenLifespan", 3600, "ssoSessionIdleTimeout", 7200));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("jit.portal-sso", "on");
        options.put("jit.portal-sso-fetch-allow-hosts", "localhost");
        options.put("jit.require-verified-domain", "false");
        scenario.jitConfig(options);
        PortalFixture.portalAudience(scenario, Scenario.APP_CLIENT_ID);

        // Acme's domain verified by DNS (the test's DNS server), not by the admin API
        acmeId = scenario.organization("acme", List.of(), Map.of());
        DomainApi domains = new DomainApi(scenario);
        HttpResult claimed = domains.claim(acmeId, DOMAIN);
        TestDnsServer.shared().txt(DomainApi.recordName(claimed), List.of(List.of(DomainApi.recordValue(claimed))));
        assertThat(domains.verifyNow(acmeId, DOMAIN).json().path("state").asText()).isEqualTo("verified");
        scenario.oidcIdp("acme-sso", acmeId, false);
        PortalFixture.orgGroup(scenario, acmeId, "Admins");

        globexId = PortalFixture.customer(scenario, "globex", "globex.test");
        bareId = scenario.organization("bare", List.of("bare.test"), Map.of());
        PortalFixture.orgGroup(scenario, bareId, "Admins");

        // the admins sign in through their organizations' existing IdPs (provisioned by JIT); Acme's admin also
        // administers Bare, whose only domain is not verified
        LoginResult acmeAdmin = PortalFixture.signIn(scenario, "acme-sso", "acme-admin", "admin@" + DOMAIN);
        acmeAdminToken = acmeAdmin.tokenResponse().get("access_token").asText();
        String acmeAdminId = acmeAdmin.accessToken().get("sub").asText();
        PortalFixture.makeAdmin(scenario, acmeId, acmeAdminId);
        scenario.admin().post(realm + "/organizations/" + bareId + "/members", acmeAdminId);
        PortalFixture.makeAdmin(scenario, bareId, acmeAdminId);
        LoginResult acmeMember = PortalFixture.signIn(scenario, "acme-sso", "acme-member", "mia@" + DOMAIN);
        acmeMemberToken = acmeMember.tokenResponse().get("access_token").asText();
        LoginResult globexAdmin = PortalFixture.signIn(scenario, "globex-sso", "globex-admin", "gus@globex.test");
        globexAdminToken = globexAdmin.tokenResponse().get("access_token").asText();
        PortalFixture.makeAdmin(scenario, globexId, globexAdmin.accessToken().get("sub").asText());
    }

    /** A browser holding a setup-link session of organization {@code orgId}, with its CSRF token and origin. */
    private static PortalHttp linkSession(Scenario scenario, String orgId) {
        JsonNode link = scenario.admin().send("POST", "/" + scenario.appRealm() + "/jit/organizations/" + orgId
                + "/portal-links", Map.of()).json();
        HttpResult opened = PortalSetupLinkIT.open(scenario, link.get("url").asText());
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        PortalHttp session = PortalHttp.anonymous(scenario.server().baseUrl(), scenario.appRealm()).header("Cookie", cookie);
        return session.header("Origin", scenario.server().baseUrl())
                .header("X-JIT-CSRF", session.get("api/me").json().get("csrf").asText());
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.shutdown();
        }
        if (hostile != null) {
            hostile.stop(0);
        }
    }

    private static PortalHttp as(Scenario scenario, String token) {
        return PortalHttp.bearer(scenario.server().baseUrl(), scenario.appRealm(), token);
    }

    private static String sso(String orgId, String path) {
        return "api/organizations/" + orgId + "/sso" + (path.isEmpty() ? "" : "/" + path);
    }

    /** Everything a refusal could have changed: the realm's IdPs with their mappers, both organizations, the users. */
    private static String state(Scenario scenario) {
        ObjectNode state = Json.object();
        String realm = "/" + scenario.appRealm();
        JsonNode idps = scenario.admin().get(realm + "/identity-provider/instances");
        state.set("idps", idps);
        ObjectNode mappers = state.putObject("mappers");
        for (JsonNode each : idps) {
            String a = each.get("alias").asText();
            mappers.set(a, scenario.admin().get(realm + "/identity-provider/instances/" + a + "/mappers"));
        }
        state.put("acme", PortalFixture.snapshot(scenario, acmeId));
        state.put("globex", PortalFixture.snapshot(scenario, globexId));
        state.put("bare", PortalFixture.snapshot(scenario, bareId));
        state.put("users", scenario.userCount());
        return Json.write(state);
    }

    @Test
    @Order(1)
    void theSectionShowsWhatTheIdpNeedsFromUsBeforeAnythingIsConnected(Scenario scenario) {
        HttpResult section = as(scenario, acmeAdminToken).get(sso(acmeId, ""));

        assertThat(section.status()).as(section.body()).isEqualTo(200);
        JsonNode json = section.json();
        assertThat(json.get("enabled").asBoolean()).isTrue();
        assertThat(json.get("verifiedDomains").toString()).contains(DOMAIN);
        assertThat(json.get("identityProviders")).isEmpty();
        assertThat(json.get("otherIdentityProviders").toString()).contains("acme-sso");
        assertThat(json.at("/next/alias").asText()).isEqualTo("acme-sso-2");
        assertThat(json.at("/next/redirectUris/signIn").asText()).isEqualTo(scenario.server().baseUrl() + "/realms/"
                + scenario.appRealm() + "/broker/acme-sso-2/endpoint");
        assertThat(json.at("/next/redirectUris/test").asText()).endsWith("/jit-portal/sso/test-callback");
    }

    @Test
    @Order(2)
    void acmeAdminConnectsTheIdpAsADraftWithTheSettingsTheServerFixes(Scenario scenario) {
        HttpResult created = as(scenario, acmeAdminToken).send("POST", sso(acmeId, ""), SsoFixture.connect(issuer));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        alias = created.json().get("alias").asText();
        assertThat(alias).isEqualTo("acme-sso-2");
        assertThat(created.json().get("state").asText()).isEqualTo("draft");
        assertThat(created.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("s3cr3t-value-of-acme");

        JsonNode model = scenario.admin().get("/" + scenario.appRealm() + "/identity-provider/instances/" + alias);
        assertThat(model.get("providerId").asText()).isEqualTo("oidc");
        assertThat(model.get("enabled").asBoolean()).isFalse();
        assertThat(model.get("trustEmail").asBoolean()).isFalse();
        assertThat(model.get("storeToken").asBoolean()).isFalse();
        assertThat(model.get("linkOnly").asBoolean()).isFalse();
        assertThat(model.get("firstBrokerLoginFlowAlias").asText()).isEqualTo(Scenario.JIT_FLOW_ALIAS);
        assertThat(model.get("organizationId").asText()).isEqualTo(acmeId);
        JsonNode config = model.get("config");
        assertThat(config.get("issuer").asText()).isEqualTo(issuer);
        assertThat(config.get("authorizationUrl").asText()).isEqualTo(issuer + "/authorize");
        assertThat(config.get("tokenUrl").asText()).isEqualTo(issuer + "/token");
        assertThat(config.get("jwksUrl").asText()).isEqualTo(issuer + "/jwks");
        assertThat(config.get("pkceEnabled").asText()).isEqualTo("true");
        assertThat(config.get("pkceMethod").asText()).isEqualTo("S256");
        assertThat(config.get("validateSignature").asText()).isEqualTo("true");
        assertThat(config.get("useJwksUrl").asText()).isEqualTo("true");
        assertThat(config.get("syncMode").asText()).isEqualTo("IMPORT");
        assertThat(config.has("kc.org.domain")).as("no domain before it is live").isFalse();
        JsonNode mappers = scenario.admin().get("/" + scenario.appRealm() + "/identity-provider/instances/" + alias + "/mappers");
        assertThat(mappers).hasSize(1);
        assertThat(mappers.get(0).get("identityProviderMapper").asText()).isEqualTo("jit-profile-sync");

        JsonNode event = scenario.adminEvents().stream()
                .filter(e -> e.path("resourcePath").asText().equals("organizations/" + acmeId + "/jit-portal/sso/" + alias))
                .findFirst().orElseThrow(() -> new AssertionError("no admin event"));
        assertThat(event.get("operationType").asText()).isEqualTo("CREATE");
        assertThat(event.toString()).doesNotContain("s3cr3t-value-of-acme");
        assertThat(scenario.server().serverLog()).doesNotContain("s3cr3t-value-of-acme");
        assertThat(AuditLog.lines(scenario.server(), scenario.appRealm()))
                .anySatisfy(line -> assertThat(line.path("action").asText()).isEqualTo("sso.create"));
    }

    @Test
    @Order(3)
    void goingLiveWithoutATestIsRefused(Scenario scenario) {
        String before = state(scenario);

        HttpResult refused = as(scenario, acmeAdminToken).send("POST", sso(acmeId, alias + "/go-live"), (Object) null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("not_tested");
        assertThat(state(scenario)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void theTestSignInShowsTheClaimsAndTheDecisionAndCreatesNothing(Scenario scenario) {
        int users = scenario.userCount();
        int sessions = scenario.admin().get("/" + scenario.appRealm() + "/client-session-stats").size();
        SsoFixture.nextSignIn(idp, "acme", "tess-sub", SsoFixture.person("tess@" + DOMAIN, "Tess", "Tester"));

        HttpResponse<String> finished = SsoFixture.testSignIn(as(scenario, acmeAdminToken), acmeId, alias);

        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).contains("id=\"jit-sso-test-finished\" data-ok=\"true\"");
        HttpResult result = as(scenario, acmeAdminToken).get(sso(acmeId, alias + "/test"));
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonNode json = result.json();
        assertThat(json.get("ok").asBoolean()).as(result.body()).isTrue();
        assertThat(json.get("current").asBoolean()).isTrue();
        assertThat(json.at("/claims/email").asText()).isEqualTo("tess@" + DOMAIN);
        assertThat(json.at("/claims/sub").asText()).isEqualTo("tess-sub");
        assertThat(json.at("/decision/outcome").asText()).isEqualTo("provisioned");
        assertThat(json.at("/decision/organization").asText()).isEqualTo("acme");

        assertThat(scenario.userCount()).as("no user created").isEqualTo(users);
        assertThat(scenario.userByEmail("tess@" + DOMAIN)).isEmpty();
        assertThat(scenario.admin().get("/" + scenario.appRealm() + "/client-session-stats").size()).isEqualTo(sessions);
        assertThat(as(scenario, acmeAdminToken).get(sso(acmeId, alias)).json().get("state").asText()).isEqualTo("tested");

        HttpResult replay = as(scenario, acmeAdminToken).get(sso(acmeId, alias + "/test"));
        assertThat(replay.status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aTestWithoutAVerifiedEmailSaysWhatToFixAtTheIdp(Scenario scenario) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", "nova@" + DOMAIN);
        SsoFixture.nextSignIn(idp, "acme", "nova-sub", claims);

        SsoFixture.testSignIn(as(scenario, acmeAdminToken), acmeId, alias);

        JsonNode json = as(scenario, acmeAdminToken).get(sso(acmeId, alias + "/test")).json();
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.at("/decision/outcome").asText()).isNotEqualTo("provisioned");
        assertThat(json.at("/decision/advice").asText()).isEqualTo("verify_email_at_idp");
    }

    @Test
    @Order(6)
    void aCallbackFromAnotherBrowserOrReplayedIsRefusedAndRecordsNothing(Scenario scenario) {
        HttpResult started = as(scenario, acmeAdminToken).send("POST", sso(acmeId, alias + "/test"), (Object) null);
        HttpResponse<String> atIdp = SsoFixture.get(started.json().get("authorizationUrl").asText(), Map.of());
        String callback = atIdp.headers().firstValue("Location").orElseThrow();
        String before = state(scenario);

        HttpResponse<String> noCookie = SsoFixture.get(callback, Map.of());
        HttpResponse<String> replayed = SsoFixture.get(callback, Map.of("Cookie",
                started.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]));

        assertThat(noCookie.body()).contains("data-ok=\"false\"");
        assertThat(replayed.body()).as("a state answers once").contains("data-ok=\"false\"");
        assertThat(state(scenario)).isEqualTo(before);
    }

    @Test
    @Order(7)
    void goLiveLinksTheVerifiedDomainWithRedirectAndANewUserIsProvisionedThroughIt(Scenario scenario) {
        SsoFixture.nextSignIn(idp, "acme", "tess-sub", SsoFixture.person("tess@" + DOMAIN, "Tess", "Tester"));
        SsoFixture.testSignIn(as(scenario, acmeAdminToken), acmeId, alias);

        HttpResult live = as(scenario, acmeAdminToken).send("POST", sso(acmeId, alias + "/go-live"), (Object) null);

        assertThat(live.status()).as(live.body()).isEqualTo(200);
        assertThat(live.json().get("state").asText()).isEqualTo("live");
        JsonNode model = scenario.admin().get("/" + scenario.appRealm() + "/identity-provider/instances/" + alias);
        assertThat(model.get("enabled").asBoolean()).isTrue();
        assertThat(model.at("/config/kc.org.domain").asText()).isEqualTo(DOMAIN);
        assertThat(model.at("/config/kc.org.broker.redirect.mode.email-matches").asText()).isEqualTo("true");

        SsoFixture.nextSignIn(idp, "acme", "nina-sub", SsoFixture.person("nina@" + DOMAIN, "Nina", "New"));
        LoginResult login = scenario.login(alias, "nina");

        assertThat(login.loggedIn()).as(login.toString()).isTrue();
        JsonNode nina = scenario.userByEmail("nina@" + DOMAIN).orElseThrow();
        assertThat(nina.get("firstName").asText()).isEqualTo("Nina");
        assertThat(scenario.members(acmeId)).anySatisfy(m -> assertThat(m.get("id").asText()).isEqualTo(nina.get("id").asText()));
        assertThat(scenario.federatedIdentities(nina.get("id").asText()))
                .anySatisfy(link -> assertThat(link.get("identityProvider").asText()).isEqualTo(alias));
        assertThat(scenario.firstLoginEvent(nina.get("id").asText()).path("details").path("jit_outcome").asText())
                .isEqualTo("provisioned");
    }

    @Test
    @Order(8)
    void aChangedClientNeedsANewTestAndDeleteWithLinkedUsersAsksForTheName(Scenario scenario) {
        HttpResult changed = as(scenario, acmeAdminToken).send("PUT", sso(acmeId, alias), Map.of("clientId", "rotated"));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("state").asText()).isEqualTo("draft");
        assertThat(scenario.admin().get("/" + scenario.appRealm() + "/identity-provider/instances/" + alias)
                .get("enabled").asBoolean()).isFalse();

        String before = state(scenario);
        HttpResult unconfirmed = as(scenario, acmeAdminToken).send("DELETE", sso(acmeId, alias), (Object) null);
        HttpResult wrongName = as(scenario, acmeAdminToken).send("DELETE", sso(acmeId, alias + "?confirm=globex"), (Object) null);
        assertThat(unconfirmed.status()).isEqualTo(409);
        assertThat(unconfirmed.json().get("error").asText()).isEqualTo("confirmation_required");
        assertThat(wrongName.status()).isEqualTo(409);
        assertThat(state(scenario)).isEqualTo(before);

        HttpResult disabled = as(scenario, acmeAdminToken).send("POST", sso(acmeId, alias + "/disable"), (Object) null);
        assertThat(disabled.status()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void refusalsChangeNothing(Scenario scenario) {
        PortalHttp acme = as(scenario, acmeAdminToken);
        PortalHttp member = as(scenario, acmeMemberToken);
        PortalHttp globex = as(scenario, globexAdminToken);
        String before = state(scenario);
        String local = "http://localhost:" + hostile.getAddress().getPort();
        Map<String, Object> trustEmail = new LinkedHashMap<>(SsoFixture.connect(issuer));
        trustEmail.put("trustEmail", true);
        Map<String, Object> roleMapper = new LinkedHashMap<>(SsoFixture.connect(issuer));
        roleMapper.put("mappers", List.of(Map.of("identityProviderMapper", "oidc-hardcoded-role-idp-mapper",
                "config", Map.of("role", "admin"))));
        Map<String, Object> otherFlow = new LinkedHashMap<>(SsoFixture.connect(issuer));
        otherFlow.put("firstBrokerLoginFlowAlias", "first broker login");

        Map<String, HttpResult> refused = new LinkedHashMap<>();
        refused.put("globex admin reads acme's idp", globex.get(sso(acmeId, alias)));
        refused.put("globex admin deletes acme's idp by its alias under globex",
                globex.send("DELETE", sso(globexId, alias + "?confirm=globex"), (Object) null));
        refused.put("globex admin takes acme's idp live under globex",
                globex.send("POST", sso(globexId, alias + "/go-live"), (Object) null));
        refused.put("a member creates", member.send("POST", sso(acmeId, ""), SsoFixture.connect(issuer)));
        refused.put("a member disables", member.send("POST", sso(acmeId, alias + "/disable"), (Object) null));
        refused.put("127.0.0.1 over http", acme.send("POST", sso(acmeId, ""),
                SsoFixture.connect("http://127.0.0.1:" + idp.baseUrl().port() + "/acme")));
        refused.put("127.0.0.1 over https", acme.send("POST", sso(acmeId, ""), SsoFixture.connect("https://127.0.0.1:1/acme")));
        refused.put("10.x", acme.send("POST", sso(acmeId, ""), SsoFixture.connect("https://10.1.2.3/acme")));
        refused.put("cloud metadata", acme.send("POST", sso(acmeId, ""), SsoFixture.connect("https://169.254.169.254/latest")));
        refused.put("plain http", acme.send("POST", sso(acmeId, ""), SsoFixture.connect("http://idp.example.com/acme")));
        refused.put("redirect to a private address", acme.send("POST", sso(acmeId, ""), SsoFixture.connect(local + "/to-private")));
        refused.put("10 MiB document", acme.send("POST", sso(acmeId, ""), SsoFixture.connect(local + "/huge")));
        refused.put("trust email", acme.send("POST", sso(acmeId, ""), trustEmail));
        refused.put("role mapper", acme.send("POST", sso(acmeId, ""), roleMapper));
        refused.put("another flow", acme.send("POST", sso(acmeId, ""), otherFlow));
        refused.put("trust email on update", acme.send("PUT", sso(acmeId, alias), Map.of("trustEmail", true)));
        refused.put("no verified domain", acme.send("POST", sso(bareId, ""), SsoFixture.connect(issuer)));

        assertThat(refused.get("globex admin reads acme's idp").status()).isEqualTo(403);
        assertThat(refused.get("globex admin deletes acme's idp by its alias under globex").status()).isEqualTo(404);
        assertThat(refused.get("globex admin takes acme's idp live under globex").status()).isEqualTo(404);
        assertThat(refused.get("a member creates").status()).isEqualTo(403);
        assertThat(refused.get("a member disables").status()).isEqualTo(403);
        for (String ssrf : List.of("127.0.0.1 over http", "127.0.0.1 over https", "10.x", "cloud metadata", "plain http",
                "redirect to a private address", "10 MiB document")) {
            assertThat(refused.get(ssrf).status()).as(ssrf + ": " + refused.get(ssrf).body()).isEqualTo(400);
            assertThat(refused.get(ssrf).json().get("message").asText()).as(ssrf).isNotBlank();
        }
        assertThat(refused.get("127.0.0.1 over http").json().get("error").asText()).isEqualTo("not_https");
        assertThat(refused.get("plain http").json().get("error").asText()).isEqualTo("not_https");
        assertThat(refused.get("127.0.0.1 over https").json().get("error").asText()).isEqualTo("not_public_address");
        assertThat(refused.get("10.x").json().get("error").asText()).isEqualTo("not_public_address");
        assertThat(refused.get("cloud metadata").json().get("error").asText()).isEqualTo("not_public_address");
        assertThat(refused.get("redirect to a private address").json().get("error").asText()).isEqualTo("not_public_address");
        assertThat(refused.get("10 MiB document").json().get("error").asText()).isEqualTo("too_large");
        for (String fixed : List.of("trust email", "role mapper", "another flow", "trust email on update")) {
            assertThat(refused.get(fixed).status()).as(fixed).isEqualTo(400);
            assertThat(refused.get(fixed).json().get("error").asText()).as(fixed).isEqualTo("fixed_by_server");
        }
        assertThat(refused.get("no verified domain").status()).as(refused.get("no verified domain").body()).isEqualTo(409);
        assertThat(refused.get("no verified domain").json().get("error").asText()).isEqualTo("no_verified_domain");
        assertThat(state(scenario)).isEqualTo(before);
    }

    @Test
    @Order(10)
    void aSetupLinkSessionOfAnotherOrganizationAndSsoOffAreRefused(Scenario scenario) {
        PortalHttp globexLink = linkSession(scenario, globexId);
        String before = state(scenario);
        HttpResult offRead;
        HttpResult offCreate;
        scenario.jitConfig(Map.of("jit.portal-sso", "off", "jit.portal-sso-fetch-allow-hosts", "localhost"));
        try {
            offRead = as(scenario, acmeAdminToken).get(sso(acmeId, ""));
            offCreate = as(scenario, acmeAdminToken).send("POST", sso(acmeId, ""), SsoFixture.connect(issuer));
        } finally {
            scenario.jitConfig(Map.of("jit.portal-sso", "on", "jit.portal-sso-fetch-allow-hosts", "localhost",
                    "jit.require-verified-domain", "false"));
        }
        assertThat(offRead.status()).isEqualTo(200);
        assertThat(offRead.json().get("enabled").asBoolean()).isFalse();
        assertThat(offCreate.status()).isEqualTo(403);
        assertThat(offCreate.json().get("error").asText()).isEqualTo("sso_off");

        HttpResult other = globexLink.send("POST", sso(acmeId, alias + "/disable"), (Object) null);
        HttpResult otherRead = globexLink.get(sso(acmeId, alias));
        assertThat(other.status()).isEqualTo(403);
        assertThat(otherRead.status()).isEqualTo(403);
        assertThat(state(scenario)).isEqualTo(before);
    }
}
