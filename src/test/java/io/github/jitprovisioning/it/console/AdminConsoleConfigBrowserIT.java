package io.github.jitprovisioning.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;

import io.github.jitprovisioning.it.harness.AdminApi;
import io.github.jitprovisioning.it.harness.BlockedLogin;
import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.KeycloakServer;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The README's "Configure step by step in the admin console", walked in Keycloak's own admin console (headless
 * Chromium) on the test server with the built JAR: the IdP and the organization, the JIT flow built by clicks,
 * every option of the JIT step's gear dialog, the profile-sync mapper and the event listener saved and read back
 * after a reload; then a brokered first login is provisioned and a contractor blocked through what the console
 * made. The words it clicks come from the README's table "The console's words" and the option labels from the
 * reference tables of {@code docs/}, so the pages and the console cannot drift apart.
 *
 * <p>The tests run in order on one realm, as a person configures it. Screenshots of the dialogs go to
 * {@code target/screenshots/}, or to the folder in system property {@code jit.screenshots.dir}.
 */
@KeycloakIntegrationTest
@DisabledIfSystemProperty(named = "jit.it.backend", matches = "testcontainers",
        disabledReason = "the browser reaches the distribution's ports; the container run repeats nothing browser-specific")
@DisabledIfSystemProperty(named = "jit.it.db", matches = "postgres", disabledReason = "the admin console does not depend on the database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleConfigBrowserIT {

    private static final String IDP_ALIAS = "acme-sso";
    private static final String DOMAIN = "acme.test";

    private final ConsoleDocs docs = ConsoleDocs.readme();
    private KeycloakServer server;
    private Scenario scenario;
    private Browser browser;
    private AdminConsole console;
    private Path screenshots;
    private String realm;

    @BeforeAll
    void start(KeycloakServer server) {
        String skip = Browser.skipReason();
        Assumptions.assumeTrue(skip == null, skip);
        this.server = server;
        this.scenario = Scenario.create(server, "AdminConsole");
        this.realm = scenario.appRealm();
        this.screenshots = Path.of(System.getProperty("jit.screenshots.dir", "target/screenshots"));
        scenario.idpUser("alice", "alice@" + DOMAIN, true, "Alice", "Anders");
        scenario.idpUser("carol", "carol@ext." + DOMAIN, true, "Carol", "Contractor");
        this.browser = Browser.start(Locale.ENGLISH);
        this.console = new AdminConsole(browser, server.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    @Order(1)
    void everyWordOfTheConsoleListIsWhatTheStepsSay() {
        assertThat(docs.words()).as("README's table of the console's words").hasSizeGreaterThan(20);
        for (Map.Entry<String, String> word : docs.words().entrySet()) {
            assertThat(docs.steps()).as("the steps name '%s' (%s) as the console shows it", word.getValue(), word.getKey())
                    .containsAnyOf("**" + word.getValue() + "**", "`" + word.getValue() + "`");
        }
        assertThat(docs.steps()).as("26.7.3's console has no 'Add step' button").doesNotContain("**Add step**");
    }

    @Test
    @Order(2)
    void identityProviderFirstThenTheOrganizationAndItsLink() {
        console.open(realm, "identity-providers");
        console.press(docs.label("new OIDC identity provider"));
        console.setText("Alias", IDP_ALIAS);
        console.type(By.name("discoveryEndpoint"), server.baseUrl() + "/realms/" + scenario.idpRealm() + "/.well-known/openid-configuration");
        console.setText("Client ID", Scenario.BROKER_CLIENT_ID);
        console.setText("Client Secret", Scenario.BROKER_CLIENT_SECRET);
        browser.waitFor(d -> !d.findElement(By.name("config.tokenUrl")).getDomProperty("value").isEmpty(),
                "the IdP's metadata read from its discovery endpoint");
        console.press(AdminConsole.testId("createProvider")).alert("Identity provider successfully created");
        console.press(docs.label("collapsed section of the IdP's OpenID Connect settings"));
        console.setSwitch(docs.label("IdP option for the email hint"), true);
        console.dismissAlerts().press(AdminConsole.testId("idp-details-save")).alert("Provider successfully updated");
        assertThat(idp().path("config").path("loginHint").asText()).isEqualTo("true");

        console.open(realm, "organizations");
        console.press(docs.label("new organization"));
        console.setText("Name", "Acme");
        console.type(AdminConsole.testId("domains0"), DOMAIN);
        console.press(AdminConsole.testId("save")).alert("Organization successfully saved");
        console.tab(docs.label("organization tab"));
        console.press(docs.label("link button"));
        console.modal();
        console.press(By.cssSelector("[data-testid='alias'] input"));
        console.press(By.xpath("//button[@role='option'][normalize-space(.)='" + IDP_ALIAS + "']"));
        console.choose("Domain", DOMAIN);
        assertThat(console.switchOn(docs.label("link option to turn off"))).as("the link dialog starts with Hide on login page on").isTrue();
        console.setSwitch(docs.label("link option to turn off"), false);
        console.setSwitch(docs.label("link option to turn on"), true);
        shot("console-link-identity-provider.png", console.group(docs.label("link option to turn off")));
        console.press(AdminConsole.testId("confirm")).alert("Identity provider successfully linked");

        JsonNode organization = onlyOrganization();
        assertThat(organization.path("domains").get(0).path("name").asText()).isEqualTo(DOMAIN);
        JsonNode linked = idp();
        assertThat(linked.path("organizationId").asText()).isEqualTo(organization.path("id").asText());
        assertThat(linked.path("hideOnLogin").asBoolean()).as("the contractors' way to the IdP stays open").isFalse();
        assertThat(linked.path("config").path("kc.org.domain").asText()).isEqualTo(DOMAIN);
        assertThat(linked.path("config").path("kc.org.broker.redirect.mode.email-matches").asText()).isEqualTo("true");
    }

    @Test
    @Order(3)
    void jitFlowBuiltByTheClicksIsTheReadmesAndTheDemosFlow() throws IOException {
        String copy = docs.label("name of the copy");
        String check = docs.label("first JIT step");
        String provision = docs.label("last JIT step");
        String required = docs.label("requirement");
        console.open(realm, "authentication");
        console.press(By.xpath("//a[normalize-space(.)=" + AdminConsole.literal(docs.label("flow to copy")) + "]"));
        console.press(AdminConsole.exactText(docs.label("flow menu")));
        console.press(docs.label("copy action"));
        console.modal();
        console.setText("Name", copy);
        console.press(AdminConsole.testId("confirm")).alert("Flow successfully duplicated");
        console.reload(); // the console may keep the original's title until a reload (README step 3)
        browser.waitFor(d -> copy.equals(d.findElement(By.cssSelector("h1")).getText().trim()), "the copy's title after a reload");

        addExecution(check);
        assertThat(lastRow()).as("a new step lands at the bottom, Disabled").contains(check).contains("Disabled");
        console.toggleSubFlow(docs.label("sub-flow to collapse"));
        console.toggleSubFlow(docs.label("sub-flow to delete"));
        assertThat(console.visibleRows()).as("four rows once the sub-flows are collapsed").hasSize(4);
        console.drag(check, docs.label("drop target"));
        browser.waitFor(d -> console.visibleRows().get(0).contains(check), check + " as the first row");
        console.requirement(check, required);

        console.press(AdminConsole.testId(docs.label("sub-flow to delete") + "-delete"));
        console.press(AdminConsole.inModal("//button[normalize-space(.)='Delete']")).alert("Execution successfully deleted");
        addExecution(provision);
        console.requirement(provision, required);
        shot("console-jit-flow.png", AdminConsole.row(docs.label("drop target")));

        List<ConsoleDocs.FlowLine> built = flowAsTheAdminApiLists(realm);
        assertThat(built).as("the flow the clicks made, against README's 'resulting flow'").containsExactlyElementsOf(docs.resultingFlow());
        assertThat(demoFlowShape()).as("the demo realm's jit first broker login").containsExactlyElementsOf(shape(realm));

        console.open(realm, "identity-providers/oidc/" + IDP_ALIAS + "/settings");
        console.choose(docs.label("IdP setting for the flow"), copy);
        console.dismissAlerts().press(AdminConsole.testId("idp-details-save")).alert("Provider successfully updated");
        assertThat(idp().path("firstBrokerLoginFlowAlias").asText()).isEqualTo(copy);
    }

    @Test
    @Order(4)
    void everyOptionOfTheDomainCheckStepSavesInItsGearDialogAndLoadsBack() {
        Map<String, String> labels = ConsoleDocs.optionLabels(Path.of("docs/configuration.md"), "# Realm-wide options");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("jit.require-verified-email", false);
        values.put("jit.require-idp-link", true);
        values.put("jit.unlinked-idps", "match-by-domain");
        values.put("jit.require-verified-domain", false);
        values.put("jit.fallback-default-roles", List.of("offline_access", "uma_authorization"));
        values.put("jit.on-missing-role-or-group", "block");
        values.put("jit.grantable-roles", List.of("offline_access", "uma_authorization"));
        values.put("jit.grantable-groups", List.of("/Customers/*"));
        values.put("jit.portal-admin-group", "IT Admins");
        values.put("jit.portal-link-lifetime-hours", "48");
        values.put("jit.mailbox-proof-link-minutes", "20");
        values.put("jit.mailbox-proof-resends", "2");
        values.put("jit.max-domain-claims", "30");
        values.put("jit.portal-modes", List.of("enforce", "report-only"));
        values.put("jit.portal-sso", "on");
        values.put("jit.portal-sso-protocols", List.of("oidc"));
        values.put("jit.portal-sso-max-idps", "3");
        values.put("jit.portal-sso-first-login-flow", "jit first broker login");
        values.put("jit.portal-sso-sync-mode", "FORCE");
        values.put("jit.portal-sso-fetch-allow-hosts", List.of("idp.internal.example"));
        values.put("jit.member-removal-deletes-accounts", false);
        values.put("jit.inactivity-min-days", "14");
        values.put("jit.inactivity-max-days", "400");
        values.put("jit.rate-cap-per-hour", "150");
        assertThat(labels.keySet()).as("docs/configuration.md documents every option of the step").containsExactlyInAnyOrderElementsOf(values.keySet());

        String check = docs.label("first JIT step");
        console.open(realm, "authentication");
        console.press(By.xpath("//a[normalize-space(.)=" + AdminConsole.literal(docs.label("name of the copy")) + "]"));
        console.gear(check);
        console.setText(docs.label("gear dialog's name field"), "jit");
        values.forEach((key, value) -> setOption(labels.get(key), value));
        shot("console-jit-check-email-domain-config.png", console.group(labels.get("jit.require-idp-link")));
        console.press(AdminConsole.inModal("//button[@data-testid='save']")).alert("Successfully saved the config");

        Map<String, String> stored = domainCheckConfig();
        values.forEach((key, value) -> assertThat(stored.get(key)).as("stored %s", key).isEqualTo(stored(value)));

        console.reload();
        console.gear(check);
        assertThat(console.text(docs.label("gear dialog's name field"))).isEqualTo("jit");
        values.forEach((key, value) -> assertThat(option(labels.get(key), value)).as("%s read back after a reload", labels.get(key)).isEqualTo(value));
        console.press(AdminConsole.inModal("//button[@data-testid='cancel']"));
    }

    @Test
    @Order(5)
    void theProfileSyncMapperSavesWithEveryOptionAndLoadsBack() {
        Map<String, String> labels = ConsoleDocs.optionLabels(Path.of("docs/profile-sync.md"), "| option (config key)");
        console.open(realm, "identity-providers/oidc/" + IDP_ALIAS + "/mappers");
        console.press(docs.label("add an IdP mapper"));
        console.setText("Name", "jit profile sync");
        console.press(By.id("identityProviderMapper"));
        console.press(By.xpath("//*[@role='option'][normalize-space(.)=" + AdminConsole.literal(docs.label("mapper type")) + "]"));
        console.press(By.xpath("//*[@data-testid='claim-to-attribute-add-row' or @data-testid='config.claim-to-attribute-add-row']"));
        console.type(AdminConsole.testId("config.claim-to-attribute.0.key"), "department");
        console.type(AdminConsole.testId("config.claim-to-attribute.0.value"), "department");
        console.setSwitch(labels.get("clear-missing"), true);
        console.setText(labels.get("write-protected-attributes"), "department, costCenter");
        console.setText(labels.get("max-values"), "5");
        shot("console-jit-profile-sync-mapper.png", console.group(labels.get("claim-to-attribute")));
        console.press(AdminConsole.testId("new-mapper-save-button")).alert("Mapper created successfully");

        JsonNode mapper = onlyMapper();
        assertThat(mapper.path("identityProviderMapper").asText()).isEqualTo("jit-profile-sync");
        assertThat(Json.MAPPER.convertValue(mapper.path("config"), Map.class)).containsEntry("clear-missing", "true")
                .containsEntry("write-protected-attributes", "department, costCenter").containsEntry("max-values", "5")
                .containsEntry("claim-to-attribute", "[{\"key\":\"department\",\"value\":\"department\"}]");

        console.reload();
        assertThat(console.visible(AdminConsole.testId("config.claim-to-attribute.0.key")).getDomProperty("value")).isEqualTo("department");
        assertThat(console.switchOn(labels.get("clear-missing"))).isTrue();
        assertThat(console.text(labels.get("write-protected-attributes"))).isEqualTo("department, costCenter");
        assertThat(console.text(labels.get("max-values"))).isEqualTo("5");
        // editing the saved mapper saves too (the console failed here with "Cannot parse the JSON" before)
        console.setText(labels.get("write-protected-attributes"), "department");
        console.press(AdminConsole.testId("new-mapper-save-button")).alert("Mapper saved successfully");
        assertThat(onlyMapper().path("config").path("write-protected-attributes").asText()).isEqualTo("department");
    }

    @Test
    @Order(6)
    void theAuditListenerAndSavedEventsEachSaveOnTheirOwnSubTab() {
        ObjectNode events = (ObjectNode) scenario.admin().get("/" + realm + "/events/config");
        events.put("eventsEnabled", false);
        scenario.admin().put("/" + realm + "/events/config", events);

        console.open(realm, "realm-settings/events");
        String listeners = docs.label("Events sub-tab for listeners");
        console.tab(listeners);
        console.press(console.field(listeners, "//input"));
        console.press(By.xpath("//*[@role='option'][normalize-space(.)=" + AdminConsole.literal(docs.label("event listener")) + "]"));
        shot("console-event-listeners.png", console.group(listeners));
        console.press(AdminConsole.testId("saveEventListenerBtn")).alert("Event listener has been updated");
        console.tab(docs.label("Events sub-tab for user events"));
        console.setSwitch(docs.label("user events switch"), true);
        console.dismissAlerts().press(AdminConsole.testId("save-user")).alert("Successfully saved configuration");

        JsonNode saved = scenario.admin().get("/" + realm + "/events/config");
        assertThat(saved.path("eventsListeners")).extracting(JsonNode::asText).contains("jit-audit", "jboss-logging");
        assertThat(saved.path("eventsEnabled").asBoolean()).isTrue();
        console.reload();
        console.tab(listeners);
        assertThat(console.visible(console.group(listeners)).getText()).as("the listeners after a reload").contains("jit-audit", "jboss-logging");
    }

    @Test
    @Order(7)
    void aFirstLoginThroughWhatTheConsoleMadeIsProvisionedAndAContractorBlocked() {
        LoginResult alice = scenario.login(IDP_ALIAS, "alice");
        assertThat(alice.loggedIn()).as("%s", alice).isTrue();
        JsonNode user = scenario.userByEmail("alice@" + DOMAIN).orElseThrow();
        String orgId = onlyOrganization().path("id").asText();
        assertThat(scenario.members(orgId)).extracting(m -> m.path("id").asText()).containsExactly(user.path("id").asText());
        assertThat(scenario.realmRoleNames(user.path("id").asText()))
                .as("the fallback default roles saved in the gear dialog").contains("offline_access", "uma_authorization");

        BlockedLogin.Snapshot before = BlockedLogin.Snapshot.of(scenario, orgId);
        JsonNode event = BlockedLogin.assertBlocked(scenario, scenario.login(IDP_ALIAS, "carol"), "domain_not_registered", before);
        assertThat(event.path("details").path("identity_provider").asText()).isEqualTo(IDP_ALIAS);
    }

    @Test
    @Order(8)
    void theReadmesOneGoScriptBuildsTheSameFlow() throws Exception {
        Path kcadm = Path.of(System.getProperty("keycloak.home", "target/keycloak-dist/keycloak")).resolve("bin/kcadm.sh");
        Assumptions.assumeTrue(Files.isExecutable(kcadm), "no kcadm.sh at " + kcadm);
        String other = realm + "-script";
        scenario.admin().post("", Map.of("realm", other, "enabled", true, "organizationsEnabled", true));
        try {
            Path script = Files.createTempFile("jit-flow-", ".sh");
            Files.writeString(script, "set -euo pipefail\n" + docs.codeBlockAfter("**The same flow in one go**"), StandardCharsets.UTF_8);
            Path home = Files.createTempDirectory("kcadm-home-");
            ProcessBuilder run = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            Map<String, String> env = run.environment();
            env.put("PATH", kcadm.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("HOME", home.toString());
            env.put("KEYCLOAK_URL", server.baseUrl());
            env.put("KEYCLOAK_ADMIN", KeycloakServer.ADMIN_USERNAME);
            env.put("KEYCLOAK_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
            env.put("REALM", other);
            Process process = run.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the script ends").isTrue();
            assertThat(process.exitValue()).as("the script's exit code; it said:\n%s", output).isZero();
            assertThat(flowAsTheAdminApiLists(other)).as("the flow the script made").containsExactlyElementsOf(docs.resultingFlow());
        } finally {
            scenario.admin().send("DELETE", "/" + other, null);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A screenshot without the console's toasts, with {@code anchor} in the middle of its scrolled container. */
    private void shot(String file, By anchor) {
        console.dismissAlerts();
        console.js("arguments[0].scrollIntoView({block:'center'});", console.visible(anchor));
        browser.screenshot(screenshots.resolve(file));
    }

    private void addExecution(String step) {
        console.press(AdminConsole.testId("addStep"));
        console.visible(AdminConsole.inModal("//input[@placeholder='Search']")).sendKeys("JIT", org.openqa.selenium.Keys.ENTER);
        console.press(AdminConsole.inModal("//label[normalize-space(.)=" + AdminConsole.literal(step) + "]"));
        console.dismissAlerts().press(AdminConsole.testId("modal-add")).alert("Flow successfully updated");
        console.visible(AdminConsole.row(step));
    }

    private String lastRow() {
        List<String> rows = console.visibleRows();
        return rows.get(rows.size() - 1);
    }

    private void setOption(String label, Object value) {
        if (value instanceof Boolean on) {
            console.setSwitch(label, on);
        } else if (value instanceof List<?> lines) {
            console.setLines(label, lines.stream().map(String::valueOf).toList());
        } else if (browserShowsSelect(label)) {
            console.choose(label, (String) value);
        } else {
            console.setText(label, (String) value);
        }
    }

    private Object option(String label, Object expected) {
        if (expected instanceof Boolean) {
            return console.switchOn(label);
        } else if (expected instanceof List<?>) {
            return console.lines(label);
        } else if (browserShowsSelect(label)) {
            return console.choice(label);
        }
        return console.text(label);
    }

    private boolean browserShowsSelect(String label) {
        console.visible(console.group(label));
        return browser.has(By.xpath("//div[contains(@class,'pf-v5-c-form__group')][./div[contains(@class,'pf-v5-c-form__group-label')]"
                + "//*[normalize-space(text())=" + AdminConsole.literal(label) + "]]//button[contains(@class,'pf-v5-c-menu-toggle')]"));
    }

    private static String stored(Object value) {
        if (value instanceof List<?> list) {
            return String.join("##", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private Map<String, String> domainCheckConfig() {
        for (JsonNode execution : scenario.admin().get("/" + realm + "/authentication/flows/"
                + AdminApi.enc(docs.label("name of the copy")).replace("+", "%20") + "/executions")) {
            if (execution.path("providerId").asText().equals("jit-domain-check")) {
                JsonNode config = scenario.admin().get("/" + realm + "/authentication/config/" + execution.path("authenticationConfig").asText());
                assertThat(config.path("alias").asText()).isEqualTo("jit");
                Map<String, String> values = new HashMap<>();
                config.path("config").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
                return values;
            }
        }
        throw new AssertionError("no jit-domain-check step");
    }

    private List<ConsoleDocs.FlowLine> flowAsTheAdminApiLists(String realmName) {
        List<ConsoleDocs.FlowLine> lines = new ArrayList<>();
        for (JsonNode execution : executions(realmName)) {
            String requirement = execution.path("requirement").asText();
            lines.add(new ConsoleDocs.FlowLine(execution.path("level").asInt(), execution.path("displayName").asText(),
                    requirement.charAt(0) + requirement.substring(1).toLowerCase(Locale.ROOT)));
        }
        return lines;
    }

    private JsonNode executions(String realmName) {
        return scenario.admin().get("/" + realmName + "/authentication/flows/"
                + AdminApi.enc(docs.label("name of the copy")).replace("+", "%20") + "/executions");
    }

    /** The flow as level, step provider or sub-flow name, requirement: what an export also says. */
    private List<String> shape(String realmName) {
        List<String> shape = new ArrayList<>();
        for (JsonNode execution : executions(realmName)) {
            String what = execution.path("authenticationFlow").asBoolean() ? "flow " + execution.path("displayName").asText()
                    : execution.path("providerId").asText();
            shape.add(execution.path("level").asInt() + " " + what + " " + execution.path("requirement").asText());
        }
        return shape;
    }

    /** The same shape, read from {@code docker/realms/demo-realm.json}. */
    private List<String> demoFlowShape() throws IOException {
        JsonNode demo = Json.parse(Files.readString(Path.of("docker/realms/demo-realm.json"), StandardCharsets.UTF_8));
        Map<String, JsonNode> flows = new HashMap<>();
        for (JsonNode flow : demo.path("authenticationFlows")) {
            flows.put(flow.path("alias").asText(), flow);
        }
        List<String> shape = new ArrayList<>();
        walk(flows, docs.label("name of the copy"), 0, shape);
        return shape;
    }

    private static void walk(Map<String, JsonNode> flows, String alias, int level, List<String> shape) {
        List<JsonNode> executions = new ArrayList<>();
        flows.get(alias).path("authenticationExecutions").forEach(executions::add);
        executions.sort(Comparator.comparingInt(e -> e.path("priority").asInt()));
        for (JsonNode execution : executions) {
            if (execution.path("authenticatorFlow").asBoolean()) {
                String sub = execution.path("flowAlias").asText();
                shape.add(level + " flow " + sub + " " + execution.path("requirement").asText());
                walk(flows, sub, level + 1, shape);
            } else {
                shape.add(level + " " + execution.path("authenticator").asText() + " " + execution.path("requirement").asText());
            }
        }
    }

    private JsonNode idp() {
        return scenario.admin().get("/" + realm + "/identity-provider/instances/" + IDP_ALIAS);
    }

    private JsonNode onlyOrganization() {
        JsonNode organizations = scenario.admin().get("/" + realm + "/organizations");
        assertThat(organizations).hasSize(1);
        return organizations.get(0);
    }

    private JsonNode onlyMapper() {
        JsonNode mappers = scenario.admin().get("/" + realm + "/identity-provider/instances/" + IDP_ALIAS + "/mappers");
        assertThat(mappers).hasSize(1);
        return mappers.get(0);
    }
}
