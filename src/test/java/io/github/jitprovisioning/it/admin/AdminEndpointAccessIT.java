package io.github.jitprovisioning.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.audit.EventsAndAuditIT;
import io.github.jitprovisioning.it.harness.AdminApi;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.PortalFixture;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.portal.PortalIT;
import io.github.jitprovisioning.it.portal.PortalSetupLinkIT;
import io.github.jitprovisioning.it.portal.SetupLinkSessionIT;

import io.github.jitprovisioning.it.harness.PortalHttp;
import io.github.jitprovisioning.it.harness.SsoFixture;

/**
 * Who may call what the extension adds to Keycloak's HTTP API, on the real server: the setup-link, portal-client and
 * domain endpoints of the admin REST API ({@code /admin/realms/{realm}/jit/...}) and the self-service portal's API
 * ({@code /realms/{realm}/jit-portal/api/organizations/{orgId}/...}, {@code sign-out}), and Keycloak's own endpoint
 * that holds the realm options of the JIT check step ({@code /admin/realms/{realm}/authentication/config/{id}}).
 *
 * <p>{@link #TABLE} has one row per endpoint and one column per {@link Caller}; each cell is a test case of its own,
 * named after it. A refused call (400, 401, 403) changes nothing: the organization (whose attributes hold the setup
 * links), its setup links, domain claims, members, groups and invitations, the portal client and the JIT check step's
 * configuration, as the master admin reads them, are the same after the call as before. A read changes nothing
 * either. An allowed change is made on targets of its own and must change that state: so a refused request that had
 * gone through would have shown there. The refusals run first, all against the same targets. The simulate endpoint's
 * callers are in {@link EventsAndAuditIT}; organization admins, members and setup-link sessions in {@link PortalIT},
 * {@link PortalSetupLinkIT} and {@link SetupLinkSessionIT} (sign-out).
 */
@KeycloakIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminEndpointAccessIT {

    /** The columns of {@link #TABLE}, in its order. */
    enum Caller {
        /** No {@code Authorization} header. */
        ANONYMOUS,
        /** {@code Authorization: Bearer not-a-token}. */
        GARBAGE_TOKEN,
        /** The MANAGE_ORGANIZATIONS user's valid token with its header changed to {@code alg: none} and no signature. */
        UNSIGNED_TOKEN,
        /** A token of a user with manage-organizations, taken before an admin ended the user's sessions. */
        SIGNED_OUT,
        /** realm-admin of another realm (the scenario's IdP realm), with a token of that realm. */
        OTHER_REALM_ADMIN,
        /** A master-realm user who may manage the organizations and clients of another realm only. */
        MASTER_ADMIN_OF_OTHER_REALM,
        /** A user of this realm without any realm-management role. */
        NO_ROLES,
        /** A user of this realm with realm-management/manage-clients only. */
        MANAGE_CLIENTS,
        /**
         * A user of this realm with realm-management/manage-realm only: Keycloak lets it manage organizations (so does
         * the admin API), the portal does not.
         */
        MANAGE_REALM,
        /** A user of this realm with realm-management/view-organizations only: no member, no organization admin. */
        VIEW_ORGANIZATIONS,
        /** A user of this realm with realm-management/manage-organizations only. */
        MANAGE_ORGANIZATIONS
    }

    /**
     * What each caller gets from each endpoint. Placeholders: {@code {org}} the organization, {@code {unknown}} an
     * organization id that does not exist, {@code {link}} an active setup link, {@code {pending}} a pending domain
     * claim, {@code {verified}} a claim verified by hand, {@code {new}} a domain nobody claimed, {@code {member}} a
     * member who is no admin, {@code {admin}} one of two admins, {@code {invitation}} a pending invitation,
     * {@code {email}} an address nobody invited, {@code {stepconfig}} the configuration of the JIT check step and
     * {@code {options}} that configuration with other realm options.
     */
    private static final List<Row> TABLE = List.of(
            // columns (Caller): anonymous, garbage token, unsigned token, signed out, other realm's admin, master admin
            // of another realm, no roles, manage-clients, manage-realm, view-organizations, manage-organizations
            //                                                                    ano gar uns out oth mas non cli rea vie man
            // setup links and the portal client: /admin/realms/{realm}/jit/...
            admin("GET    organizations/{org}/portal-links",                     "401 401 401 401 403 403 403 403 200 200 200"),
            admin("POST   organizations/{org}/portal-links",                     "401 401 401 401 403 403 403 403 201 403 201", "{\"lifetimeHours\":24}"),
            admin("DELETE organizations/{org}/portal-links/{link}",              "401 401 401 401 403 403 403 403 204 403 204"),
            admin("POST   organizations/{unknown}/portal-links",                 "401 401 401 401 403 403 403 403 404 403 404", "{}"),
            admin("PUT    portal-client",                                        "401 401 401 401 403 403 403 201 403 403 403"),
            // domain verification: /admin/realms/{realm}/jit/...
            admin("GET    organizations/{org}/domains",                          "401 401 401 401 403 403 403 403 200 200 200"),
            admin("GET    organizations/{unknown}/domains",                      "401 401 401 401 403 403 403 403 404 404 404"),
            admin("POST   organizations/{org}/domains",                          "401 401 401 401 403 403 403 403 201 403 201", "{\"domain\":\"{new}\"}"),
            admin("POST   organizations/{org}/domains/{verified}/verify",        "401 401 401 401 403 403 403 403 200 403 200"),
            admin("POST   organizations/{org}/domains/{pending}/mark-verified",  "401 401 401 401 403 403 403 403 200 403 200"),
            admin("DELETE organizations/{org}/domains/{verified}",               "401 401 401 401 403 403 403 403 204 403 204"),
            // members with origin and sign-ins: /admin/realms/{realm}/jit/...
            admin("GET    organizations/{org}/members",                          "401 401 401 401 403 403 403 403 200 200 200"),
            admin("GET    organizations/{unknown}/members",                      "401 401 401 401 403 403 403 403 404 404 404"),
            admin("DELETE organizations/{org}/members/{member}",                 "401 401 401 401 403 403 403 403 204 403 204"),
            // the provisioning rate cap: /admin/realms/{realm}/jit/... (the portal has no such call)
            admin("GET    organizations/{org}/rate-cap",                         "401 401 401 401 403 403 403 403 200 200 200"),
            admin("GET    organizations/{unknown}/rate-cap",                     "401 401 401 401 403 403 403 403 404 404 404"),
            admin("POST   organizations/{org}/rate-cap/resume",                  "401 401 401 401 403 403 403 403 200 403 200"),
            admin("POST   organizations/{unknown}/rate-cap/resume",              "401 401 401 401 403 403 403 403 404 403 404"),
            // the portal API: /realms/{realm}/jit-portal/api/... (a token of another realm is no sign-in here)
            portal("GET    organizations/{org}",                                 "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/settings",                        "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/grants",                          "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/domains",                         "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/admins",                          "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/admins/members",                  "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/invitations",                     "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/decisions",                       "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/members",                         "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/members/export",                  "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{org}/members/inactivity-rule",         "401 401 401 401 401 401 403 403 403 200 200"),
            portal("GET    organizations/{unknown}",                             "401 401 401 401 401 401 403 403 403 404 404"),
            portal("PUT    organizations/{unknown}/settings",                    "401 401 401 401 401 401 403 403 403 403 404", "{\"jitEnabled\":false}"),
            portal("PUT    organizations/{org}/settings",                        "401 401 401 401 401 401 403 403 403 403 200", "{\"jitEnabled\":false}"),
            portal("PUT    organizations/{org}/grants",                          "401 401 401 401 401 401 403 403 403 403 200",
                    "{\"roles\":[\"employee\"],\"groups\":[\"/staff\"]}"),
            portal("POST   organizations/{org}/domains",                         "401 401 401 401 401 401 403 403 403 403 201", "{\"name\":\"{new}\"}"),
            portal("POST   organizations/{org}/domains/{verified}/verify",       "401 401 401 401 401 401 403 403 403 403 200"),
            portal("DELETE organizations/{org}/domains/{verified}",              "401 401 401 401 401 401 403 403 403 403 204"),
            portal("POST   organizations/{org}/admins",                          "401 401 401 401 401 401 403 403 403 403 200", "{\"userId\":\"{member}\"}"),
            portal("DELETE organizations/{org}/admins/{admin}",                  "401 401 401 401 401 401 403 403 403 403 204"),
            portal("DELETE organizations/{org}/members/{member}",                "401 401 401 401 401 401 403 403 403 403 204"),
            portal("PUT    organizations/{org}/members/inactivity-rule",         "401 401 401 401 401 401 403 403 403 403 200",
                    "{\"mode\":\"report-only\",\"days\":30}"),
            portal("POST   organizations/{org}/invitations",                     "401 401 401 401 401 401 403 403 403 403 201", "{\"email\":\"{email}\"}"),
            portal("POST   organizations/{org}/invitations/{invitation}/resend", "401 401 401 401 401 401 403 403 403 403 204"),
            portal("DELETE organizations/{org}/invitations/{invitation}",        "401 401 401 401 401 401 403 403 403 403 204"),
            // ends a setup-link session only: a signed-in user (a bearer token of any rights) is told to use Keycloak's
            // logout and keeps its session (the same tokens make the allowed calls, which run after the refusals)
            // the Single sign-on section (jit.portal-sso on, the IdP a mock-oauth2-server of this test)
            portal("GET    organizations/{org}/sso",                             "401 401 401 401 401 401 403 403 403 200 200"),
            portal("POST   organizations/{org}/sso",                             "401 401 401 401 401 401 403 403 403 403 201", "{sso}"),
            portal("GET    organizations/{org}/sso/{idp}",                       "401 401 401 401 401 401 403 403 403 200 200"),
            portal("PUT    organizations/{org}/sso/{idp}",                       "401 401 401 401 401 401 403 403 403 403 200", "{\"displayName\":\"Renamed\"}"),
            portal("POST   organizations/{org}/sso/{idp}/test",                  "401 401 401 401 401 401 403 403 403 403 200"),
            portal("GET    organizations/{org}/sso/{idp}/test",                  "401 401 401 401 401 401 403 403 403 404 404"),
            portal("POST   organizations/{org}/sso/{tested}/go-live",            "401 401 401 401 401 401 403 403 403 403 200"),
            portal("POST   organizations/{org}/sso/{live}/disable",              "401 401 401 401 401 401 403 403 403 403 200"),
            portal("DELETE organizations/{org}/sso/{idp}",                       "401 401 401 401 401 401 403 403 403 403 204"),
            portal("GET    organizations/{org}/sso/{unknownidp}",                "401 401 401 401 401 401 403 403 403 404 404"),
            portal("POST   sign-out",                                            "401 401 401 401 401 401 400 400 400 400 400"),
            // the realm options of the JIT check step (jit.max-domain-claims, jit.mailbox-proof-*): Keycloak's own
            // endpoint, where only manage-realm may change them; a refused caller asks for the most lenient values
            keycloak("PUT authentication/config/{stepconfig}",                   "401 401 401 401 403 403 403 403 204 403 403", "{options}"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final String PASSWORD = "secret";
    private static final String DOMAIN = "initech.test";

    private static Scenario scenario;
    /** The master realm's bootstrap admin: sets up, and reads the state. */
    private static AdminApi masterAdmin;
    private static String realm;
    private static String orgId;
    private static String adminsGroupId;
    private static String masterUserId;
    private static int freshCount;
    private static String stepConfigId;
    /** The customer's OpenID Provider of the Single sign-on rows. */
    private static no.nav.security.mock.oauth2.MockOAuth2Server idp;
    /**
     * The state after the last call that answered as expected. A refusal starts from it rather than reading it again
     * (between two calls nothing else changes it; an allowed call makes its targets first and reads afresh).
     */
    private static String unchangedState;
    /** The targets every refused call aims at; an allowed change gets fresh ones ({@link #fresh(String)}). */
    private static final Map<String, String> SHARED = new HashMap<>();
    private static final Map<Caller, Supplier<String>> AUTHORIZATION = new EnumMap<>(Caller.class);
    /** The user id behind each caller that has one, for the admin events. */
    private static final Map<Caller, String> USER_IDS = new EnumMap<>(Caller.class);

    @BeforeAll
    static void oneOrganizationAndTheCallers(Scenario given) {
        scenario = given;
        masterAdmin = scenario.admin();
        realm = scenario.appRealm();
        PortalFixture.realmOptions(scenario); // "employee" and "/staff" may be chosen in the portal
        PortalFixture.portalAudience(scenario, "admin-cli"); // the callers' tokens (password grant) are for the portal too
        idp = SsoFixture.start();
        orgId = PortalFixture.customer(scenario, "initech", DOMAIN);
        adminsGroupId = masterAdmin.get("/" + realm + "/organizations/" + orgId + "/groups?search=Admins&exact=true")
                .get(0).get("id").asText();

        SHARED.put("org", orgId);
        SHARED.put("unknown", "00000000-0000-4000-8000-000000000000");
        SHARED.put("link", createLink());
        SHARED.put("pending", claim("pending." + DOMAIN));
        SHARED.put("verified", markVerified(claim("verified." + DOMAIN)));
        SHARED.put("new", "new." + DOMAIN);
        SHARED.put("member", member("mona"));
        orgAdmin("ada");
        SHARED.put("admin", orgAdmin("abe"));
        SHARED.put("invitation", invitation("invited@elsewhere.test"));
        SHARED.put("email", "newcomer@elsewhere.test");
        stepConfigId = Scenario.list(masterAdmin.get("/" + realm + "/authentication/flows/"
                        + AdminApi.enc(Scenario.JIT_FLOW_ALIAS) + "/executions")).stream()
                .filter(execution -> Scenario.DOMAIN_CHECK_PROVIDER.equals(execution.path("providerId").asText()))
                .map(execution -> execution.path("authenticationConfig").asText()).findFirst().orElseThrow();
        SHARED.put("stepconfig", stepConfigId);
        ObjectNode stepConfig = (ObjectNode) masterAdmin.get("/" + realm + "/authentication/config/" + stepConfigId);
        ((ObjectNode) stepConfig.get("config")).put("jit.portal-sso", "on").put("jit.portal-sso-max-idps", "20")
                .put("jit.portal-sso-fetch-allow-hosts", "localhost");
        masterAdmin.put("/" + realm + "/authentication/config/" + stepConfigId, stepConfig);
        SHARED.put("options", stepOptions("1000"));
        removePortalClient(); // the first link created it

        AUTHORIZATION.put(Caller.ANONYMOUS, () -> null);
        AUTHORIZATION.put(Caller.GARBAGE_TOKEN, () -> "Bearer not-a-token");
        AdminApi manager = appUser(Caller.MANAGE_ORGANIZATIONS, "manager", "manage-organizations");
        AUTHORIZATION.put(Caller.UNSIGNED_TOKEN, () -> "Bearer " + unsigned(manager.token()));
        String signedOut = appUser(Caller.SIGNED_OUT, "signed-out", "manage-organizations").token();
        masterAdmin.post("/" + realm + "/users/" + USER_IDS.get(Caller.SIGNED_OUT) + "/logout", null);
        AUTHORIZATION.put(Caller.SIGNED_OUT, () -> "Bearer " + signedOut);
        AdminApi other = otherRealmAdmin();
        AUTHORIZATION.put(Caller.OTHER_REALM_ADMIN, () -> "Bearer " + other.token());
        AdminApi masterOfOther = masterAdminOfOtherRealm();
        AUTHORIZATION.put(Caller.MASTER_ADMIN_OF_OTHER_REALM, () -> "Bearer " + masterOfOther.token());
        AdminApi noRoles = appUser(Caller.NO_ROLES, "no-roles");
        AUTHORIZATION.put(Caller.NO_ROLES, () -> "Bearer " + noRoles.token());
        AdminApi clients = appUser(Caller.MANAGE_CLIENTS, "clients", "manage-clients");
        AUTHORIZATION.put(Caller.MANAGE_CLIENTS, () -> "Bearer " + clients.token());
        AdminApi realmManager = appUser(Caller.MANAGE_REALM, "realm-manager", "manage-realm");
        AUTHORIZATION.put(Caller.MANAGE_REALM, () -> "Bearer " + realmManager.token());
        AdminApi viewer = appUser(Caller.VIEW_ORGANIZATIONS, "viewer", "view-organizations");
        AUTHORIZATION.put(Caller.VIEW_ORGANIZATIONS, () -> "Bearer " + viewer.token());
        AUTHORIZATION.put(Caller.MANAGE_ORGANIZATIONS, () -> "Bearer " + manager.token());
        assertThat(AUTHORIZATION.keySet()).containsExactly(Caller.values());
        SHARED.put("idp", ssoIdp());
        SHARED.put("tested", SHARED.get("idp"));
        SHARED.put("live", SHARED.get("idp"));
        SHARED.put("unknownidp", "initech-sso-404");
        SHARED.put("sso", Json.write(SsoFixture.connect(SsoFixture.issuer(idp, "initech"))));
    }

    @AfterAll
    static void removeTheMasterUser() {
        if (idp != null) {
            idp.shutdown();
        }
        if (masterUserId != null) {
            masterAdmin.delete("/master/users/" + masterUserId);
        }
    }

    static Stream<Case> table() {
        List<Case> refusals = new ArrayList<>();
        List<Case> allowed = new ArrayList<>();
        for (Row row : TABLE) {
            for (Caller caller : Caller.values()) {
                Case cell = new Case(row, caller, row.expected(caller));
                (cell.refused() ? refusals : allowed).add(cell);
            }
        }
        return Stream.concat(refusals.stream(), allowed.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    @Order(1)
    void everyCallerGetsTheAnswerOfTheTableAndOnlyAllowedChangesChangeAnything(Case cell) {
        if (!cell.refused()) {
            removePortalClient(); // so that creating it (PUT portal-client, a first link) shows
        }
        String path = resolve(cell.row().path(), !cell.refused());
        String body = cell.row().body() == null ? null : resolve(cell.row().body(), !cell.refused());
        String before = cell.refused() && unchangedState != null ? unchangedState : state();
        unchangedState = null;

        HttpResult answer = send(cell.row().api().url(realm, path), cell.row().method(), AUTHORIZATION.get(cell.caller()).get(), body);

        assertThat(answer.status()).as("%s %s by %s: %s", cell.row().method(), path, cell.caller(), answer.body())
                .isEqualTo(cell.expected());
        if (cell.expected() == 400) {
            assertThat(answer.json().path("error").asText()).isEqualTo("not_a_link_session");
        }
        String after = state();
        if (cell.changes()) {
            assertThat(after).as("an allowed change changes the organization's state").isNotEqualTo(before);
        } else {
            assertThat(after).as("a refused call or a read changes nothing").isEqualTo(before);
        }
        unchangedState = after;
    }

    @Test
    @Order(2)
    void aViewOnlyRealmAdminSeesEveryOrganizationReadOnlyInThePortal() {
        String viewer = AUTHORIZATION.get(Caller.VIEW_ORGANIZATIONS).get();

        JsonNode me = send(Api.PORTAL.url(realm, "me"), "GET", viewer, null).json();
        assertThat(me.get("organizations")).anySatisfy(organization -> {
            assertThat(organization.get("id").asText()).isEqualTo(orgId);
            assertThat(organization.get("access").asText()).isEqualTo("REALM_VIEWER");
        });
        JsonNode overview = send(Api.PORTAL.url(realm, "organizations/" + orgId), "GET", viewer, null).json();
        assertThat(overview.get("access").asText()).isEqualTo("REALM_VIEWER");
        assertThat(overview.get("readOnly").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void noRefusedCallerLeftAnAdminEvent() {
        Map<String, List<String>> eventsByUser = scenario.adminEvents().stream().collect(Collectors.groupingBy(
                event -> event.path("authDetails").path("userId").asText(),
                Collectors.mapping(event -> event.path("resourceType").asText() + " " + event.path("operationType").asText(),
                        Collectors.toList())));

        for (Caller caller : List.of(Caller.SIGNED_OUT, Caller.OTHER_REALM_ADMIN, Caller.MASTER_ADMIN_OF_OTHER_REALM,
                Caller.NO_ROLES, Caller.VIEW_ORGANIZATIONS)) {
            assertThat(eventsByUser.get(USER_IDS.get(caller))).as("admin events by %s", caller).isNull();
        }
        assertThat(eventsByUser.get(USER_IDS.get(Caller.MANAGE_CLIENTS))).as("the portal client it created")
                .containsExactly("CLIENT CREATE");
        assertThat(eventsByUser.get(USER_IDS.get(Caller.MANAGE_ORGANIZATIONS))).as("its allowed changes").isNotEmpty();
    }

    // ------------------------------------------------------------------ the table

    enum Api {
        ADMIN("/admin/realms/%s/jit/"), PORTAL("/realms/%s/jit-portal/api/"), KEYCLOAK("/admin/realms/%s/");

        private final String base;

        Api(String base) {
            this.base = base;
        }

        String url(String realm, String path) {
            return scenario.server().baseUrl() + String.format(base, realm) + path;
        }
    }

    record Row(Api api, String method, String path, String body, int[] statuses) {

        int expected(Caller caller) {
            return statuses[caller.ordinal()];
        }
    }

    record Case(Row row, Caller caller, int expected) {

        /** 401, 403, or 400 {@code not_a_link_session} (sign-out with a bearer token): refused, nothing changes. */
        boolean refused() {
            return expected == 400 || expected == 401 || expected == 403;
        }

        /** An allowed call that must change something (the 404s of an unknown organization change nothing). */
        boolean changes() {
            // starting a test sign-in only stores its state (and sets the browser's cookie) until the IdP answers
            return !row.method().equals("GET") && !row.path().endsWith("/test") && expected >= 200 && expected < 300;
        }

        @Override
        public String toString() {
            return caller + ": " + row.api() + " " + row.method() + " " + row.path() + " -> " + expected;
        }
    }

    private static Row admin(String call, String statuses) {
        return row(Api.ADMIN, call, statuses, null);
    }

    private static Row admin(String call, String statuses, String body) {
        return row(Api.ADMIN, call, statuses, body);
    }

    private static Row keycloak(String call, String statuses, String body) {
        return row(Api.KEYCLOAK, call, statuses, body);
    }

    private static Row portal(String call, String statuses) {
        return row(Api.PORTAL, call, statuses, null);
    }

    private static Row portal(String call, String statuses, String body) {
        return row(Api.PORTAL, call, statuses, body);
    }

    private static Row row(Api api, String call, String statuses, String body) {
        String[] methodAndPath = call.trim().split("\\s+");
        int[] expected = Arrays.stream(statuses.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        if (expected.length != Caller.values().length) {
            throw new IllegalArgumentException(call + ": " + expected.length + " statuses for " + Caller.values().length + " callers");
        }
        return new Row(api, methodAndPath[0], methodAndPath[1], body, expected);
    }

    // ------------------------------------------------------------------ targets

    /** Replaces the placeholders: the shared targets for a refusal, fresh ones for an allowed call. */
    private static String resolve(String template, boolean fresh) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = fresh ? fresh(name) : SHARED.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no target {" + name + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static String fresh(String name) {
        int n = ++freshCount;
        return switch (name) {
            case "org", "unknown" -> SHARED.get(name);
            case "link" -> createLink();
            case "pending" -> claim("pending-" + n + "." + DOMAIN);
            case "verified" -> markVerified(claim("verified-" + n + "." + DOMAIN));
            case "new" -> "new-" + n + "." + DOMAIN;
            case "member" -> member("member-" + n);
            case "admin" -> orgAdmin("admin-" + n);
            case "invitation" -> invitation("invited-" + n + "@elsewhere.test");
            case "email" -> "newcomer-" + n + "@elsewhere.test";
            case "stepconfig" -> stepConfigId;
            case "options" -> stepOptions(String.valueOf(100 + n));
            case "sso" -> Json.write(SsoFixture.connect(SsoFixture.issuer(idp, "initech")));
            case "idp" -> ssoIdp();
            case "tested" -> tested(ssoIdp());
            case "live" -> live(tested(ssoIdp()));
            case "unknownidp" -> SHARED.get(name);
            default -> null;
        };
    }

    private static String jit(String path) {
        return "/" + realm + "/jit/organizations/" + orgId + "/" + path;
    }

    /**
     * The JIT check step's configuration as it is, with {@code jit.max-domain-claims} and the mailbox options changed
     * (to their upper bounds: what a refused caller would ask for).
     */
    private static String stepOptions(String maxClaims) {
        ObjectNode config = (ObjectNode) masterAdmin.get("/" + realm + "/authentication/config/" + stepConfigId);
        ((ObjectNode) config.get("config")).put("jit.max-domain-claims", maxClaims)
                .put("jit.mailbox-proof-link-minutes", "1440").put("jit.mailbox-proof-resends", "10");
        return Json.write(config);
    }

    /** A draft IdP of the organization, connected through the portal by the manage-organizations caller. */
    private static String ssoIdp() {
        HttpResult created = manager().send("POST", "api/organizations/" + orgId + "/sso",
                SsoFixture.connect(SsoFixture.issuer(idp, "initech")));
        if (created.status() != 201) {
            throw new IllegalStateException("connect: " + created.status() + " " + created.body());
        }
        return created.json().get("alias").asText();
    }

    private static String tested(String alias) {
        SsoFixture.nextSignIn(idp, "initech", "tess", SsoFixture.person("tess@" + DOMAIN, "Tess", "Tester"));
        SsoFixture.testSignIn(manager(), orgId, alias);
        return alias;
    }

    private static String live(String alias) {
        HttpResult live = manager().send("POST", "api/organizations/" + orgId + "/sso/" + alias + "/go-live", (Object) null);
        if (live.status() != 200) {
            throw new IllegalStateException("go live: " + live.status() + " " + live.body());
        }
        return alias;
    }

    private static PortalHttp manager() {
        return PortalHttp.bearer(scenario.server().baseUrl(), realm,
                AUTHORIZATION.get(Caller.MANAGE_ORGANIZATIONS).get().substring("Bearer ".length()));
    }

    private static void removePortalClient() {
        for (JsonNode client : masterAdmin.get("/" + realm + "/clients?clientId=jit-portal")) {
            masterAdmin.delete("/" + realm + "/clients/" + client.get("id").asText());
        }
    }

    private static String createLink() {
        return masterAdmin.post(jit("portal-links"), Map.of()).json().get("id").asText();
    }

    private static String claim(String domain) {
        masterAdmin.post(jit("domains"), Map.of("domain", domain));
        return domain;
    }

    private static String markVerified(String domain) {
        masterAdmin.post(jit("domains/" + domain + "/mark-verified"), null);
        return domain;
    }

    private static String user(String username) {
        ObjectNode user = Json.object().put("username", username).put("enabled", true)
                .put("email", username + "@staff.example").put("emailVerified", true)
                .put("firstName", username).put("lastName", "Test");
        user.putArray("requiredActions");
        user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        return masterAdmin.post("/" + realm + "/users", user).createdId();
    }

    private static String member(String username) {
        String userId = user(username);
        masterAdmin.post("/" + realm + "/organizations/" + orgId + "/members", userId);
        return userId;
    }

    private static String orgAdmin(String username) {
        String userId = member(username);
        masterAdmin.put("/" + realm + "/organizations/" + orgId + "/groups/" + adminsGroupId + "/members/" + userId, null);
        return userId;
    }

    private static String invitation(String email) {
        scenario.inviteUser(orgId, email);
        for (JsonNode invitation : masterAdmin.get("/" + realm + "/organizations/" + orgId + "/invitations")) {
            if (invitation.get("email").asText().equals(email)) {
                return invitation.get("id").asText();
            }
        }
        throw new IllegalStateException("no invitation of " + email);
    }

    // ------------------------------------------------------------------ callers

    /** A user of the app realm with the given realm-management roles, signed in through admin-cli. */
    private static AdminApi appUser(Caller caller, String username, String... roles) {
        String userId = user(username);
        grant("/" + realm, userId, "realm-management", roles);
        USER_IDS.put(caller, userId);
        return AdminApi.signedIn(scenario.server().baseUrl(), realm, username, PASSWORD);
    }

    private static AdminApi otherRealmAdmin() {
        String other = "/" + scenario.idpRealm();
        ObjectNode user = Json.object().put("username", "other-admin").put("enabled", true)
                .put("email", "other-admin@staff.example").put("emailVerified", true)
                .put("firstName", "Other").put("lastName", "Admin");
        user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        String userId = masterAdmin.post(other + "/users", user).createdId();
        grant(other, userId, "realm-management", "realm-admin");
        USER_IDS.put(Caller.OTHER_REALM_ADMIN, userId);
        return AdminApi.signedIn(scenario.server().baseUrl(), scenario.idpRealm(), "other-admin", PASSWORD);
    }

    /** In master, each realm has a client {@code <realm>-realm} whose roles administer that realm. */
    private static AdminApi masterAdminOfOtherRealm() {
        String username = "admin-of-" + scenario.idpRealm();
        ObjectNode user = Json.object().put("username", username).put("enabled", true)
                .put("email", username + "@staff.example").put("emailVerified", true)
                .put("firstName", "Master").put("lastName", "Admin");
        user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        masterUserId = masterAdmin.post("/master/users", user).createdId();
        grant("/master", masterUserId, scenario.idpRealm() + "-realm",
                "view-organizations", "manage-organizations", "manage-clients");
        USER_IDS.put(Caller.MASTER_ADMIN_OF_OTHER_REALM, masterUserId);
        return AdminApi.signedIn(scenario.server().baseUrl(), "master", username, PASSWORD);
    }

    private static void grant(String realmPath, String userId, String clientId, String... roles) {
        if (roles.length == 0) {
            return;
        }
        String client = masterAdmin.get(realmPath + "/clients?clientId=" + AdminApi.enc(clientId)).get(0).get("id").asText();
        List<JsonNode> representations = Stream.of(roles)
                .map(role -> masterAdmin.get(realmPath + "/clients/" + client + "/roles/" + AdminApi.enc(role)))
                .toList();
        masterAdmin.post(realmPath + "/users/" + userId + "/role-mappings/clients/" + client, representations);
    }

    /** The token's claims under a header that asks for no signature, and no signature. */
    private static String unsigned(String token) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    // ------------------------------------------------------------------ state and HTTP

    /**
     * Everything a call of the table could change, read by the master admin, as text. A pending claim's last check
     * is left out: the background check rewrites it every few seconds on the test server.
     */
    private static String state() {
        String organization = "/" + realm + "/organizations/" + orgId;
        ObjectNode state = Json.object();
        state.set("organization", masterAdmin.get(organization));
        state.set("portalLinks", masterAdmin.get(jit("portal-links")));
        state.set("rateCap", masterAdmin.get(jit("rate-cap")));
        ArrayNode claims = (ArrayNode) masterAdmin.get(jit("domains")).get("domains");
        for (JsonNode claim : claims) {
            if (claim.path("state").asText().equals("pending")) {
                ((ObjectNode) claim).remove(List.of("lastCheckedAt", "lastCheck", "negativeAnswers"));
            }
        }
        state.set("domainClaims", claims);
        state.set("portalClient", masterAdmin.get("/" + realm + "/clients?clientId=jit-portal"));
        state.set("identityProviders", masterAdmin.get("/" + realm + "/identity-provider/instances"));
        state.set("stepConfig", masterAdmin.get("/" + realm + "/authentication/config/" + stepConfigId));
        state.set("members", masterAdmin.get(organization + "/members?max=1000"));
        state.set("invitations", masterAdmin.get(organization + "/invitations"));
        ObjectNode groups = state.putObject("groupMembers");
        for (JsonNode group : masterAdmin.get(organization + "/groups")) {
            groups.set(group.get("name").asText(), masterAdmin.get(organization + "/groups/" + group.get("id").asText() + "/members"));
        }
        return Json.write(state);
    }

    private static HttpResult send(String url, String method, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
