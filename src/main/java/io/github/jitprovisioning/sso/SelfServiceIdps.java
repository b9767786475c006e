package io.github.jitprovisioning.sso;

import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.core.sso.OidcDiscovery;
import io.github.jitprovisioning.core.sso.PortalSsoOptions;
import io.github.jitprovisioning.core.sso.TestedConfiguration;
import io.github.jitprovisioning.sync.ProfileSyncMapper;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The identity providers an organization connected through the portal: created with the settings the server fixes
 * (OIDC with discovered endpoints, client secret, PKCE S256, signature validation with the JWKS URL, Trust Email,
 * store tokens and link only off, the realm's first login flow and sync mode, disabled, linked to the organization
 * without a domain), marked with the organization's id, taken live (enabled, bound to the organization's verified
 * domains, redirect by email domain) only after a test of the current settings.
 */
public final class SelfServiceIdps {

    /** The organization that created the IdP through the portal (the mark of a self-service IdP). */
    public static final String ORGANIZATION = "jit.sso.organization";
    /** The fingerprint of the settings of the last successful test sign-in. */
    public static final String TESTED = "jit.sso.tested";
    public static final String TESTED_AT = "jit.sso.tested-at";
    /** {@code true} once taken live, until disabled or its settings change. */
    public static final String LIVE = "jit.sso.live";
    /** A random version of the client secret, part of the fingerprint: a new secret needs a new test. */
    public static final String SECRET_VERSION = "jit.sso.secret-version";
    public static final String DISCOVERY_URL = "jit.sso.discovery-url";
    public static final String CREATED_AT = "jit.sso.created-at";

    static final String REDIRECT_EMAIL_MATCHES = "kc.org.broker.redirect.mode.email-matches";

    private SelfServiceIdps() {
    }

    public static boolean isSelfService(IdentityProviderModel idp) {
        return idp != null && idp.getConfig() != null && idp.getConfig().get(ORGANIZATION) != null;
    }

    /** The organization's self-service IdP {@code alias}, or empty (no such IdP, another organization's, or not one the portal made). */
    public static Optional<IdentityProviderModel> find(KeycloakSession session, OrganizationModel organization, String alias) {
        if (alias == null || alias.length() > 255) {
            return Optional.empty();
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (!isSelfService(idp) || !organization.getId().equals(idp.getConfig().get(ORGANIZATION))
                || !organization.getId().equals(idp.getOrganizationId())) {
            return Optional.empty();
        }
        return Optional.of(idp);
    }

    public static List<IdentityProviderModel> list(OrganizationModel organization) {
        return organization.getIdentityProviders()
                .filter(idp -> organization.getId().equals(idp.getConfig().get(ORGANIZATION)))
                .sorted((a, b) -> a.getAlias().compareTo(b.getAlias()))
                .toList();
    }

    /** The organization's verified domains (Keycloak's flag, which DNS verification sets). */
    public static List<String> verifiedDomains(OrganizationModel organization) {
        return organization.getDomains().filter(OrganizationDomainModel::isVerified).map(OrganizationDomainModel::getName)
                .sorted().toList();
    }

    /** The alias a new IdP of the organization gets: {@code <alias>-sso}, else {@code <alias>-sso-2}, ... */
    public static String nextAlias(KeycloakSession session, OrganizationModel organization) {
        String base = organization.getAlias() + "-sso";
        for (int n = 1; ; n++) {
            String alias = n == 1 ? base : base + "-" + n;
            if (session.identityProviders().getByAlias(alias) == null) {
                return alias;
            }
        }
    }

    /**
     * The realm settings for a login through {@code idp}: a self-service IdP admits only verified domains, whatever
     * the realm's {@code jit.require-verified-domain} says.
     */
    public static RealmSettings settingsFor(RealmSettings settings, IdentityProviderModel idp) {
        if (!isSelfService(idp) || settings.requireVerifiedDomain()) {
            return settings;
        }
        return new RealmSettings(settings.requireVerifiedEmail(), settings.requireIdpLink(), settings.unlinkedIdps(),
                true, settings.fallbackDefaultRoles(), settings.onMissing(), settings.grantableRoles(),
                settings.grantableGroups(), settings.portalAdminGroup());
    }

    public static TestedConfiguration.State state(IdentityProviderModel idp) {
        Map<String, String> config = idp.getConfig();
        return TestedConfiguration.state(idp.isEnabled(), "true".equals(config.get(LIVE)), config.get(TESTED),
                TestedConfiguration.fingerprint(config));
    }

    /** The settings a customer gave; {@code null} fields keep what the IdP has. */
    public record Settings(String displayName, String discoveryInput, String clientId, String clientSecret,
                           String scopes) {
    }

    public static IdentityProviderModel create(KeycloakSession session, RealmModel realm, OrganizationModel organization,
                                               PortalSsoOptions options, AuthenticationFlowModel flow, String alias,
                                               Settings settings, Discovery.Found discovery) {
        OIDCIdentityProviderConfig idp = new OIDCIdentityProviderConfig();
        idp.setAlias(alias);
        idp.setProviderId("oidc");
        idp.setDisplayName(settings.displayName() == null ? organization.getName() : settings.displayName());
        idp.getConfig().put(ORGANIZATION, organization.getId());
        idp.getConfig().put(CREATED_AT, Instant.now().toString());
        applyFixed(idp, options, flow);
        applyDiscovery(idp, discovery);
        idp.setClientId(settings.clientId());
        setSecret(idp, settings.clientSecret());
        idp.setDefaultScope(scopes(settings.scopes()));
        IdentityProviderModel created = session.identityProviders().create(idp);
        if (!session.getProvider(OrganizationProvider.class).addIdentityProvider(organization, created)) {
            throw new SsoRefusal(409, "conflict", "the identity provider could not be linked to the organization");
        }
        IdentityProviderMapperModel sync = new IdentityProviderMapperModel();
        sync.setName("JIT profile sync");
        sync.setIdentityProviderAlias(alias);
        sync.setIdentityProviderMapper(ProfileSyncMapper.PROVIDER_ID);
        sync.setConfig(new HashMap<>(Map.of("syncMode", "INHERIT")));
        session.identityProviders().createMapper(sync);
        return session.identityProviders().getByAlias(alias);
    }

    /**
     * Applies a change of settings. A changed endpoint, client, secret or scope makes a live IdP a draft again
     * (disabled until a new test and go live). Answers what changed (names only, never a value of a secret).
     */
    public static List<String> update(KeycloakSession session, IdentityProviderModel current, PortalSsoOptions options,
                                      AuthenticationFlowModel flow, Settings settings, Discovery.Found discovery) {
        OIDCIdentityProviderConfig idp = new OIDCIdentityProviderConfig(current);
        String before = TestedConfiguration.fingerprint(current.getConfig());
        List<String> changed = new java.util.ArrayList<>();
        if (settings.displayName() != null && !settings.displayName().equals(idp.getDisplayName())) {
            idp.setDisplayName(settings.displayName());
            changed.add("displayName");
        }
        if (discovery != null) {
            applyDiscovery(idp, discovery);
            changed.add("discoveryUrl");
        }
        if (settings.clientId() != null && !settings.clientId().equals(idp.getClientId())) {
            idp.setClientId(settings.clientId());
            changed.add("clientId");
        }
        if (settings.clientSecret() != null) {
            setSecret(idp, settings.clientSecret());
            changed.add("clientSecret");
        }
        if (settings.scopes() != null && !scopes(settings.scopes()).equals(idp.getDefaultScope())) {
            idp.setDefaultScope(scopes(settings.scopes()));
            changed.add("scopes");
        }
        applyFixed(idp, options, flow);
        if (!before.equals(TestedConfiguration.fingerprint(idp.getConfig())) && "true".equals(idp.getConfig().get(LIVE))) {
            idp.getConfig().remove(LIVE);
            idp.setEnabled(false);
            changed.add("live:off (needs a new test)");
        }
        session.identityProviders().update(idp);
        return changed;
    }

    /** Records a successful test of the IdP's current settings. */
    public static void markTested(KeycloakSession session, IdentityProviderModel idp, Instant at) {
        idp.getConfig().put(TESTED, TestedConfiguration.fingerprint(idp.getConfig()));
        idp.getConfig().put(TESTED_AT, at.toString());
        session.identityProviders().update(idp);
    }

    /**
     * Takes the IdP live: enabled, bound to the organization's verified domains (one domain: that one; several: any
     * of the organization's domains except the unverified ones), redirect by email domain on.
     */
    public static void goLive(KeycloakSession session, OrganizationModel organization, IdentityProviderModel idp) {
        List<String> verified = verifiedDomains(organization);
        List<String> unverified = organization.getDomains().filter(d -> !d.isVerified())
                .map(OrganizationDomainModel::getName).sorted().toList();
        Map<String, String> config = idp.getConfig();
        if (verified.size() == 1) {
            config.put(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE, verified.get(0));
            config.remove(OrganizationModel.ORGANIZATION_EXCLUDED_DOMAIN_ATTRIBUTE);
        } else {
            config.put(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE, "ANY");
            if (unverified.isEmpty()) {
                config.remove(OrganizationModel.ORGANIZATION_EXCLUDED_DOMAIN_ATTRIBUTE);
            } else {
                config.put(OrganizationModel.ORGANIZATION_EXCLUDED_DOMAIN_ATTRIBUTE, String.join(",", unverified));
            }
        }
        config.put(REDIRECT_EMAIL_MATCHES, "true");
        config.put(LIVE, "true");
        idp.setEnabled(true);
        session.identityProviders().update(idp);
    }

    public static void disable(KeycloakSession session, IdentityProviderModel idp) {
        idp.setEnabled(false);
        session.identityProviders().update(idp);
    }

    /** Whether some user is linked to the IdP (a federated identity). */
    public static boolean hasLinkedUsers(KeycloakSession session, RealmModel realm, IdentityProviderModel idp) {
        return session.users().searchForUserStream(realm, Map.of(UserModel.IDP_ALIAS, idp.getAlias()), 0, 1)
                .findAny().isPresent();
    }

    public static void delete(KeycloakSession session, IdentityProviderModel idp) {
        session.identityProviders().remove(idp.getAlias());
    }

    private static void applyFixed(OIDCIdentityProviderConfig idp, PortalSsoOptions options, AuthenticationFlowModel flow) {
        idp.setTrustEmail(false);
        idp.setStoreToken(false);
        idp.setLinkOnly(false);
        idp.setAddReadTokenRoleOnCreate(false);
        idp.setAuthenticateByDefault(false);
        idp.setFirstBrokerLoginFlowId(flow.getId());
        idp.setPostBrokerLoginFlowId(null);
        idp.setSyncMode(IdentityProviderSyncMode.valueOf(options.syncMode()));
        idp.setClientAuthMethod("client_secret_post");
        // by key: setPkceMethod's signature differs between Keycloak releases (KeycloakApiLinkageIT)
        idp.getConfig().put("pkceEnabled", "true");
        idp.getConfig().put("pkceMethod", "S256");
        idp.setValidateSignature(true);
        idp.setUseJwksUrl(true);
        idp.setDisableUserInfoService(false);
    }

    private static void applyDiscovery(OIDCIdentityProviderConfig idp, Discovery.Found found) {
        OidcDiscovery d = found.document();
        idp.getConfig().put(DISCOVERY_URL, found.discoveryUrl().toString());
        idp.setIssuer(d.issuer());
        idp.setAuthorizationUrl(d.authorizationEndpoint().toString());
        idp.setTokenUrl(d.tokenEndpoint().toString());
        if (d.userinfoEndpoint() != null) {
            idp.setUserInfoUrl(d.userinfoEndpoint().toString());
        } else {
            idp.getConfig().remove("userInfoUrl");
        }
        idp.setJwksUrl(d.jwksUri().toString());
        if (d.endSessionEndpoint() != null) {
            idp.setLogoutUrl(d.endSessionEndpoint().toString());
        }
    }

    private static void setSecret(OIDCIdentityProviderConfig idp, String secret) {
        idp.setClientSecret(secret);
        idp.getConfig().put(SECRET_VERSION, KeycloakModelUtils.generateId());
    }

    static String scopes(String requested) {
        java.util.LinkedHashSet<String> scopes = new java.util.LinkedHashSet<>();
        scopes.add("openid");
        if (requested != null) {
            for (String scope : requested.trim().split("[\\s,]+")) {
                if (!scope.isBlank()) {
                    scopes.add(scope);
                }
            }
        } else {
            scopes.add("profile");
            scopes.add("email");
        }
        return scopes.stream().collect(Collectors.joining(" "));
    }
}
