package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.provisioning.JitStepSettings;

import io.github.jitprovisioning.core.portal.PortalInput;
import io.github.jitprovisioning.core.sso.PortalSsoOptions;
import io.github.jitprovisioning.core.sso.TestedConfiguration;
import io.github.jitprovisioning.core.sso.TrustFixedFields;
import io.github.jitprovisioning.provisioning.OrganizationRowLock;
import io.github.jitprovisioning.sso.Discovery;
import io.github.jitprovisioning.sso.SelfServiceIdps;
import io.github.jitprovisioning.sso.SsoRefusal;
import io.github.jitprovisioning.sso.TestSignIn;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code .../api/organizations/{orgId}/sso}: the organization's own identity providers (docs/sso.md). Only when the
 * realm turned {@code jit.portal-sso} on, only for an organization with a verified domain; another organization's
 * IdP, or one a realm admin linked by hand, is 404. The client secret is write-only. Every change is an admin
 * event and a {@code jit-audit} line without the secret.
 */
public final class SsoApi {

    static final String RESULT_PREFIX = "jit-sso-result:";
    /** How long the result of a test sign-in stays readable. */
    static final int RESULT_SECONDS = 24 * 3600;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationModel organization;
    private final PortalCaller caller;
    private final PortalChanges changes;
    private final PortalSsoOptions options;

    SsoApi(KeycloakSession session, RealmModel realm, OrganizationModel organization, PortalCaller caller,
           PortalChanges changes) {
        this.session = session;
        this.realm = realm;
        this.organization = organization;
        this.caller = caller;
        this.changes = changes;
        this.options = RealmOptions.sso(realm, organization);
    }

    /** The section: whether it is on, what the IdP needs from us, and the organization's IdPs. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("enabled", options.enabled());
        answer.put("protocols", options.protocols().stream().sorted().toList());
        answer.put("maxIdentityProviders", options.maxIdps());
        List<String> verified = SelfServiceIdps.verifiedDomains(organization);
        answer.put("verifiedDomains", verified);
        if (options.enabled()) {
            String next = SelfServiceIdps.nextAlias(session, organization);
            Map<String, Object> upcoming = new LinkedHashMap<>();
            upcoming.put("alias", next);
            upcoming.put("redirectUris", redirectUris(next));
            answer.put("next", upcoming);
        }
        List<Map<String, Object>> idps = new ArrayList<>();
        for (IdentityProviderModel idp : SelfServiceIdps.list(organization)) {
            idps.add(view(idp));
        }
        answer.put("identityProviders", idps);
        answer.put("otherIdentityProviders", organization.getIdentityProviders()
                .filter(idp -> !SelfServiceIdps.isSelfService(idp))
                .map(idp -> Map.of("alias", idp.getAlias(), "displayName", idp.getDisplayName() == null ? idp.getAlias()
                        : idp.getDisplayName(), "enabled", idp.isEnabled()))
                .toList());
        return ApiResponses.ok(answer);
    }

    /**
     * {@code {"protocol": "oidc", "discoveryUrl": "https://idp.example.com", "clientId": "...", "clientSecret": "...",
     * "scopes": "openid email profile", "displayName": "Acme SSO"}}: a new draft IdP (disabled), 201.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        requireOn();
        JsonBody json = readBody(body);
        String protocol = Optional.ofNullable(json.optionalText("protocol", PortalInput::textRefusal)).orElse("oidc");
        if (!options.offers(protocol)) {
            throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "protocol_not_offered",
                    "this realm does not offer '" + TestSignInText.clip(protocol) + "' in the portal");
        }
        if (!"oidc".equals(protocol)) {
            throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "protocol_not_supported",
                    "only OpenID Connect can be connected in the portal so far");
        }
        requireVerifiedDomain();
        String discoveryInput = json.text("discoveryUrl", SsoApi::urlRefusal);
        String clientId = json.text("clientId", PortalInput::textRefusal);
        String secret = json.text("clientSecret", SsoApi::secretRefusal);
        String scopes = json.optionalText("scopes", PortalInput::textRefusal);
        String displayName = json.optionalText("displayName", PortalInput::textRefusal);
        Discovery.Found discovery = discover(discoveryInput);

        OrganizationRowLock.lock(session, organization.getId());
        if (SelfServiceIdps.list(organization).size() >= options.maxIdps()) {
            throw ApiResponses.refuse(Response.Status.CONFLICT, "too_many_identity_providers",
                    "an organization may connect at most " + options.maxIdps() + " identity providers here");
        }
        String alias = SelfServiceIdps.nextAlias(session, organization);
        IdentityProviderModel created;
        try {
            created = SelfServiceIdps.create(session, realm, organization, options, flow(), alias,
                    new SelfServiceIdps.Settings(displayName, discoveryInput, clientId, secret, scopes), discovery);
        } catch (ModelDuplicateException e) {
            session.getTransactionManager().setRollbackOnly();
            throw ApiResponses.refuse(Response.Status.CONFLICT, "conflict", "try again");
        } catch (SsoRefusal refusal) {
            session.getTransactionManager().setRollbackOnly();
            throw refuse(refusal);
        }
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("alias", alias);
        representation.put("protocol", "oidc");
        representation.put("issuer", discovery.document().issuer());
        representation.put("clientId", clientId);
        representation.put("scopes", created.getConfig().get("defaultScope"));
        changes.record(ResourceType.IDENTITY_PROVIDER, OperationType.CREATE, "sso/" + alias, "sso.create", representation);
        return ApiResponses.json(Response.Status.CREATED, view(created));
    }

    @GET
    @Path("{alias}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(@PathParam("alias") String alias) {
        return ApiResponses.ok(view(idp(alias)));
    }

    /** The same fields as create, each optional ({@code clientSecret} absent: kept). A changed endpoint, client,
     * secret or scope needs a new test; a live IdP goes back to draft (disabled) until it is taken live again. */
    @PUT
    @Path("{alias}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("alias") String alias, byte[] body) {
        requireOn();
        IdentityProviderModel idp = idp(alias);
        JsonBody json = readBody(body);
        if (json.optionalText("protocol", PortalInput::textRefusal) != null
                && !"oidc".equals(json.optionalText("protocol", PortalInput::textRefusal))) {
            throw JsonBody.invalid("the protocol of an identity provider cannot change");
        }
        String discoveryInput = json.optionalText("discoveryUrl", SsoApi::urlRefusal);
        SelfServiceIdps.Settings settings = new SelfServiceIdps.Settings(
                json.optionalText("displayName", PortalInput::textRefusal), discoveryInput,
                json.optionalText("clientId", PortalInput::textRefusal),
                json.optionalText("clientSecret", SsoApi::secretRefusal),
                json.optionalText("scopes", PortalInput::textRefusal));
        Discovery.Found discovery = discoveryInput == null ? null : discover(discoveryInput);
        List<String> changed = SelfServiceIdps.update(session, idp, options, flow(), settings, discovery);
        changes.record(ResourceType.IDENTITY_PROVIDER, OperationType.UPDATE, "sso/" + alias, "sso.update",
                Map.of("alias", alias, "changed", changed));
        return ApiResponses.ok(view(session.identityProviders().getByAlias(alias)));
    }

    /** Disables the IdP at once (nobody signs in through it); taking it live again needs its test to still hold. */
    @POST
    @Path("{alias}/disable")
    @Produces(MediaType.APPLICATION_JSON)
    public Response disable(@PathParam("alias") String alias) {
        IdentityProviderModel idp = idp(alias);
        SelfServiceIdps.disable(session, idp);
        changes.record(ResourceType.IDENTITY_PROVIDER, OperationType.UPDATE, "sso/" + alias + "/disable", "sso.disable",
                Map.of("alias", alias));
        return ApiResponses.ok(view(session.identityProviders().getByAlias(alias)));
    }

    /** Deletes the IdP; when users are linked to it, {@code ?confirm=<organization name>} is required (409 without). */
    @DELETE
    @Path("{alias}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("alias") String alias, @QueryParam("confirm") String confirm) {
        IdentityProviderModel idp = idp(alias);
        boolean linked = SelfServiceIdps.hasLinkedUsers(session, realm, idp);
        if (linked && (confirm == null || !confirm.trim().equals(organization.getName()))) {
            throw ApiResponses.refuse(Response.Status.CONFLICT, "confirmation_required",
                    "users sign in through this identity provider: confirm with the organization's name");
        }
        SelfServiceIdps.delete(session, idp);
        session.singleUseObjects().remove(resultKey(alias));
        changes.record(ResourceType.IDENTITY_PROVIDER, OperationType.DELETE, "sso/" + alias, "sso.delete",
                Map.of("alias", alias, "linkedUsers", linked));
        return ApiResponses.noContent();
    }

    /**
     * Starts a test sign-in: answers the IdP's authorization URL for a separate window, and sets the cookie that
     * binds the test to this browser. The test's answer comes to {@code sso/test-callback}.
     */
    @POST
    @Path("{alias}/test")
    @Produces(MediaType.APPLICATION_JSON)
    public Response startTest(@PathParam("alias") String alias) {
        requireOn();
        IdentityProviderModel idp = idp(alias);
        requireVerifiedDomain();
        TestSignIn.Started started = TestSignIn.start(session, realm.getId(), organization.getId(), idp, caller.actor(),
                testCallback());
        changes.audit("sso.test.start", Map.of("alias", alias));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("authorizationUrl", started.authorizationUrl());
        answer.put("expiresIn", TestSignIn.LIFETIME_SECONDS);
        return PortalHeaders.secure(Response.ok(answer, MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Set-Cookie", testCookie(session, realm, started.cookieSecret(), TestSignIn.LIFETIME_SECONDS)))
                .build();
    }

    /** The result of the last test sign-in (claims received, the JIT decision they would get), or 404. */
    @GET
    @Path("{alias}/test")
    @Produces(MediaType.APPLICATION_JSON)
    public Response testResult(@PathParam("alias") String alias) {
        IdentityProviderModel idp = idp(alias);
        Map<String, String> stored = session.singleUseObjects().get(resultKey(alias));
        if (stored == null || stored.get("json") == null) {
            throw ApiResponses.refuse(Response.Status.NOT_FOUND, "no_test", "no test sign-in finished yet");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = ApiResponses.JSON.readValue(stored.get("json"), LinkedHashMap.class);
            result.put("current", TestedConfiguration.fingerprint(idp.getConfig()).equals(result.get("fingerprint")));
            result.remove("fingerprint");
            return ApiResponses.ok(result);
        } catch (java.io.IOException e) {
            throw ApiResponses.refuse(Response.Status.NOT_FOUND, "no_test", "no test sign-in finished yet");
        }
    }

    /** Takes a tested IdP live: enabled, bound to the organization's verified domains, redirect by email domain. */
    @POST
    @Path("{alias}/go-live")
    @Produces(MediaType.APPLICATION_JSON)
    public Response goLive(@PathParam("alias") String alias) {
        requireOn();
        IdentityProviderModel idp = idp(alias);
        List<String> verified = requireVerifiedDomain();
        TestedConfiguration.State state = SelfServiceIdps.state(idp);
        if (state == TestedConfiguration.State.DRAFT) {
            throw ApiResponses.refuse(Response.Status.CONFLICT, "not_tested",
                    "sign in once with the test button first: the current settings have no successful test");
        }
        SelfServiceIdps.goLive(session, organization, idp);
        changes.record(ResourceType.IDENTITY_PROVIDER, OperationType.UPDATE, "sso/" + alias + "/go-live", "sso.go-live",
                Map.of("alias", alias, "domains", verified));
        return ApiResponses.ok(view(session.identityProviders().getByAlias(alias)));
    }

    static String resultKey(KeycloakSession session, RealmModel realm, String alias) {
        return RESULT_PREFIX + realm.getId() + ":" + alias;
    }

    private String resultKey(String alias) {
        return resultKey(session, realm, alias);
    }

    private IdentityProviderModel idp(String alias) {
        return SelfServiceIdps.find(session, organization, alias).orElseThrow(() -> ApiResponses.refuse(
                Response.Status.NOT_FOUND, "not_found", "the organization has no such identity provider"));
    }

    private void requireOn() {
        if (!options.enabled()) {
            throw ApiResponses.refuse(Response.Status.FORBIDDEN, "sso_off",
                    "self-service single sign-on is off in this realm: a realm admin turns it on");
        }
    }

    private List<String> requireVerifiedDomain() {
        List<String> verified = SelfServiceIdps.verifiedDomains(organization);
        if (verified.isEmpty()) {
            throw ApiResponses.refuse(Response.Status.CONFLICT, "no_verified_domain",
                    "verify a domain of the organization first (Domains): an identity provider admits only verified domains");
        }
        return verified;
    }

    private JsonBody readBody(byte[] body) {
        JsonBody json = JsonBody.read(session, body, TrustFixedFields.ACCEPTED_NAMES);
        TrustFixedFields.refusal(json.fieldNames()).ifPresent(why -> {
            throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "fixed_by_server", why);
        });
        return json;
    }

    private Discovery.Found discover(String input) {
        try {
            String hosts = String.join(",", options.allowedHosts());
            return Discovery.fetch(input, Discovery.policy(hosts, realm.getName()));
        } catch (SsoRefusal refusal) {
            throw refuse(refusal);
        }
    }

    private AuthenticationFlowModel flow() {
        if (options.firstLoginFlow() != null) {
            AuthenticationFlowModel flow = realm.getFlowByAlias(options.firstLoginFlow());
            if (flow != null) {
                return flow;
            }
        }
        return RealmOptions.ssoStep(realm, organization).map(JitStepSettings.StepInFlow::flow).orElseThrow(() -> ApiResponses.refuse(
                Response.Status.SERVICE_UNAVAILABLE, "no_jit_flow",
                "the realm has no first login flow with the JIT step: a realm admin has to set it up"));
    }

    private Map<String, Object> view(IdentityProviderModel idp) {
        Map<String, String> config = idp.getConfig();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("alias", idp.getAlias());
        view.put("displayName", idp.getDisplayName());
        view.put("protocol", "oidc");
        view.put("state", SelfServiceIdps.state(idp).code());
        view.put("enabled", idp.isEnabled());
        view.put("issuer", config.get("issuer"));
        view.put("discoveryUrl", config.get(SelfServiceIdps.DISCOVERY_URL));
        view.put("clientId", config.get("clientId"));
        view.put("clientSecretSet", config.get("clientSecret") != null && !config.get("clientSecret").isEmpty());
        view.put("scopes", config.get("defaultScope"));
        view.put("domains", "true".equals(config.get(SelfServiceIdps.LIVE))
                ? Optional.ofNullable(config.get(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE))
                .map(d -> "ANY".equals(d) ? SelfServiceIdps.verifiedDomains(organization) : List.of(d)).orElse(List.of())
                : List.of());
        view.put("testedAt", config.get(SelfServiceIdps.TESTED_AT));
        view.put("createdAt", config.get(SelfServiceIdps.CREATED_AT));
        view.put("redirectUris", redirectUris(idp.getAlias()));
        return view;
    }

    private Map<String, String> redirectUris(String alias) {
        Map<String, String> uris = new LinkedHashMap<>();
        uris.put("signIn", session.getContext().getUri().getBaseUri().toString() + "realms/" + realm.getName()
                + "/broker/" + alias + "/endpoint");
        uris.put("test", testCallback());
        return uris;
    }

    private String testCallback() {
        return testCallback(session, realm);
    }

    static String testCallback(KeycloakSession session, RealmModel realm) {
        return session.getContext().getUri().getBaseUri().toString() + "realms/" + realm.getName()
                + "/jit-portal/sso/test-callback";
    }

    static String testCookie(KeycloakSession session, RealmModel realm, String value, long maxAge) {
        // Lax: the IdP sends the browser back with a top-level GET from its own site
        return TestSignIn.COOKIE + "=" + value + "; Path=" + PortalPage.portalPath(session, realm) + "sso/; Max-Age="
                + maxAge + "; HttpOnly; SameSite=Lax" + (PortalSessions.overHttps(session) ? "; Secure" : "");
    }

    private static jakarta.ws.rs.WebApplicationException refuse(SsoRefusal refusal) {
        return ApiResponses.refuse(Response.Status.fromStatusCode(refusal.status()), refusal.code(), refusal.getMessage());
    }

    private static Optional<String> urlRefusal(String value) {
        if (value.length() > 2000) {
            return Optional.of("is longer than 2000 characters");
        }
        return value.chars().anyMatch(Character::isISOControl) ? Optional.of("contains control characters") : Optional.empty();
    }

    private static Optional<String> secretRefusal(String value) {
        if (value.length() > 2000) {
            return Optional.of("is longer than 2000 characters");
        }
        return value.chars().anyMatch(Character::isISOControl) ? Optional.of("contains control characters") : Optional.empty();
    }

    /** Clipping of text echoed in a refusal. */
    static final class TestSignInText {
        private TestSignInText() {
        }

        static String clip(String text) {
            String cleaned = text.replaceAll("\\p{Cntrl}", "?");
            return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
        }
    }
}
