package io.github.jitprovisioning.it.audit;

import static io.github.jitprovisioning.it.harness.AdminApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.AdminApi;
import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.CompatibilityRecorder;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Every JIT decision explained: event details read back through the admin events API, the {@code jit-audit}
 * listener's JSON lines in the server log, the {@code jit_decisions_total} counters on the management port, and
 * the simulate endpoint against real brokered logins.
 */
@KeycloakIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("postgres")
@Tag("compatibility")
public class EventsAndAuditIT {

    private static final Pattern REFERENCE = Pattern.compile("JIT-[0-9A-HJKMNP-TV-Z]{8}");
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ON_MISSING = "jit.on-missing-role-or-group";

    private static Scenario scenario;
    private static String app;
    private static String acmeId;
    private static String globexId;
    private static String initechId;
    private static String hooliId;
    private static String umbrellaId;

    @BeforeAll
    static void organizationsIdentityProvidersAndTheAuditListener(Scenario s) {
        scenario = s;
        app = s.appRealm();
        s.createRealmRole("employee");
        s.createGroup("/Acme/Staff");

        acmeId = s.organization("acme", List.of("acme.test"),
                Map.of("jit.default-roles", "employee", "jit.groups", "/Acme/Staff"));
        globexId = s.organization("globex", List.of("globex.test"), Map.of());
        initechId = s.organization("initech", List.of("initech.test"), Map.of());
        hooliId = s.organization("hooli", List.of("hooli.test"), Map.of("jit.enabled", "false"));
        umbrellaId = s.organization("umbrella", List.of("umbrella.test"), Map.of("jit.default-roles", "no-such-role"));

        s.oidcIdp("acme-sso", acmeId, false);
        s.oidcIdp("globex-sso", globexId, false);
        s.oidcIdp("workspace", null, true);
        s.oidcIdp("hooli-sso", hooliId, false);
        s.oidcIdp("umbrella-sso", umbrellaId, false);
        s.oidcIdp("social", null, true);
        s.disableOrganization(initechId);
        s.jitConfig(Map.of(ON_MISSING, "block"));

        ObjectNode events = (ObjectNode) s.admin().get("/" + app + "/events/config");
        events.put("eventsEnabled", true);
        events.putArray("eventsListeners").add("jboss-logging").add("jit-audit");
        s.admin().put("/" + app + "/events/config", events);
    }

    // ------------------------------------------------------------------ event details

    @Test
    @Order(1)
    void provisionedLoginEventCarriesEveryDetailAndTheNewUser() {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Anders");

        LoginResult login = scenario.login("acme-sso", "alice");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("alice@acme.test").orElseThrow().get("id").asText();
        JsonNode event = onlyJitEventOfUser(userId);
        assertThat(event.path("type").asText()).isEqualTo("IDENTITY_PROVIDER_FIRST_LOGIN");
        JsonNode details = event.path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("provisioned");
        assertThat(details.path("jit_reason").asText()).isEqualTo("provisioned");
        assertThat(details.path("organization").asText()).isEqualTo("acme");
        assertThat(details.path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(details.path("identity_provider").asText()).isEqualTo("acme-sso");
        assertThat(details.path("email_domain").asText()).isEqualTo("acme.test");
        assertThat(details.path("jit_roles").asText()).isEqualTo("employee");
        assertThat(details.path("jit_groups").asText()).isEqualTo("/Acme/Staff");
        assertThat(details.has("jit_warnings")).isFalse();
        String reference = details.path("jit_reference").asText();
        assertThat(reference).matches(REFERENCE);

        JsonNode line = awaitOneAuditLine(reference);
        assertThat(line.path("outcome").asText()).isEqualTo("provisioned");
        assertThat(line.path("reason").asText()).isEqualTo("provisioned");
        assertThat(line.path("user_id").asText()).isEqualTo(userId);
        assertThat(line.path("organization").asText()).isEqualTo("acme");
        assertThat(line.path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(line.path("identity_provider").asText()).isEqualTo("acme-sso");
        assertThat(line.path("email_domain").asText()).isEqualTo("acme.test");
        assertThat(line.path("event_type").asText()).isEqualTo("IDENTITY_PROVIDER_FIRST_LOGIN");
        assertThat(line.path("event_id").asText()).isEqualTo(event.path("id").asText());
        assertThat(line.path("roles").toString()).isEqualTo("[\"employee\"]");
        assertThat(line.path("groups").toString()).isEqualTo("[\"/Acme/Staff\"]");
        assertThat(line.toString()).doesNotContain("alice@acme.test");
    }

    static Stream<Arguments> blockedLogins() {
        return Stream.of(
                Arguments.of("missing_email", "acme-sso", "nomail", null, true, "acme", false),
                Arguments.of("invalid_email", "acme-sso", "badmail", "not an address", true, "acme", false),
                Arguments.of("email_not_verified", "acme-sso", "unverified", "una@acme.test", false, "acme", true),
                Arguments.of("domain_not_registered", "acme-sso", "contractor", "joe@ext.acme.test", true, null, true),
                Arguments.of("idp_not_linked", "acme-sso", "crosstenant", "bob@globex.test", true, "acme", true),
                // Keycloak hides the IdPs of a disabled organization; a shared IdP (match by domain) reaches rule 8
                Arguments.of("organization_disabled", "workspace", "peter", "peter@initech.test", true, "initech", true),
                Arguments.of("jit_disabled", "hooli-sso", "gavin", "gavin@hooli.test", true, "hooli", true),
                Arguments.of("missing_role_or_group", "umbrella-sso", "wesker", "wesker@umbrella.test", true, "umbrella", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockedLogins")
    @Order(2)
    void blockedLoginEventCarriesTheReasonAndTheReferenceOfTheBlockPage(String reason, String idp, String username,
                                                                        String email, boolean verified,
                                                                        String organization, boolean hasDomain) {
        scenario.idpUser(username, email, verified, "First", "Last");
        int usersBefore = scenario.userCount();

        LoginResult login;
        if (idp.equals("workspace")) {
            scenario.jitConfig(Map.of(ON_MISSING, "block", "jit.unlinked-idps", "match-by-domain"));
            try {
                login = scenario.login(idp, username);
            } finally {
                scenario.jitConfig(Map.of(ON_MISSING, "block"));
            }
        } else {
            login = scenario.login(idp, username);
        }

        assertThat(login.finalStatus()).as("%s", login).isEqualTo(403);
        assertThat(scenario.userCount()).isEqualTo(usersBefore);
        String reference = referenceOnPage(login);
        List<JsonNode> found = eventsWithReference(reference);
        assertThat(found).as("events with reference %s", reference).hasSize(1);
        JsonNode event = found.get(0);
        assertThat(event.path("type").asText()).isEqualTo("IDENTITY_PROVIDER_FIRST_LOGIN_ERROR");
        assertThat(event.path("error").asText()).isEqualTo(reason);
        assertThat(event.has("userId") && !event.get("userId").isNull()).isFalse();
        JsonNode details = event.path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("blocked");
        assertThat(details.path("jit_reason").asText()).isEqualTo(reason);
        assertThat(details.path("identity_provider").asText()).isEqualTo(idp);
        if (organization == null) {
            assertThat(details.has("organization")).isFalse();
        } else {
            assertThat(details.path("organization").asText()).isEqualTo(organization);
            assertThat(details.path("organization_id").asText()).isNotBlank();
        }
        if (hasDomain) {
            assertThat(details.path("email_domain").asText()).isEqualTo(email.substring(email.indexOf('@') + 1));
        } else {
            assertThat(details.has("email_domain")).isFalse();
        }
        if (reason.equals("missing_role_or_group")) {
            assertThat(details.path("jit_warnings").asText()).contains("no-such-role");
        }

        JsonNode line = awaitOneAuditLine(reference);
        assertThat(line.path("outcome").asText()).isEqualTo("blocked");
        assertThat(line.path("reason").asText()).isEqualTo(reason);
        assertThat(line.path("event_id").asText()).isEqualTo(event.path("id").asText());
        assertThat(line.has("user_id")).isFalse();
    }

    @Test
    @Order(3)
    void invitedLoginEventNamesTheInvitingOrganization() {
        scenario.inviteUser(acmeId, "dana@freelance.test");
        scenario.idpUser("dana", "dana@freelance.test", true, "Dana", "Doe");

        // freelance.test belongs to no organization: the invitation admits once Dana proves the mailbox
        LoginResult login = scenario.loginProvingMailbox("acme-sso", "dana", "dana@freelance.test");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("dana@freelance.test").orElseThrow().get("id").asText();
        JsonNode details = onlyJitEventOfUser(userId).path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("invited");
        assertThat(details.path("jit_reason").asText()).isEqualTo("invited");
        assertThat(details.path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(details.path("email_domain").asText()).isEqualTo("freelance.test");
        assertThat(awaitOneAuditLine(details.path("jit_reference").asText()).path("outcome").asText()).isEqualTo("invited");
    }

    @Test
    @Order(4)
    void loginThroughAnIdpOfNoOrganizationIsRecordedAsNotApplicable() {
        scenario.idpUser("sam", "sam@social.test", true, "Sam", "Social");

        LoginResult login = scenario.login("social", "sam");

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        String userId = scenario.userByEmail("sam@social.test").orElseThrow().get("id").asText();
        JsonNode details = scenario.events("IDENTITY_PROVIDER_FIRST_LOGIN").stream()
                .filter(e -> e.path("details").path("identity_provider").asText().equals("social"))
                .filter(e -> e.path("details").has("jit_outcome"))
                .findFirst().orElseThrow().path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("not_applicable");
        assertThat(details.path("jit_reason").asText()).isEqualTo("not_applicable");
        assertThat(details.has("organization")).isFalse();
        assertThat(userId).isNotBlank();
    }

    @Test
    @Order(4)
    void aFirstLoginThatStopsAtReviewProfileRecordsItsDecisionOnceWithTheUser() {
        JsonNode review = scenario.jitFlowExecutions().stream()
                .filter(e -> e.path("providerId").asText().equals("idp-review-profile")).findFirst().orElseThrow();
        String configPath = "/" + app + "/authentication/config/" + review.path("authenticationConfig").asText();
        ObjectNode config = (ObjectNode) scenario.admin().get(configPath);
        String previous = config.path("config").path("update.profile.on.first.login").asText("missing");
        ((ObjectNode) config.get("config")).put("update.profile.on.first.login", "on");
        scenario.admin().put(configPath, config);
        scenario.idpUser("rita", "rita@acme.test", true, "Rita", "Review");
        long provisionedBefore = scenario.events().stream()
                .filter(e -> e.path("details").path("jit_outcome").asText().equals("provisioned")).count();
        LoginResult login;
        try {
            login = scenario.login("acme-sso", "rita");
        } finally {
            ((ObjectNode) config.get("config")).put("update.profile.on.first.login", previous);
            scenario.admin().put(configPath, config);
        }

        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(login.trail()).as("the review profile page was shown")
                .anyMatch(step -> step.startsWith("200 GET") && step.contains("first-broker-login"));
        String userId = scenario.userByEmail("rita@acme.test").orElseThrow().get("id").asText();
        long provisionedAfter = scenario.events().stream()
                .filter(e -> e.path("details").path("jit_outcome").asText().equals("provisioned")).count();
        assertThat(provisionedAfter - provisionedBefore).isEqualTo(1);
        JsonNode details = onlyJitEventOfUser(userId).path("details");
        assertThat(awaitOneAuditLine(details.path("jit_reference").asText()).path("user_id").asText()).isEqualTo(userId);
    }

    // ------------------------------------------------------------------ metrics

    @Test
    @Order(5)
    void metricsCountDecisionsByRealmOutcomeAndReason() {
        String before = MetricsScrape.page(scenario.server());
        scenario.idpUser("frank", "frank@acme.test", true, "Frank", "Fox");
        scenario.idpUser("richard", "richard@hooli.test", true, "Richard", "Hendricks");
        scenario.idpUser("jared", "jared@hooli.test", true, "Jared", "Dunn");

        assertThat(scenario.login("acme-sso", "frank").loggedIn()).isTrue();
        assertThat(scenario.login("hooli-sso", "richard").finalStatus()).isEqualTo(403);
        assertThat(scenario.login("hooli-sso", "jared").finalStatus()).isEqualTo(403);

        String after = MetricsScrape.page(scenario.server());
        assertThat(MetricsScrape.decisions(after, app, "provisioned", "provisioned")
                - MetricsScrape.decisions(before, app, "provisioned", "provisioned")).isEqualTo(1.0);
        assertThat(MetricsScrape.decisions(after, app, "blocked", "jit_disabled")
                - MetricsScrape.decisions(before, app, "blocked", "jit_disabled")).isEqualTo(2.0);
        assertThat(MetricsScrape.decisions(after, app, "blocked", "idp_not_linked")
                - MetricsScrape.decisions(before, app, "blocked", "idp_not_linked")).isEqualTo(0.0);
        assertThat(after).contains("# TYPE jit_decisions counter");
    }

    // ------------------------------------------------------------------ simulate

    static Stream<Arguments> simulatedLogins() {
        return Stream.of(
                Arguments.of("provisioned", "acme-sso", "erin", "erin@acme.test", true),
                Arguments.of("contractor on a sub-domain", "acme-sso", "kim", "kim@ext.acme.test", true),
                Arguments.of("cross-tenant", "acme-sso", "lou", "lou@globex.test", true),
                Arguments.of("unverified", "acme-sso", "max", "max@acme.test", false),
                Arguments.of("JIT off", "hooli-sso", "ned", "ned@hooli.test", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simulatedLogins")
    @Order(6)
    void simulateAnswersWhatTheRealLoginThenGetsAndChangesNothing(String name, String idp, String username,
                                                                  String email, boolean verified) {
        scenario.idpUser(username, email, verified, "First", "Last");
        int users = scenario.userCount();
        int members = scenario.members(acmeId).size();
        int events = scenario.events().size();
        int adminEvents = scenario.adminEvents().size();
        int auditLines = AuditLog.lines(scenario.server(), app).size();

        HttpResult simulated = simulate(Map.of("identityProvider", idp, "email", email, "emailVerified", verified));

        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
        JsonNode answer = simulated.json();
        assertThat(scenario.userCount()).isEqualTo(users);
        assertThat(scenario.members(acmeId)).hasSize(members);
        assertThat(scenario.events()).hasSize(events);
        assertThat(scenario.adminEvents()).hasSize(adminEvents);
        assertThat(AuditLog.lines(scenario.server(), app)).hasSize(auditLines);

        LoginResult login = scenario.login(idp, username);

        JsonNode details = newestJitEventOf(idp, answer.path("reason").asText()).path("details");
        assertThat(answer.path("outcome").asText()).as("%s", login).isEqualTo(details.path("jit_outcome").asText());
        assertThat(answer.path("reason").asText()).isEqualTo(details.path("jit_reason").asText());
        assertThat(answer.path("organization").path("id").asText(null)).isEqualTo(details.path("organization_id").asText(null));
        assertThat(answer.path("emailDomain").asText()).isEqualTo(details.path("email_domain").asText());
        assertThat(login.loggedIn()).isEqualTo(answer.path("outcome").asText().equals("provisioned"));
        if (login.loggedIn()) {
            assertThat(answer.path("roles").toString()).isEqualTo("[\"employee\"]");
            assertThat(answer.path("groups").toString()).isEqualTo("[\"/Acme/Staff\"]");
            assertThat(answer.path("organization").path("name").asText()).isEqualTo("acme");
        }
    }

    @Test
    @Order(7)
    void simulateOfAnInvitedAddressLeavesTheInvitationPending() {
        scenario.inviteUser(globexId, "olga@elsewhere.test");

        JsonNode answer = simulate(Map.of("identityProvider", "globex-sso", "email", "olga@elsewhere.test",
                "emailVerified", true)).json();

        assertThat(answer.path("outcome").asText()).isEqualTo("invited");
        assertThat(answer.path("organization").path("id").asText()).isEqualTo(globexId);
        assertThat(scenario.admin().get("/" + app + "/organizations/" + globexId + "/invitations").toString())
                .contains("olga@elsewhere.test");
    }

    @Test
    @Order(8)
    void simulateRefusesCallersWithoutTheRightToViewUsersOrganizationsAndIdentityProviders() {
        // the realm-management role view-organizations exists from Keycloak 26.6 (before, KeycloakCompat asks manage-realm)
        org.junit.jupiter.api.Assumptions.assumeTrue(
                CompatibilityRecorder.compareVersions(System.getProperty("keycloak.version", "26.7.3"), "26.6") >= 0,
                "no view-organizations role before Keycloak 26.6");
        String path = "/admin/realms/" + app + "/jit/simulate";
        String body = Json.write(Map.of("identityProvider", "acme-sso", "email", "x@acme.test", "emailVerified", true));

        assertThat(post(path, null, body).statusCode()).isEqualTo(401);
        assertThat(post(path, "not-a-token", body).statusCode()).isEqualTo(401);

        appUser("plainuser", List.of());
        assertThat(post(path, appToken("plainuser"), body).statusCode()).isEqualTo(403);
        appUser("usersonly", List.of("view-users"));
        assertThat(post(path, appToken("usersonly"), body).statusCode()).isEqualTo(403);
        appUser("orgsonly", List.of("view-organizations"));
        assertThat(post(path, appToken("orgsonly"), body).statusCode()).isEqualTo(403);
        appUser("noidps", List.of("view-users", "view-organizations"));
        assertThat(post(path, appToken("noidps"), body).statusCode()).isEqualTo(403);
        appUser("idpsonly", List.of("view-identity-providers"));
        assertThat(post(path, appToken("idpsonly"), body).statusCode()).isEqualTo(403);
        appUser("viewer", List.of("view-users", "view-organizations", "view-identity-providers"));
        HttpResponse<String> allowed = post(path, appToken("viewer"), body);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(Json.parse(allowed.body()).path("reason").asText()).isEqualTo("provisioned");
    }

    @Test
    @Order(9)
    void simulateAnswersBadInputWithAJsonErrorNeverAServerError() {
        String path = "/admin/realms/" + app + "/jit/simulate";
        String token = scenario.admin().token();
        for (String body : List.of("", "not json", "[]", "{}", "{\"identityProvider\":1}",
                "{\"identityProvider\":\"acme-sso\",\"emailVerified\":\"yes\"}",
                "{\"identityProvider\":\"acme-sso\",\"email_verified\":true}")) {
            HttpResponse<String> response = post(path, token, body);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("error").asText()).as(body).isNotBlank();
        }
        HttpResponse<String> unknownIdp = post(path, token, "{\"identityProvider\":\"nope\",\"email\":\"a@b.test\"}");
        assertThat(unknownIdp.statusCode()).isEqualTo(404);
        assertThat(Json.parse(unknownIdp.body()).path("error").asText()).contains("nope");

        JsonNode noEmail = Json.parse(post(path, token, "{\"identityProvider\":\"acme-sso\",\"email\":null}").body());
        assertThat(noEmail.path("reason").asText()).isEqualTo("missing_email");
        JsonNode bad = Json.parse(post(path, token, "{\"identityProvider\":\"acme-sso\",\"email\":\"\\u0000@@\"}").body());
        assertThat(bad.path("reason").asText()).isEqualTo("invalid_email");
    }

    @Test
    @Order(10)
    void simulateLatency() {
        List<Long> micros = new java.util.ArrayList<>();
        Map<String, Object> body = Map.of("identityProvider", "acme-sso", "email", "someone@acme.test", "emailVerified", true);
        for (int i = 0; i < 120; i++) {
            long start = System.nanoTime();
            assertThat(simulate(body).status()).isEqualTo(200);
            if (i >= 20) {
                micros.add((System.nanoTime() - start) / 1000);
            }
        }
        java.util.Collections.sort(micros);
        System.out.printf("[keycloak-it] simulate over HTTP, 100 calls after 20 warm-up: p50 %.1f ms, p95 %.1f ms%n",
                micros.get(50) / 1000.0, micros.get(95) / 1000.0);
    }

    // ------------------------------------------------------------------ the audit log as a whole

    @Test
    @Order(100)
    void auditLogHasOneLineForEachJitEventAndNoneForAnythingElse() {
        List<JsonNode> lines = AuditLog.lines(scenario.server(), app);
        List<JsonNode> events = scenario.events();
        Set<String> jitEventIds = events.stream().filter(e -> e.path("details").has("jit_outcome"))
                .map(e -> e.path("id").asText()).collect(Collectors.toSet());
        Map<String, Integer> linesPerEvent = new HashMap<>();
        lines.forEach(line -> linesPerEvent.merge(line.path("event_id").asText(), 1, Integer::sum));

        assertThat(events.size()).as("the realm saw other events too").isGreaterThan(jitEventIds.size());
        assertThat(linesPerEvent.keySet()).isEqualTo(jitEventIds);
        assertThat(linesPerEvent.values()).allMatch(count -> count == 1);
        assertThat(lines).allSatisfy(line -> assertThat(line.toString()).doesNotContain("@"));
        Map<String, Long> byReason = lines.stream().collect(Collectors.groupingBy(
                line -> line.path("outcome").asText() + "/" + line.path("reason").asText(), LinkedHashMap::new,
                Collectors.counting()));
        System.out.println("[keycloak-it] audit lines of " + app + " by outcome/reason: " + byReason);
    }

    // ------------------------------------------------------------------ helpers

    private static String referenceOnPage(LoginResult login) {
        Matcher matcher = REFERENCE.matcher(login.finalHtml());
        assertThat(matcher.find()).as("a reference code on the block page: %s", login).isTrue();
        return matcher.group();
    }

    private static List<JsonNode> eventsWithReference(String reference) {
        return scenario.events().stream()
                .filter(e -> reference.equals(e.path("details").path("jit_reference").asText()))
                .toList();
    }

    private static JsonNode onlyJitEventOfUser(String userId) {
        List<JsonNode> found = scenario.events().stream()
                .filter(e -> userId.equals(e.path("userId").asText()))
                .filter(e -> e.path("details").has("jit_outcome"))
                .toList();
        assertThat(found).as("JIT events of user %s", userId).hasSize(1);
        return found.get(0);
    }

    private static JsonNode newestJitEventOf(String idp, String reason) {
        return scenario.events().stream()
                .filter(e -> idp.equals(e.path("details").path("identity_provider").asText()))
                .filter(e -> e.path("details").has("jit_outcome"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JIT event through " + idp + " (expected " + reason + ")"));
    }

    /** Audit lines are written after the commit; the request may have answered a moment before. */
    private static JsonNode awaitOneAuditLine(String reference) {
        long deadline = System.nanoTime() + AUDIT_WAIT.toNanos();
        List<JsonNode> lines = AuditLog.withReference(scenario.server(), app, reference);
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            lines = AuditLog.withReference(scenario.server(), app, reference);
        }
        assertThat(lines).as("audit lines with reference %s", reference).hasSize(1);
        return lines.get(0);
    }

    private static HttpResult simulate(Object body) {
        return scenario.admin().send("POST", "/" + app + "/jit/simulate", body);
    }

    private static HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scenario.server().baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static void appUser(String username, List<String> realmManagementRoles) {
        ObjectNode user = Json.object().put("username", username).put("enabled", true)
                .put("email", username + "@staff.example").put("emailVerified", true)
                .put("firstName", username).put("lastName", "Staff");
        user.putArray("requiredActions");
        user.putArray("credentials").addObject().put("type", "password").put("value", "secret").put("temporary", false);
        String userId = scenario.admin().post("/" + app + "/users", user).createdId();
        if (!realmManagementRoles.isEmpty()) {
            String client = scenario.clientUuid("realm-management");
            List<JsonNode> roles = realmManagementRoles.stream()
                    .map(role -> scenario.admin().get("/" + app + "/clients/" + client + "/roles/" + enc(role)))
                    .toList();
            scenario.admin().post("/" + app + "/users/" + userId + "/role-mappings/clients/" + client, roles);
        }
    }

    private static String appToken(String username) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(scenario.server().baseUrl() + "/realms/" + app
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(AdminApi.formBody(Map.of("grant_type", "password",
                        "client_id", "admin-cli", "username", username, "password", "secret"))))
                .build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
