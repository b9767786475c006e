package io.github.jitprovisioning.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import io.github.jitprovisioning.it.harness.AdminApi;
import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.KeycloakServer;

/**
 * The README's "Try it" in a real browser (headless Chromium): the demo realms of {@code docker/realms/}, imported
 * into the test server with their {@code http://localhost:8080} URLs pointed at it, and the human path through the
 * pages: type the email, land at the enterprise IdP, sign in, arrive provisioned (Alice) or on the block page
 * (Carol, in English, German and French), and follow the block page's link back to the sign-in page.
 *
 * <p>It writes a screenshot of every step to {@code target/screenshots/}, or to the folder in system property
 * {@code jit.screenshots.dir} ({@code -Djit.screenshots.dir=docs/images} refreshes the README's images).
 */
@KeycloakIntegrationTest
@DisabledIfSystemProperty(named = "jit.it.backend", matches = "testcontainers",
        disabledReason = "the browser reaches the distribution's ports; the container run repeats nothing browser-specific")
@DisabledIfSystemProperty(named = "jit.it.db", matches = "postgres", disabledReason = "the sign-in pages do not depend on the database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoSignInBrowserIT {

    private static final By USERNAME = By.id("username");
    private static final By PASSWORD = By.id("password");
    private static final By SUBMIT = By.cssSelector("#kc-form-login [type=submit], #kc-login");
    private static final By ERROR_ALERT = By.cssSelector(".pf-m-danger, .alert-error, #input-error-username");

    private KeycloakServer server;
    private Path screenshots;

    @BeforeAll
    void importDemoRealms(KeycloakServer server) throws IOException {
        String skip = Browser.skipReason();
        Assumptions.assumeTrue(skip == null, skip);
        this.server = server;
        this.screenshots = Path.of(System.getProperty("jit.screenshots.dir", "target/screenshots"));
        DemoServer.importRealms(server);
    }

    @AfterAll
    void removeDemoRealms() {
        if (server != null) {
            DemoServer.removeRealms(server);
        }
    }

    @Test
    void aliceTypesHerEmailGoesStraightToAcmeSsoAndArrivesProvisioned() {
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(accountUrl());
            browser.await(USERNAME);
            assertThat(browser.has(PASSWORD)).as("identity-first: only the email on the first page").isFalse();
            browser.screenshot(screenshots.resolve("01-sign-in.png"));

            browser.type(USERNAME, "alice@acme.test").click(SUBMIT);
            browser.awaitUrl(server.baseUrl() + "/realms/enterprise-idp/");
            assertThat(browser.await(USERNAME).getDomProperty("value"))
                    .as("the enterprise IdP got the typed email as login hint").isEqualTo("alice@acme.test");
            browser.screenshot(screenshots.resolve("02-idp-sign-in.png"));

            browser.type(PASSWORD, "password").click(SUBMIT);
            browser.awaitUrl(server.baseUrl() + "/realms/demo/account");
            browser.waitFor(d -> "alice@acme.test".equals(d.findElement(By.id("email")).getDomProperty("value")),
                    "Alice's email in the account console");
            assertThat(browser.await(By.id("firstName")).getDomProperty("value")).isEqualTo("Alice");
            browser.screenshot(screenshots.resolve("03-account-alice.png"));
        }
        JsonNode alice = onlyUser("alice@acme.test");
        JsonNode organizations = server.admin().get("/demo/organizations/members/" + alice.get("id").asText() + "/organizations");
        assertThat(organizations).extracting(o -> o.get("alias").asText()).containsExactly("acme");
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "de", "fr"})
    void carolIsBlockedOnAPageThatNamesNoOrganizationAndLeadsBackToSignIn(String language) {
        Locale locale = Locale.forLanguageTag(language);
        Properties messages = messages(locale);
        try (Browser browser = Browser.start(locale)) {
            browser.open(accountUrl());
            // ext.acme.test belongs to no organization: Keycloak asks for a password and offers the IdPs
            browser.type(USERNAME, "carol@ext.acme.test").click(SUBMIT);
            browser.click(By.id("social-acme-sso"));
            browser.awaitUrl(server.baseUrl() + "/realms/enterprise-idp/");
            browser.type(USERNAME, "carol").type(PASSWORD, "password").click(SUBMIT);

            browser.await(By.id("jit-blocked"));
            assertThat(browser.text(By.id("kc-page-title"))).isEqualTo(message(messages, "jitBlockedTitle", locale));
            assertThat(browser.text(By.id("jit-blocked-message"))).isEqualTo(message(messages, "jitBlockedMessage", locale));
            assertThat(browser.text(By.id("jit-blocked-invitation"))).isEqualTo(message(messages, "jitBlockedInvitation", locale));
            assertThat(browser.has(By.id("jit-blocked-ask-it"))).as("domain_not_registered is not for IT to fix").isFalse();
            assertThat(browser.text(By.id("jit-reference"))).matches("JIT-[0-9A-Z]{8}");
            assertThat(browser.text().toLowerCase(Locale.ROOT)).doesNotContain("acme", "ext.acme.test", "globex");
            browser.screenshot(screenshots.resolve("04-blocked-carol-" + language + ".png"));

            assertThat(browser.text(By.id("jit-restart"))).isEqualTo(message(messages, "jitBlockedRestart", locale));
            browser.click(By.id("jit-restart"));
            browser.await(USERNAME);
            assertThat(browser.url()).startsWith(server.baseUrl() + "/realms/demo/");
            assertThat(browser.has(PASSWORD)).as("the first page of the sign-in again").isFalse();
            assertThat(browser.has(ERROR_ALERT)).as("no error on the sign-in page: %s", browser.text()).isFalse();
            assertThat(browser.has(By.id("jit-blocked"))).isFalse();
        }
        assertThat(server.admin().get("/demo/users?exact=true&email=" + AdminApi.enc("carol@ext.acme.test")))
                .as("a blocked login leaves no user").isEmpty();
    }

    @Test
    void ursulaWithAnUnverifiedEmailIsToldWhatToAskHerItFor() {
        Properties messages = messages(Locale.ENGLISH);
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(accountUrl());
            browser.type(USERNAME, "ursula@acme.test").click(SUBMIT);
            browser.awaitUrl(server.baseUrl() + "/realms/enterprise-idp/");
            browser.type(PASSWORD, "password").click(SUBMIT);

            browser.await(By.id("jit-blocked"));
            assertThat(browser.text(By.id("jit-blocked-ask-it")))
                    .isEqualTo(message(messages, "jitBlockedAskItEmailNotVerified", Locale.ENGLISH))
                    .contains("IT");
            assertThat(browser.has(By.id("jit-blocked-invitation"))).as("an invitation would not help").isFalse();
            browser.screenshot(screenshots.resolve("05-blocked-ursula-en.png"));
        }
    }

    /**
     * Where an IdP link does not redirect, Keycloak still shows its "you don't have an account yet" page; the {@code jit}
     * theme replaces that text with what will happen.
     */
    @Test
    void withoutTheRedirectTheOrganizationPageSaysWhatWillHappenInsteadOfAnError() {
        String keycloakText = "Your email domain matches an organization but you don't have an account yet.";
        ObjectNode globex = (ObjectNode) server.admin().get("/demo/identity-provider/instances/globex-sso");
        ObjectNode redirecting = globex.deepCopy();
        ((ObjectNode) globex.get("config")).put("kc.org.broker.redirect.mode.email-matches", "false");
        server.admin().put("/demo/identity-provider/instances/globex-sso", globex);
        try (Browser browser = Browser.start(Locale.ENGLISH)) {
            browser.open(accountUrl());
            browser.type(USERNAME, "gina@globex.test").click(SUBMIT);
            browser.await(By.id("social-globex-sso"));
            String page = browser.text();
            assertThat(page).doesNotContain(keycloakText)
                    .contains(message(themeMessages(Locale.ENGLISH), keycloakText, Locale.ENGLISH));
            browser.screenshot(screenshots.resolve("06-organization-page-without-redirect.png"));
            browser.click(By.id("social-globex-sso"));
            browser.awaitUrl(server.baseUrl() + "/realms/enterprise-idp/");
            browser.type(USERNAME, "gina").type(PASSWORD, "password").click(SUBMIT);
            browser.await(By.id("jit-blocked-invitation"));
        } finally {
            server.admin().put("/demo/identity-provider/instances/globex-sso", redirecting);
        }
    }

    private String accountUrl() {
        return server.baseUrl() + "/realms/demo/account";
    }

    private JsonNode onlyUser(String email) {
        JsonNode users = server.admin().get("/demo/users?exact=true&email=" + AdminApi.enc(email));
        assertThat(users).as("users with email %s", email).hasSize(1);
        return users.get(0);
    }

    /** The block page's messages as the JAR ships them. */
    private static Properties messages(Locale locale) {
        return load("theme-resources/messages/messages_" + locale.getLanguage() + ".properties");
    }

    /** The {@code jit} login theme's own messages. */
    private static Properties themeMessages(Locale locale) {
        return load("theme/jit/login/messages/messages_" + locale.getLanguage() + ".properties");
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = DemoSignInBrowserIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** What Keycloak renders for {@code key}: the value through {@link MessageFormat}, as its templates do. */
    private static String message(Properties messages, String key, Locale locale) {
        String pattern = messages.getProperty(key);
        assertThat(pattern).as("message %s (%s)", key, locale).isNotNull();
        return new MessageFormat(pattern, locale).format(new Object[0]);
    }
}
