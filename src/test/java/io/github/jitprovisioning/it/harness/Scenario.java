package io.github.jitprovisioning.it.harness;

import static io.github.jitprovisioning.it.harness.AdminApi.enc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fixture of one test class: two fresh realms on the shared server, built through the admin REST API as an
 * administrator would.
 *
 * <ul>
 * <li>{@link #idpRealm()} plays the enterprise identity provider. Its confidential client {@code app-broker} issues
 * {@code email}, {@code email_verified} and {@code department} from the user attributes {@code claim_email},
 * {@code claim_email_verified} and {@code department} (the standard {@code email} scope is removed), so a test
 * can send any email string, none, or an unverified one; names come from the profile scope.</li>
 * <li>{@link #appRealm()} plays the product: organizations, internationalization (en, de, fr), user and admin
 * events on, and a confidential client {@code app} with the {@code organization} scope optional.</li>
 * </ul>
 *
 * Realm names are unique per class ({@code idp-<class>-<n>}, {@code app-<class>-<n>}), so classes stay independent.
 * Get one from {@link KeycloakExtension} as a parameter of type {@code Scenario}.
 */
public final class Scenario implements AutoCloseable {

    public static final String APP_CLIENT_ID = "app";
    public static final String APP_CLIENT_SECRET = "app-client-secret";
    public static final String APP_REDIRECT_URI = "http://localhost/app-callback";
    /** Not "broker": every realm already has a built-in client of that name. */
    public static final String BROKER_CLIENT_ID = "app-broker";
    public static final String BROKER_CLIENT_SECRET = "broker-client-secret";
    public static final String IDP_PASSWORD = "password";

    public static final String STOCK_FLOW_ALIAS = "first broker login";
    public static final String JIT_FLOW_ALIAS = "jit first broker login";
    public static final String DOMAIN_CHECK_PROVIDER = "jit-domain-check";
    public static final String PROVISION_MEMBER_PROVIDER = "jit-provision-member";
    private static final String CONDITIONAL_ORGANIZATION_SUBFLOW = "First Broker Login - Conditional Organization";

    /** Which first broker login flow an identity provider uses. */
    public enum FirstLoginFlow { JIT, STOCK }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final KeycloakServer server;
    private final AdminApi admin;
    private final String idpRealm;
    private final String appRealm;
    private boolean jitFlowCreated;
    private String domainCheckProvider = DOMAIN_CHECK_PROVIDER;
    private String provisionMemberProvider = PROVISION_MEMBER_PROVIDER;
    private SmtpSink smtp;

    private Scenario(KeycloakServer server, String idpRealm, String appRealm) {
        this.server = server;
        this.admin = server.admin();
        this.idpRealm = idpRealm;
        this.appRealm = appRealm;
    }

    /** Creates both realms; {@code prefix} (e.g. the test class name) makes the realm names readable. */
    public static Scenario create(KeycloakServer server, String prefix) {
        String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        name = name.substring(0, Math.min(name.length(), 30)) + "-" + COUNTER.incrementAndGet();
        Scenario scenario = new Scenario(server, "idp-" + name, "app-" + name);
        scenario.createIdpRealm();
        scenario.createAppRealm();
        return scenario;
    }

    /**
     * The same two realms on {@code other}, a server started on the same database after this one's server stopped
     * (the upgrade test; the same ports, so the identity provider's URLs still hold). Shares the SMTP sink, which
     * this scenario closes.
     */
    public synchronized Scenario sameRealmsOn(KeycloakServer other) {
        Scenario moved = new Scenario(other, idpRealm, appRealm);
        moved.jitFlowCreated = jitFlowCreated;
        moved.domainCheckProvider = domainCheckProvider;
        moved.provisionMemberProvider = provisionMemberProvider;
        moved.smtp = smtp;
        return moved;
    }

    public KeycloakServer server() {
        return server;
    }

    public AdminApi admin() {
        return admin;
    }

    public String idpRealm() {
        return idpRealm;
    }

    public String appRealm() {
        return appRealm;
    }

    // ---------------------------------------------------------------- the enterprise identity provider realm

    private void createIdpRealm() {
        admin.post("", Map.of("realm", idpRealm, "enabled", true));
        String realm = "/" + idpRealm;

        ObjectNode profile = (ObjectNode) admin.get(realm + "/users/profile");
        profile.put("unmanagedAttributePolicy", "ENABLED");
        for (JsonNode attribute : profile.withArray("attributes")) {
            if (attribute.path("name").asText().equals("email")) {
                ((ObjectNode) attribute).remove("required"); // users of this realm carry their email in claim_email
            }
        }
        admin.put(realm + "/users/profile", profile);
        // no "update your profile" page in the IdP realm for users without email or names
        ObjectNode verifyProfile = (ObjectNode) admin.get(realm + "/authentication/required-actions/VERIFY_PROFILE");
        verifyProfile.put("enabled", false);
        admin.put(realm + "/authentication/required-actions/VERIFY_PROFILE", verifyProfile);

        ObjectNode client = Json.object()
                .put("clientId", BROKER_CLIENT_ID)
                .put("enabled", true)
                .put("protocol", "openid-connect")
                .put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret")
                .put("secret", BROKER_CLIENT_SECRET)
                .put("standardFlowEnabled", true)
                .put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add("*");
        String clientUuid = admin.post(realm + "/clients", client).createdId();

        String emailScope = clientScopeId(idpRealm, "email");
        admin.delete(realm + "/clients/" + clientUuid + "/default-client-scopes/" + emailScope);
        addAttributeMapper(clientUuid, "claim_email", "email", "String");
        addAttributeMapper(clientUuid, "claim_email_verified", "email_verified", "boolean");
        addAttributeMapper(clientUuid, "department", "department", "String");
    }

    private void addAttributeMapper(String clientUuid, String attribute, String claim, String jsonType) {
        ObjectNode mapper = Json.object()
                .put("name", claim + " from " + attribute)
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-usermodel-attribute-mapper");
        mapper.putObject("config")
                .put("user.attribute", attribute)
                .put("claim.name", claim)
                .put("jsonType.label", jsonType)
                .put("id.token.claim", "true")
                .put("access.token.claim", "true")
                .put("userinfo.token.claim", "true");
        admin.post("/" + idpRealm + "/clients/" + clientUuid + "/protocol-mappers/models", mapper);
    }

    /**
     * Creates a user of the identity provider with password {@value #IDP_PASSWORD} and no required actions.
     *
     * @param claimEmail    the {@code email} claim, any string, or null for no claim (the user's own email stays empty)
     * @param emailVerified the {@code email_verified} claim, or null for no claim
     * @return the user's id in the IdP realm
     */
    public String idpUser(String username, String claimEmail, Boolean emailVerified, String firstName, String lastName) {
        ObjectNode user = Json.object().put("username", username).put("enabled", true);
        putNames(user, firstName, lastName);
        ObjectNode attributes = user.putObject("attributes");
        putClaimAttributes(attributes, claimEmail, emailVerified);
        user.putArray("requiredActions");
        user.putArray("credentials").addObject()
                .put("type", "password")
                .put("value", IDP_PASSWORD)
                .put("temporary", false);
        return admin.post("/" + idpRealm + "/users", user).createdId();
    }

    /** Replaces the email claims and names of an IdP user (null removes the claim); other attributes stay. */
    public void updateIdpUser(String username, String claimEmail, Boolean emailVerified, String firstName, String lastName) {
        ObjectNode user = idpUserByUsername(username);
        putNames(user, firstName, lastName);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.remove(List.of("claim_email", "claim_email_verified"));
        putClaimAttributes(attributes, claimEmail, emailVerified);
        admin.put("/" + idpRealm + "/users/" + user.get("id").asText(), user);
    }

    /** Sets (or with null removes) one attribute of an IdP user, e.g. {@code department}. */
    public void setIdpUserAttribute(String username, String attribute, String value) {
        ObjectNode user = idpUserByUsername(username);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        if (value == null) {
            attributes.remove(attribute);
        } else {
            attributes.putArray(attribute).add(value);
        }
        admin.put("/" + idpRealm + "/users/" + user.get("id").asText(), user);
    }

    private ObjectNode idpUserByUsername(String username) {
        JsonNode found = admin.get("/" + idpRealm + "/users?briefRepresentation=false&exact=true&username=" + enc(username));
        if (found.size() != 1) {
            throw new IllegalArgumentException("no IdP user " + username + " in " + idpRealm);
        }
        return (ObjectNode) found.get(0);
    }

    private static void putNames(ObjectNode user, String firstName, String lastName) {
        if (firstName == null) {
            user.remove("firstName");
        } else {
            user.put("firstName", firstName);
        }
        if (lastName == null) {
            user.remove("lastName");
        } else {
            user.put("lastName", lastName);
        }
    }

    private static void putClaimAttributes(ObjectNode attributes, String claimEmail, Boolean emailVerified) {
        if (claimEmail != null) {
            attributes.putArray("claim_email").add(claimEmail);
        }
        if (emailVerified != null) {
            attributes.putArray("claim_email_verified").add(emailVerified.toString());
        }
    }

    // ---------------------------------------------------------------- the product realm

    private void createAppRealm() {
        ObjectNode realm = Json.object()
                .put("realm", appRealm)
                .put("enabled", true)
                .put("organizationsEnabled", true)
                .put("internationalizationEnabled", true)
                .put("defaultLocale", "en")
                .put("eventsEnabled", true)
                .put("adminEventsEnabled", true)
                .put("adminEventsDetailsEnabled", true);
        realm.putArray("supportedLocales").add("en").add("de").add("fr");
        admin.post("", realm);

        ObjectNode client = Json.object()
                .put("clientId", APP_CLIENT_ID)
                .put("enabled", true)
                .put("protocol", "openid-connect")
                .put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret")
                .put("secret", APP_CLIENT_SECRET)
                .put("standardFlowEnabled", true)
                .put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add(APP_REDIRECT_URI);
        String clientUuid = admin.post("/" + appRealm + "/clients", client).createdId();

        String organizationScope = clientScopeId(appRealm, "organization");
        boolean optional = false;
        for (JsonNode scope : admin.get("/" + appRealm + "/clients/" + clientUuid + "/optional-client-scopes")) {
            optional |= scope.path("id").asText().equals(organizationScope);
        }
        if (!optional) {
            admin.put("/" + appRealm + "/clients/" + clientUuid + "/optional-client-scopes/" + organizationScope, null);
        }
    }

    /** Creates an enabled organization named and aliased {@code alias}; attributes become single-valued lists. */
    public String organization(String alias, List<String> domains, Map<String, String> attributes) {
        ObjectNode organization = Json.object().put("name", alias).put("alias", alias).put("enabled", true);
        ArrayNode domainArray = organization.putArray("domains");
        domains.forEach(domain -> domainArray.addObject().put("name", domain));
        ObjectNode attributeObject = organization.putObject("attributes");
        attributes.forEach((key, value) -> attributeObject.putArray(key).add(value));
        return admin.post("/" + appRealm + "/organizations", organization).createdId();
    }

    public JsonNode organizationById(String orgId) {
        return admin.get("/" + appRealm + "/organizations/" + orgId);
    }

    /** Marks one domain of the organization verified (only the REST API can; the console cannot). */
    public void verifyDomain(String orgId, String domain) {
        ObjectNode organization = (ObjectNode) organizationById(orgId);
        boolean found = false;
        for (JsonNode d : organization.withArray("domains")) {
            if (d.path("name").asText().equals(domain)) {
                ((ObjectNode) d).put("verified", true);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("organization " + orgId + " has no domain " + domain);
        }
        admin.put("/" + appRealm + "/organizations/" + orgId, organization);
    }

    public void disableOrganization(String orgId) {
        ObjectNode organization = (ObjectNode) organizationById(orgId);
        organization.put("enabled", false);
        admin.put("/" + appRealm + "/organizations/" + orgId, organization);
    }

    /** Sets (or with null removes) one organization attribute, as the console's Attributes tab does. */
    public void setOrgAttribute(String orgId, String key, String value) {
        ObjectNode organization = (ObjectNode) organizationById(orgId);
        ObjectNode attributes = organization.has("attributes") && organization.get("attributes").isObject()
                ? (ObjectNode) organization.get("attributes") : organization.putObject("attributes");
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.putArray(key).add(value);
        }
        admin.put("/" + appRealm + "/organizations/" + orgId, organization);
    }

    /** An OIDC identity provider on the JIT flow; see {@link #oidcIdp(String, String, boolean, FirstLoginFlow)}. */
    public void oidcIdp(String alias, String linkedOrgId, boolean trustEmail) {
        oidcIdp(alias, linkedOrgId, trustEmail, FirstLoginFlow.JIT);
    }

    /**
     * Creates identity provider {@code alias} in the app realm, pointing at the IdP realm's client {@code app-broker},
     * and links it to organization {@code linkedOrgId} unless null. With {@link FirstLoginFlow#JIT} the JIT flow is
     * created first (needs the extension's authenticators on the server).
     */
    public void oidcIdp(String alias, String linkedOrgId, boolean trustEmail, FirstLoginFlow flow) {
        String flowAlias = flow == FirstLoginFlow.JIT ? jitFlow() : STOCK_FLOW_ALIAS;
        String issuer = server.backchannelBaseUrl() + "/realms/" + idpRealm;
        String oidc = issuer + "/protocol/openid-connect";
        ObjectNode idp = Json.object()
                .put("alias", alias)
                .put("displayName", alias)
                .put("providerId", "oidc")
                .put("enabled", true)
                .put("trustEmail", trustEmail)
                .put("storeToken", false)
                .put("firstBrokerLoginFlowAlias", flowAlias);
        idp.putObject("config")
                .put("authorizationUrl", server.baseUrl() + "/realms/" + idpRealm + "/protocol/openid-connect/auth")
                .put("tokenUrl", oidc + "/token")
                .put("userInfoUrl", oidc + "/userinfo")
                .put("jwksUrl", oidc + "/certs")
                .put("issuer", issuer)
                .put("clientId", BROKER_CLIENT_ID)
                .put("clientSecret", BROKER_CLIENT_SECRET)
                .put("clientAuthMethod", "client_secret_post")
                .put("validateSignature", "true")
                .put("useJwksUrl", "true")
                .put("defaultScope", "openid profile")
                .put("syncMode", "IMPORT");
        admin.post("/" + appRealm + "/identity-provider/instances", idp);
        if (linkedOrgId != null) {
            admin.post("/" + appRealm + "/organizations/" + linkedOrgId + "/identity-providers", alias);
        }
    }

    /** Sets the first broker login flow of an existing identity provider (the console's "First login flow override"). */
    public void useFirstLoginFlow(String alias, FirstLoginFlow flow) {
        String flowAlias = flow == FirstLoginFlow.JIT ? jitFlow() : STOCK_FLOW_ALIAS;
        ObjectNode idp = (ObjectNode) admin.get("/" + appRealm + "/identity-provider/instances/" + enc(alias));
        idp.put("firstBrokerLoginFlowAlias", flowAlias); // the masked client secret sent back keeps the real one
        admin.put("/" + appRealm + "/identity-provider/instances/" + enc(alias), idp);
    }

    // ---------------------------------------------------------------- the JIT first broker login flow

    /**
     * Creates (once) the flow {@value #JIT_FLOW_ALIAS} as an admin would in the console: a copy of the built-in
     * {@value #STOCK_FLOW_ALIAS} flow with {@code jit-domain-check} added and moved to the top, REQUIRED; the copied
     * "First Broker Login - Conditional Organization" sub-flow removed (JIT replaces Keycloak's organization member
     * onboarding); and {@code jit-provision-member} added at the end, REQUIRED. Returns the flow alias.
     */
    /**
     * Builds the JIT flow with other authenticators in the two JIT places, so the harness can check the flow
     * choreography on a server without the extension's providers. Call before anything creates the JIT flow.
     */
    synchronized void useStandInJitProviders(String domainCheck, String provisionMember) {
        if (jitFlowCreated) {
            throw new IllegalStateException("the JIT flow already exists");
        }
        this.domainCheckProvider = domainCheck;
        this.provisionMemberProvider = provisionMember;
    }

    public synchronized String jitFlow() {
        if (jitFlowCreated) {
            return JIT_FLOW_ALIAS;
        }
        String flows = "/" + appRealm + "/authentication/flows/";
        admin.post(flows + enc(STOCK_FLOW_ALIAS) + "/copy", Map.of("newName", JIT_FLOW_ALIAS));

        admin.post(flows + enc(JIT_FLOW_ALIAS) + "/executions/execution", Map.of("provider", domainCheckProvider));
        JsonNode domainCheck = topLevelExecution(domainCheckProvider);
        int moves = domainCheck.path("index").asInt();
        for (int i = 0; i < moves; i++) {
            admin.post("/" + appRealm + "/authentication/executions/" + domainCheck.get("id").asText() + "/raise-priority", null);
        }
        domainCheck = topLevelExecution(domainCheckProvider);
        if (domainCheck.path("index").asInt() != 0) {
            throw new IllegalStateException(domainCheckProvider + " is not first after " + moves + " raises: " + jitFlowExecutions());
        }
        setRequirement(domainCheck, "REQUIRED");

        JsonNode conditionalOrganization = null;
        for (JsonNode execution : jitFlowExecutions()) {
            if (execution.path("level").asInt() == 0 && execution.path("authenticationFlow").asBoolean()
                    && execution.path("displayName").asText().endsWith(CONDITIONAL_ORGANIZATION_SUBFLOW)) {
                conditionalOrganization = execution;
            }
        }
        if (conditionalOrganization == null) {
            throw new IllegalStateException("no copied '" + CONDITIONAL_ORGANIZATION_SUBFLOW + "' sub-flow: " + jitFlowExecutions());
        }
        admin.delete("/" + appRealm + "/authentication/executions/" + conditionalOrganization.get("id").asText());

        admin.post(flows + enc(JIT_FLOW_ALIAS) + "/executions/execution", Map.of("provider", provisionMemberProvider));
        setRequirement(topLevelExecution(provisionMemberProvider), "REQUIRED");
        jitFlowCreated = true;
        return JIT_FLOW_ALIAS;
    }

    /**
     * Sets Keycloak's Review Profile step of the JIT flow to {@code on}, {@code missing} (Keycloak's default) or
     * {@code off} ({@code update.profile.on.first.login}); returns the previous value.
     */
    public String reviewProfile(String mode) {
        JsonNode review = jitFlowExecutions().stream()
                .filter(e -> e.path("providerId").asText().equals("idp-review-profile")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no idp-review-profile in " + JIT_FLOW_ALIAS));
        String configId = review.path("authenticationConfig").asText("");
        if (configId.isEmpty()) {
            admin.post("/" + appRealm + "/authentication/executions/" + review.get("id").asText() + "/config",
                    Map.of("alias", "review-" + appRealm, "config", Map.of("update.profile.on.first.login", mode)));
            return "missing";
        }
        String path = "/" + appRealm + "/authentication/config/" + configId;
        ObjectNode config = (ObjectNode) admin.get(path);
        String previous = config.path("config").path("update.profile.on.first.login").asText("missing");
        ((ObjectNode) config.get("config")).put("update.profile.on.first.login", mode);
        admin.put(path, config);
        return previous;
    }

    /** The executions of the JIT flow as the admin API lists them (flattened, with level and index). */
    public List<JsonNode> jitFlowExecutions() {
        return list(admin.get("/" + appRealm + "/authentication/flows/" + enc(JIT_FLOW_ALIAS) + "/executions"));
    }

    /** Creates or replaces the configuration of the {@code jit-domain-check} step (creating the JIT flow if needed). */
    public void jitConfig(Map<String, String> config) {
        jitFlow();
        JsonNode domainCheck = topLevelExecution(domainCheckProvider);
        String configId = domainCheck.path("authenticationConfig").asText("");
        if (configId.isEmpty()) {
            admin.post("/" + appRealm + "/authentication/executions/" + domainCheck.get("id").asText() + "/config",
                    Map.of("alias", "jit-" + appRealm, "config", config));
        } else {
            ObjectNode existing = (ObjectNode) admin.get("/" + appRealm + "/authentication/config/" + configId);
            existing.set("config", Json.MAPPER.valueToTree(config));
            admin.put("/" + appRealm + "/authentication/config/" + configId, existing);
        }
    }

    private JsonNode topLevelExecution(String providerId) {
        for (JsonNode execution : jitFlowExecutions()) {
            if (execution.path("level").asInt() == 0 && providerId.equals(execution.path("providerId").asText())) {
                return execution;
            }
        }
        throw new IllegalStateException("no top-level " + providerId + " in " + JIT_FLOW_ALIAS + ": " + jitFlowExecutions());
    }

    private void setRequirement(JsonNode execution, String requirement) {
        ObjectNode update = execution.deepCopy();
        update.put("requirement", requirement);
        admin.put("/" + appRealm + "/authentication/flows/" + enc(JIT_FLOW_ALIAS) + "/executions", update);
    }

    // ---------------------------------------------------------------- invitations (SMTP)

    /** The SMTP sink the app realm sends mail to, started and configured on first use. */
    public synchronized SmtpSink smtp() {
        if (smtp == null) {
            smtp = SmtpSink.start();
            String host = server.hostReachingLocalPort(smtp.port());
            ObjectNode realm = Json.object();
            realm.putObject("smtpServer")
                    .put("host", host)
                    .put("port", String.valueOf(smtp.port()))
                    .put("from", "noreply@" + appRealm + ".test")
                    .put("fromDisplayName", appRealm);
            admin.put("/" + appRealm, realm);
        }
        return smtp;
    }

    /** Invites {@code email} to the organization (Keycloak mails the invitation to the SMTP sink). */
    public HttpResult inviteUser(String orgId, String email) {
        smtp();
        return admin.postForm("/" + appRealm + "/organizations/" + orgId + "/members/invite-user", Map.of("email", email));
    }

    // ---------------------------------------------------------------- logins

    /** A brokered login into client {@code app}; configure it (language, form values) before running. */
    public BrokeredLogin login() {
        return new BrokeredLogin(server.baseUrl(), appRealm, APP_CLIENT_ID, APP_CLIENT_SECRET, APP_REDIRECT_URI);
    }

    /**
     * A whole brokered login of an invitee whose address belongs to no organization's domain: the "check your mail"
     * page, the link mailed to {@code address} (to this realm's SMTP sink) opened in the same browser, to the end.
     */
    public LoginResult loginProvingMailbox(String idpAlias, String username, String address) {
        return login().loginProvingMailbox(idpAlias, username, smtp(), address);
    }

    /** Shortcut: a whole brokered login of {@code username} through {@code idpAlias}, with default settings. */
    public LoginResult login(String idpAlias, String username) {
        return login().login(idpAlias, username);
    }

    // ---------------------------------------------------------------- queries for assertions (app realm)

    public List<JsonNode> users() {
        return list(admin.get("/" + appRealm + "/users?briefRepresentation=false&max=1000"));
    }

    public int userCount() {
        return admin.get("/" + appRealm + "/users/count").asInt();
    }

    public Optional<JsonNode> userByEmail(String email) {
        return list(admin.get("/" + appRealm + "/users?briefRepresentation=false&exact=true&email=" + enc(email))).stream().findFirst();
    }

    public Optional<JsonNode> userByUsername(String username) {
        return list(admin.get("/" + appRealm + "/users?briefRepresentation=false&exact=true&username=" + enc(username))).stream().findFirst();
    }

    /** Members of the organization, each with {@code membershipType} (MANAGED or UNMANAGED). */
    public List<JsonNode> members(String orgId) {
        return list(admin.get("/" + appRealm + "/organizations/" + orgId + "/members?max=1000"));
    }

    /** Realm roles mapped to the user directly (not through composites or default roles). */
    public List<String> realmRoleNames(String userId) {
        return names(admin.get("/" + appRealm + "/users/" + userId + "/role-mappings/realm"), "name");
    }

    /** Realm roles the user has effectively, composites and default roles included. */
    public List<String> effectiveRealmRoleNames(String userId) {
        return names(admin.get("/" + appRealm + "/users/" + userId + "/role-mappings/realm/composite"), "name");
    }

    /** Roles of client {@code clientId} mapped to the user directly. */
    public List<String> clientRoleNames(String userId, String clientId) {
        return names(admin.get("/" + appRealm + "/users/" + userId + "/role-mappings/clients/" + clientUuid(clientId)), "name");
    }

    /** Paths ("/a/b") of the groups the user is a direct member of. */
    public List<String> groupPaths(String userId) {
        return names(admin.get("/" + appRealm + "/users/" + userId + "/groups?briefRepresentation=false&max=1000"), "path");
    }

    /** The user's links to identity providers ({@code identityProvider}, {@code userId}, {@code userName}). */
    public List<JsonNode> federatedIdentities(String userId) {
        return list(admin.get("/" + appRealm + "/users/" + userId + "/federated-identity"));
    }

    /** User events of the app realm, newest first, optionally only of the given types (e.g. "LOGIN", "IDENTITY_PROVIDER_FIRST_LOGIN_ERROR"). */
    public List<JsonNode> events(String... types) {
        StringBuilder path = new StringBuilder("/" + appRealm + "/events?max=1000");
        for (String type : types) {
            path.append("&type=").append(enc(type));
        }
        return list(admin.get(path.toString()));
    }

    /** The {@code IDENTITY_PROVIDER_FIRST_LOGIN} event that carries the user's id (the one that provisioned them). */
    public JsonNode firstLoginEvent(String userId) {
        return events("IDENTITY_PROVIDER_FIRST_LOGIN").stream()
                .filter(event -> userId.equals(event.path("userId").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no IDENTITY_PROVIDER_FIRST_LOGIN event of user " + userId));
    }

    /** Admin events of the app realm, newest first. */
    public List<JsonNode> adminEvents() {
        return list(admin.get("/" + appRealm + "/admin-events?max=1000"));
    }

    public String createRealmRole(String name) {
        admin.post("/" + appRealm + "/roles", Map.of("name", name));
        return admin.get("/" + appRealm + "/roles/" + enc(name)).get("id").asText();
    }

    public String createClientRole(String clientId, String name) {
        String uuid = clientUuid(clientId);
        admin.post("/" + appRealm + "/clients/" + uuid + "/roles", Map.of("name", name));
        return admin.get("/" + appRealm + "/clients/" + uuid + "/roles/" + enc(name)).get("id").asText();
    }

    /** Creates the group at {@code path} ("/a/b"), creating missing parents; returns the id of the last group. */
    public String createGroup(String path) {
        String parentId = null;
        StringBuilder current = new StringBuilder();
        for (String name : path.replaceFirst("^/", "").split("/")) {
            current.append('/').append(name);
            HttpResult existing = admin.send("GET", "/" + appRealm + "/group-by-path" + encodePath(current.toString()), null);
            if (existing.isSuccess()) {
                parentId = existing.json().get("id").asText();
                continue;
            }
            String target = parentId == null ? "/" + appRealm + "/groups" : "/" + appRealm + "/groups/" + parentId + "/children";
            parentId = admin.post(target, Map.of("name", name)).createdId();
        }
        return parentId;
    }

    public String clientUuid(String clientId) {
        JsonNode found = admin.get("/" + appRealm + "/clients?clientId=" + enc(clientId));
        if (found.size() != 1) {
            throw new IllegalArgumentException("no client " + clientId + " in " + appRealm);
        }
        return found.get(0).get("id").asText();
    }

    private String clientScopeId(String realm, String name) {
        for (JsonNode scope : admin.get("/" + realm + "/client-scopes")) {
            if (scope.path("name").asText().equals(name)) {
                return scope.get("id").asText();
            }
        }
        throw new IllegalStateException("no client scope " + name + " in realm " + realm);
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.replaceFirst("^/", "").split("/")) {
            out.append('/').append(enc(segment));
        }
        return out.toString();
    }

    public static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> names(JsonNode array, String field) {
        return list(array).stream().map(node -> node.path(field).asText()).toList();
    }

    /** Stops the SMTP sink; the realms stay (the next run starts on a fresh database). */
    @Override
    public void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Override
    public String toString() {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("idpRealm", idpRealm);
        description.put("appRealm", appRealm);
        return "Scenario" + description;
    }
}
