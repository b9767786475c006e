package io.github.jitprovisioning.it.upgrade;

import static io.github.jitprovisioning.it.harness.BlockedLogin.assertBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.BlockedLogin.Snapshot;
import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.DomainApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakExtension;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.PostgresDatabase;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.ServerDatabase;
import io.github.jitprovisioning.it.harness.TestDnsServer;
import io.github.jitprovisioning.it.sync.ProfileSyncIT;

/**
 * An upgrade on PostgreSQL, as an operator does it: a Keycloak with the previous release's JAR ({@code jit.upgrade.from},
 * a tag of this repository, built from the history by {@link ReleaseJar}) provisions and refuses, and an organization's
 * admins use the portal; then Keycloak stops, its JAR is replaced by this build's, and it starts again on the same
 * database. This release starts (its database change sets applied), shows its version, loses nothing the previous one
 * made (users, memberships, groups, roles, identity links, domain claims, setup links, portal settings, invitations, the
 * JIT step's options), lets returning users sign in, and decides new first logins itself. Last, the rollback: the
 * previous release starts again on the upgraded database and its users still sign in.
 *
 * <p>Both servers use the same ports (the identity provider's URLs are stored in the realm) and the same in-process
 * DNS server. The previous release runs from a Keycloak home of its own ({@code jit.upgrade.home}), so neither JAR
 * switch rebuilds the other's home. Execution {@code it-upgrade}; skipped where PostgreSQL does not answer.
 */
@EnabledIf("postgresAnswers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    private static ReleaseJar.Built previous;
    /** Whether the previous release has the portal and domain verification (1.1.0 and later; 1.0.0 has neither). */
    private static boolean portal;
    private static PostgresDatabase database;
    private static DistributionServer.Launch launch;
    private static DistributionServer server;
    private static Scenario first;
    private static Scenario scenario;
    private static String acmeId;
    private static String globexId;
    private static String aliceId;
    private static String unusedLinkId;
    private static String unusedLinkUrl;
    private static String usedLinkUrl;
    private static PortalHttp usedLinkSession;
    private static String shownBefore;
    private static String stateBefore;
    private static int usersBefore;

    static boolean postgresAnswers() {
        return KeycloakExtension.Backend.current() == KeycloakExtension.Backend.DISTRIBUTION && PostgresDatabase.reachable();
    }

    @BeforeAll
    static void thePreviousReleaseProvisionsAndRefusesThenThisReleaseStartsOnItsDatabase() throws IOException {
        Path project = Path.of(required("jit.project.dir"));
        long start = System.nanoTime();
        previous = ReleaseJar.build(project, required("jit.upgrade.from"), project.resolve("target/upgrade-from"));
        System.out.println("[upgrade] " + previous.ref() + " (" + previous.commit() + ", manifest "
                + previous.manifestVersion() + ") built in " + previous.buildMillis() + " ms: " + previous.jar());

        portal = previous.contains("io/github/jitprovisioning/portal/JitPortalResourceProviderFactory.class");

        database = PostgresDatabase.create();
        launch = new DistributionServer.Launch(DistributionServer.freePort(), DistributionServer.freePort(), null,
                ServerDatabase.POSTGRES, TestDnsServer.serverOptions());
        server = startPrevious("previous");
        first = Scenario.create(server, "UpgradeIT");
        shownBefore = shownVersion(first);
        madeByThePreviousRelease(first);
        stateBefore = state(first);
        usersBefore = first.userCount();
        server.close();

        server = DistributionServer.startOn(database, Path.of(required("keycloak.home")), Path.of(required("jit.jar")),
                project.resolve("target/keycloak-it-upgrade-current"), launch);
        scenario = first.sameRealmsOn(server);
        System.out.println("[upgrade] from " + previous.ref() + " to " + required("jit.version") + " on " + database
                + ": " + (System.nanoTime() - start) / 1_000_000 + " ms until this release was ready");
    }

    @AfterAll
    static void stop() {
        try {
            if (first != null) {
                first.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /**
     * What an operator's deployment holds before the upgrade, made the way its admins and users make it. From a
     * release without the portal (1.0.0), the organization's settings are its attributes, set as in the console, and
     * there are no domain claims or setup links.
     */
    private static void madeByThePreviousRelease(Scenario s) {
        String realm = "/" + s.appRealm();
        s.createRealmRole("employee");
        s.createGroup("/staff");
        acmeId = s.organization("acme", List.of("acme.test"), portal ? Map.of()
                : Map.of("jit.default-roles", "employee", "jit.groups", "/staff", "jit.sync-profile", "true"));
        s.verifyDomain(acmeId, "acme.test");
        s.oidcIdp("acme-sso", acmeId, false);
        PortalFixture.orgGroup(s, acmeId, "Admins");
        PortalFixture.orgGroup(s, acmeId, "Engineering");
        globexId = s.organization("globex", List.of("globex.test"), Map.of());
        s.verifyDomain(globexId, "globex.test");
        s.oidcIdp("globex-sso", globexId, false);
        // profile sync of an attribute only admins may edit, listed as the previous release stored a list made through
        // the REST API (values joined by ##; 1.0.0 has no such option and ignores it)
        ProfileSyncIT.declareDepartment(s);
        ObjectNode mapper = Json.object().put("name", "jit profile sync").put("identityProviderAlias", "acme-sso")
                .put("identityProviderMapper", ProfileSyncIT.MAPPER);
        mapper.putObject("config").put("syncMode", "INHERIT")
                .put("claim-to-attribute", "[{\"key\":\"department\",\"value\":\"department\"}]")
                .put("write-protected-attributes", "building##department");
        s.admin().post(realm + "/identity-provider/instances/acme-sso/mappers", mapper);
        s.inviteUser(acmeId, "vera@acme.test"); // Acme's invitation; Globex's IdP will assert the address
        if (!portal) {
            // the rule that 1.1.0 changed, as 1.0.0 decided it: any IdP of the realm redeemed an invitation
            s.inviteUser(acmeId, "wera@acme.test");
            s.idpUser("wera", "wera@acme.test", true, "Wera", "Vendor");
            LoginResult wera = s.login("globex-sso", "wera");
            assertThat(wera.loggedIn()).as("%s admits Acme's invitee through Globex's IdP: %s", previous.ref(), wera)
                    .isTrue();
        }

        if (portal) {
            madeThroughThePortal(s);
        }

        s.idpUser("alice", "alice@acme.test", true, "Alice", "Anders");
        s.setIdpUserAttribute("alice", "department", "Sales");
        LoginResult alice = s.login("acme-sso", "alice");
        assertThat(alice.loggedIn()).as("alice provisioned by %s: %s", previous.ref(), alice).isTrue();
        aliceId = alice.accessToken().get("sub").asText();
        assertThat(s.realmRoleNames(aliceId)).contains("employee");
        assertThat(s.groupPaths(aliceId)).contains("/staff");
        assertThat(s.userByUsername("alice").orElseThrow().path("attributes").path("department").path(0).asText())
                .isEqualTo("Sales");
        if (portal) {
            assertThat(usedLinkSession.send("POST", "api/organizations/" + acmeId + "/admins",
                    Map.of("userId", aliceId)).status()).isEqualTo(200);
        } else {
            PortalFixture.makeAdmin(s, acmeId, aliceId);
        }

        s.idpUser("joe", "joe@ext.acme.test", true, "Joe", "Contractor");
        Snapshot beforeJoe = Snapshot.of(s, acmeId, globexId);
        assertBlocked(s, s.login("acme-sso", "joe"), "domain_not_registered", beforeJoe);

        assertThat(s.inviteUser(acmeId, "sam@contractor.test").status()).isEqualTo(204);
    }

    /** Domain verification and the portal (1.1.0 and later): claims, setup links, grants and settings. */
    private static void madeThroughThePortal(Scenario s) {
        String realm = "/" + s.appRealm();
        s.jitConfig(Map.of("jit.grantable-roles", "employee", "jit.grantable-groups", "/staff"));
        assertThat(s.admin().put(realm + "/jit/portal-client", null).isSuccess()).isTrue();

        // domain verification: one domain verified through DNS, one still pending (no record published yet)
        DomainApi domains = new DomainApi(s);
        HttpResult verified = domains.claim(acmeId, "acme-eu.test");
        assertThat(verified.status()).as(verified.body()).isEqualTo(201);
        TestDnsServer.shared().txt(DomainApi.recordName(verified), List.of(List.of(DomainApi.recordValue(verified))));
        assertThat(domains.verifyNow(acmeId, "acme-eu.test").json().path("state").asText()).isEqualTo("verified");
        HttpResult pending = domains.claim(acmeId, "acme-labs.test");
        assertThat(pending.status()).as(pending.body()).isEqualTo(201);
        assertThat(domains.state(acmeId, "acme-labs.test")).isEqualTo("pending");

        // the portal, through a setup link: grants and sync chosen (the first provisioned user is named an admin later)
        JsonNode used = createLink(s);
        usedLinkUrl = used.get("url").asText();
        usedLinkSession = openLink(s, usedLinkUrl);
        assertThat(usedLinkSession.send("PUT", "api/organizations/" + acmeId + "/grants",
                Map.of("roles", List.of("employee"), "groups", List.of("/staff", "Engineering"))).status()).isEqualTo(200);
        assertThat(usedLinkSession.send("PUT", "api/organizations/" + acmeId + "/settings", Map.of("syncProfile", true))
                .status()).isEqualTo(200);
        JsonNode unused = createLink(s);
        unusedLinkId = unused.get("id").asText();
        unusedLinkUrl = unused.get("url").asText();
    }

    @Test
    @Order(1)
    void thisReleaseStartedOnTheUpgradedDatabaseWithItsChangeSetsAppliedAndShowsItsVersion() throws Exception {
        assertThat(shownBefore).as("version the previous release showed").isEqualTo(previous.manifestVersion());
        assertThat(shownVersion(scenario)).isEqualTo(required("jit.version"));

        assertThat(appliedChangeSets()).as("change sets recorded in the database")
                .containsAll(changeSetsOf(Path.of(required("jit.jar"))));
        assertThat(server.serverLog()).doesNotContain("ERROR [io.github.jitprovisioning");
    }

    @Test
    @Order(2)
    void nothingThePreviousReleaseMadeIsLost() {
        assertThat(state(scenario)).isEqualTo(stateBefore);
        assertThat(scenario.userCount()).isEqualTo(usersBefore);
    }

    @Test
    @Order(3)
    void aReturningUserSignsInToTheSameAccountWithTheSameAccessAndItsProfileSyncs() {
        scenario.setIdpUserAttribute("alice", "department", "Engineering");

        LoginResult alice = scenario.login("acme-sso", "alice");

        assertThat(alice.loggedIn()).as("%s", alice).isTrue();
        assertThat(alice.accessToken().get("sub").asText()).isEqualTo(aliceId);
        assertThat(alice.accessToken().path("realm_access").path("roles").toString()).contains("\"employee\"");
        assertThat(alice.accessToken().path("organization").toString()).contains("acme");
        assertThat(scenario.userCount()).isEqualTo(usersBefore);
        assertThat(scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN"))
                .filteredOn(event -> aliceId.equals(event.path("userId").asText())).hasSize(1);
        // the mapper made under the previous release syncs, its protected-attribute list read as that release stored it
        assertThat(scenario.userByUsername("alice").orElseThrow().path("attributes").path("department").path(0).asText())
                .isEqualTo("Engineering");
    }

    @Test
    @Order(4)
    void newFirstLoginsAreDecidedByThisReleaseWithTheSettingsMadeBefore() {
        scenario.idpUser("bob", "bob@acme.test", true, "Bob", "Baker");
        LoginResult bob = scenario.login("acme-sso", "bob");

        assertThat(bob.loggedIn()).as("%s", bob).isTrue();
        String bobId = bob.accessToken().get("sub").asText();
        assertThat(scenario.members(acmeId)).filteredOn(m -> m.path("id").asText().equals(bobId))
                .extracting(m -> m.path("membershipType").asText()).containsExactly("MANAGED");
        assertThat(scenario.realmRoleNames(bobId)).contains("employee");
        assertThat(scenario.groupPaths(bobId)).contains("/staff");
        JsonNode details = scenario.firstLoginEvent(bobId).path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("provisioned");
        assertThat(details.path("jit_roles").asText()).isEqualTo("employee");

        scenario.idpUser("mallory", "mallory@ext.acme.test", true, "Mallory", "Contractor");
        Snapshot beforeMallory = Snapshot.of(scenario, acmeId, globexId);
        assertBlocked(scenario, scenario.login("acme-sso", "mallory"), "domain_not_registered", beforeMallory);
    }

    /**
     * Acme's invitation made under the previous release, asserted through Globex's IdP: 1.0.0 admitted such a login
     * into Acme (checked before the upgrade when upgrading from 1.0.0); since 1.1.0 an invitation is redeemed only
     * through an IdP that may speak for the inviting organization, and the invitation stays pending.
     */
    @Test
    @Order(5)
    void anInvitationMadeBeforeIsRedeemedOnlyThroughTheInvitingOrganizationsIdp() {
        scenario.idpUser("vera", "vera@acme.test", true, "Vera", "Vendor");
        Snapshot before = Snapshot.of(scenario, acmeId, globexId);

        assertBlocked(scenario, scenario.login("globex-sso", "vera"), "idp_not_linked", before);
        assertThat(scenario.admin().get("/" + scenario.appRealm() + "/organizations/" + acmeId + "/invitations"))
                .filteredOn(invitation -> invitation.path("email").asText().equals("vera@acme.test"))
                .extracting(invitation -> invitation.path("status").asText()).containsExactly("PENDING");
    }

    @Test
    @Order(6)
    void aDomainClaimedBeforeIsVerifiedByThisReleaseAndThenAdmitsItsUsers() throws InterruptedException {
        Assumptions.assumeTrue(portal, previous.ref() + " has no domain verification");
        DomainApi domains = new DomainApi(scenario);
        JsonNode claim = domains.claimOf(acmeId, "acme-labs.test").orElseThrow();
        assertThat(claim.path("state").asText()).isEqualTo("pending");
        TestDnsServer.shared().txt(claim.path("record").path("name").asText(),
                List.of(List.of(claim.path("record").path("value").asText())));

        // the background check of this release (every second, pending claims due after 2 s) verifies it
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!domains.state(acmeId, "acme-labs.test").equals("verified") && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(domains.state(acmeId, "acme-labs.test")).isEqualTo("verified");
        assertThat(domains.keycloakVerified(acmeId, "acme-labs.test")).contains(true);

        scenario.idpUser("lena", "lena@acme-labs.test", true, "Lena", "Labs");
        LoginResult lena = scenario.login("acme-sso", "lena");
        assertThat(lena.loggedIn()).as("%s", lena).isTrue();
    }

    @Test
    @Order(7)
    void setupLinksKeepTheirStateAndAnUnusedOneOpensOnce() {
        Assumptions.assumeTrue(portal, previous.ref() + " has no setup links");
        HttpResult again = open(scenario, usedLinkUrl);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();

        PortalHttp portal = openLink(scenario, unusedLinkUrl);
        JsonNode settings = portal.get("api/organizations/" + acmeId + "/settings").json();
        assertThat(settings.path("syncProfile").asBoolean()).isTrue();
        assertThat(settings.path("jitEnabled").asBoolean()).isTrue();
        assertThat(links(scenario)).filteredOn(link -> link.path("id").asText().equals(unusedLinkId))
                .extracting(link -> link.path("state").asText()).containsExactly("USED");
    }

    @Test
    @Order(8)
    void theRollbackStartsThePreviousReleaseOnTheUpgradedDatabaseAndItsUsersSignIn() {
        String madeByThisRelease = scenario.userByUsername("bob").orElseThrow().get("id").asText();
        server.close();
        server = startPrevious("rollback");
        Scenario back = first.sameRealmsOn(server);

        assertThat(shownVersion(back)).isEqualTo(previous.manifestVersion());
        LoginResult alice = back.login("acme-sso", "alice");
        assertThat(alice.loggedIn()).as("%s", alice).isTrue();
        assertThat(alice.accessToken().get("sub").asText()).isEqualTo(aliceId);
        LoginResult bob = back.login("acme-sso", "bob");
        assertThat(bob.loggedIn()).as("%s", bob).isTrue();
        assertThat(bob.accessToken().get("sub").asText()).isEqualTo(madeByThisRelease);
        if (portal) {
            assertThat(new DomainApi(back).state(acmeId, "acme-labs.test")).isEqualTo("verified");
        }
    }

    // ---------------------------------------------------------------- the previous release's server

    private static DistributionServer startPrevious(String what) {
        Path project = Path.of(required("jit.project.dir"));
        return DistributionServer.startOn(database, Path.of(required("jit.upgrade.home")), previous.jar(),
                project.resolve("target/keycloak-it-upgrade-" + what), launch);
    }

    // ---------------------------------------------------------------- setup links

    private static JsonNode createLink(Scenario s) {
        HttpResult created = s.admin().send("POST", linksPath(s), Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static List<JsonNode> links(Scenario s) {
        return Scenario.list(s.admin().get(linksPath(s)));
    }

    private static String linksPath(Scenario s) {
        return "/" + s.appRealm() + "/jit/organizations/" + acmeId + "/portal-links";
    }

    /** What a browser does with a link: POST its landing page's form. */
    private static HttpResult open(Scenario s, String url) {
        String path = url.substring(url.indexOf("/jit-portal/") + "/jit-portal/".length());
        return PortalHttp.anonymous(s.server().baseUrl(), s.appRealm())
                .header("Origin", s.server().baseUrl()).send("POST", path, "", "application/x-www-form-urlencoded");
    }

    /** Opens a link and returns the browser's portal session, with its cookie, origin and CSRF token. */
    private static PortalHttp openLink(Scenario s, String url) {
        HttpResult opened = open(s, url);
        assertThat(opened.status()).as(opened.body()).isEqualTo(303);
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        PortalHttp portal = PortalHttp.anonymous(s.server().baseUrl(), s.appRealm())
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
        String csrf = portal.get("api/me").json().get("csrf").asText();
        return portal.header("Origin", s.server().baseUrl()).header("X-JIT-CSRF", csrf);
    }

    // ---------------------------------------------------------------- what must survive the upgrade

    /**
     * Everything the upgrade must keep, as text for one equality check: the app realm's users (with their groups,
     * direct realm roles and identity links), both organizations (attributes, domains, members with their kind,
     * invitations, groups and their members, domain claims without the times of their last check, setup links), the
     * JIT step's configuration, the portal client and the identity providers' flows.
     */
    private static String state(Scenario s) {
        String realm = "/" + s.appRealm();
        ObjectNode state = Json.object();
        ArrayNode users = state.putArray("users");
        List<JsonNode> sorted = new ArrayList<>(s.users());
        sorted.sort(Comparator.comparing(u -> u.path("username").asText()));
        for (JsonNode user : sorted) {
            String id = user.get("id").asText();
            ObjectNode entry = users.addObject();
            entry.set("user", user);
            entry.set("groups", Json.MAPPER.valueToTree(new TreeSet<>(s.groupPaths(id))));
            entry.set("realmRoles", Json.MAPPER.valueToTree(new TreeSet<>(s.realmRoleNames(id))));
            entry.set("identityLinks", s.admin().get(realm + "/users/" + id + "/federated-identity"));
        }
        ObjectNode organizations = state.putObject("organizations");
        for (String orgId : List.of(acmeId, globexId)) {
            String base = realm + "/organizations/" + orgId;
            ObjectNode org = organizations.putObject(orgId);
            org.set("organization", s.organizationById(orgId));
            org.set("members", s.admin().get(base + "/members?max=1000"));
            org.set("identityProviders", s.admin().get(base + "/identity-providers"));
            org.set("invitations", s.admin().get(base + "/invitations"));
            ObjectNode groups = org.putObject("groups");
            for (JsonNode group : s.admin().get(base + "/groups")) {
                groups.set(group.get("name").asText(),
                        s.admin().get(base + "/groups/" + group.get("id").asText() + "/members"));
            }
            if (!portal) {
                continue; // 1.0.0 has neither domain claims nor setup links
            }
            ArrayNode claims = org.putArray("domainClaims");
            for (JsonNode claim : s.admin().get(realm + "/jit/organizations/" + orgId + "/domains").path("domains")) {
                ObjectNode kept = claim.deepCopy();
                kept.remove(List.of("lastCheckedAt", "lastCheck", "negativeAnswers")); // the background check moves them
                claims.add(kept);
            }
            org.set("setupLinks", s.admin().get(realm + "/jit/organizations/" + orgId + "/portal-links"));
        }
        String stepConfig = s.jitFlowExecutions().stream()
                .filter(e -> e.path("providerId").asText().equals(Scenario.DOMAIN_CHECK_PROVIDER)).findFirst()
                .orElseThrow().path("authenticationConfig").asText("");
        state.set("jitStep", stepConfig.isEmpty() ? Json.object()
                : s.admin().get(realm + "/authentication/config/" + stepConfig).path("config"));
        state.set("portalClient", s.admin().get(realm + "/clients?clientId=jit-portal"));
        state.set("syncMappers", s.admin().get(realm + "/identity-provider/instances/acme-sso/mappers"));
        ArrayNode idps = state.putArray("identityProviders");
        for (JsonNode idp : s.admin().get(realm + "/identity-provider/instances")) {
            idps.addObject().put("alias", idp.path("alias").asText())
                    .put("enabled", idp.path("enabled").asBoolean())
                    .put("firstBrokerLoginFlowAlias", idp.path("firstBrokerLoginFlowAlias").asText());
        }
        return Json.write(canonical(state));
    }

    /**
     * The same content in one order: object fields by name, array elements by their canonical text (Keycloak lists
     * some things, such as a client's optional scopes, in no fixed order).
     */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = Json.object();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(canonical(element)));
            elements.sort(Comparator.comparing(Json::write));
            ArrayNode sorted = Json.MAPPER.createArrayNode();
            elements.forEach(sorted::add);
            return sorted;
        }
        return node;
    }

    // ---------------------------------------------------------------- version and database

    /** The version the server info shows for the JIT providers (all must show the same one). */
    private static String shownVersion(Scenario s) {
        JsonNode providers;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(s.server().baseUrl() + "/admin/serverinfo"))
                            .header("Authorization", "Bearer " + s.admin().token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            providers = Json.MAPPER.readTree(response.body()).path("providers");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        TreeSet<String> versions = new TreeSet<>();
        for (String[] provider : new String[][] {{"authenticator", Scenario.DOMAIN_CHECK_PROVIDER},
                {"authenticator", Scenario.PROVISION_MEMBER_PROVIDER}, {"eventsListener", "jit-audit"}}) {
            JsonNode info = providers.path(provider[0]).path("providers").path(provider[1]).path("operationalInfo");
            assertThat(info.has("version")).as("%s %s in the server info: %s", provider[0], provider[1], info).isTrue();
            versions.add(info.path("version").asText());
        }
        assertThat(versions).hasSize(1);
        return versions.first();
    }

    /** The ids of the extension's change sets recorded in the database (every DATABASECHANGELOG table). */
    private static List<String> appliedChangeSets() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresDatabase.USER);
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_name LIKE 'databasechangelog%' "
                    + "AND table_name NOT LIKE 'databasechangeloglock%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT id FROM " + table
                        + " WHERE author = 'keycloak-jit-provisioning'")) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
        }
        return ids;
    }

    /** The change set ids of the Liquibase changelogs in a JAR ({@code META-INF/*changelog*.xml}). */
    private static List<String> changeSetsOf(Path jar) throws IOException {
        Pattern changeSet = Pattern.compile("<changeSet\\b[^>]*\\bid=\"([^\"]+)\"");
        List<String> ids = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entry : file.stream().filter(e -> e.getName().startsWith("META-INF/")
                    && e.getName().contains("changelog") && e.getName().endsWith(".xml")).toList()) {
                String xml = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                Matcher matcher = changeSet.matcher(xml);
                while (matcher.find()) {
                    ids.add(matcher.group(1));
                }
            }
        }
        assertThat(ids).as("change sets in %s", jar).isNotEmpty();
        return ids;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven (execution it-upgrade)");
        }
        return value;
    }
}
