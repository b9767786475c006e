package io.github.jitprovisioning.sync;

import io.github.jitprovisioning.provisioning.Version;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.IdentityBrokerService;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;
import java.util.Map;

/**
 * "JIT profile sync" ({@value #PROVIDER_ID}): on every brokered login of a known user whose organization has
 * {@code jit.sync-profile=true}, copies the mapped claims to the user's profile and writes only what changed; at
 * the user's creation, fills the profile with the same mapping.
 *
 * <p>When it runs. Keycloak calls a mapper's {@code updateBrokeredUser} only under the LEGACY and FORCE sync modes
 * (the IdP's, or the mapper's own when not "inherit"); under IMPORT it never calls it. The one hook that runs at
 * every brokered login, under every sync mode, is {@link #preprocessFederatedIdentity}: this mapper does its work
 * there, for a user already linked to the identity, and does nothing in {@code updateBrokeredUser}. So the IdP's
 * sync mode and the mapper's sync mode have no effect on it; the organization's {@code jit.sync-profile} decides.
 * Under FORCE, Keycloak itself also copies the brokered first and last name and email to the user after the
 * mappers ran; this mapper hands Keycloak the values that the organization's switch and the guards left on the
 * user, so FORCE writes nothing that JIT did not decide.
 */
public final class ProfileSyncMapper extends AbstractIdentityProviderMapper implements ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "jit-profile-sync";

    private static final Logger LOG = Logger.getLogger(ProfileSyncMapper.class);
    private static final String[] COMPATIBLE_PROVIDERS = {ANY_PROVIDER};

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(SyncConfig.CLAIM_TO_ATTRIBUTE)
            .label("Claims to user attributes")
            .helpText("Further pairs: Key is the claim (OIDC; 'a.b' for nested claims) or the SAML attribute name or "
                    + "friendly name; Value is the user attribute (email, firstName, lastName or any attribute). "
                    + "The defaults email -> email, given_name -> firstName and family_name -> lastName apply unless "
                    + "a pair maps another claim to that property. Several pairs for one attribute: the first claim "
                    + "present wins. username is never synced.")
            .type(ProviderConfigProperty.MAP_TYPE)
            .add()
            .property()
            .name(SyncConfig.CLEAR_MISSING)
            .label("Clear attribute when the claim disappears")
            .helpText("On: a mapped claim that the IdP no longer sends clears the attribute (never the email). "
                    + "Off: the attribute keeps its value.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue(Boolean.FALSE.toString())
            .add()
            .property()
            .name(SyncConfig.WRITE_PROTECTED)
            .label("Write attributes that users may not edit")
            .helpText("Profile sync never writes an attribute that the realm's user profile marks read-only or "
                    + "admin-only for users (or, for unmanaged attributes, a policy other than Enabled), unless it is "
                    + "listed here, by its user-profile name (e.g. department, lastName). Use it for attributes whose "
                    + "source is the IdP and that users must not change themselves. Several names: separate them "
                    + "with commas.")
            // a plain string: the admin console sends a multivalued string of an IdP mapper as a JSON array, which
            // the mapper's Map<String, String> config refuses ("Cannot parse the JSON"); values stored as a##b
            // through the REST API by earlier releases still read (SyncConfig.writeProtected)
            .type(ProviderConfigProperty.STRING_TYPE)
            .add()
            .property()
            .name(SyncConfig.MAX_VALUES)
            .label("Maximum values per attribute")
            .helpText("A claim with more values than this (1 to 1000) is not synced at all, and neither is a value "
                    + "longer than 255 characters or one with control or format characters.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(String.valueOf(io.github.jitprovisioning.core.sync.SyncLimits.DEFAULT_MAX_VALUES))
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return COMPATIBLE_PROVIDERS;
    }

    @Override
    public String getDisplayCategory() {
        return "Attribute Importer";
    }

    @Override
    public String getDisplayType() {
        return "JIT profile sync";
    }

    @Override
    public String getHelpText() {
        return "Just-In-Time provisioning: at every login, refreshes the user's profile from the IdP's claims when "
                + "the user's organization has jit.sync-profile=true (only changed fields are written; email changes "
                + "must stay within the organization's domains). Runs under every sync mode.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    /** Every mode is supported: the work is done in {@link #preprocessFederatedIdentity}, whatever the mode. */
    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm,
                                            IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession != null && authSession.getAuthNote(IdentityBrokerService.LINKING_IDENTITY_PROVIDER) != null) {
            LOG.debugf("JIT profile sync: '%s' is being linked to an account, not logging in; nothing to sync",
                    context.getIdpConfig().getAlias());
            return;
        }
        UserModel user = session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(context.getIdpConfig().getAlias(), context.getId(), context.getUsername()));
        if (user == null) {
            LOG.debugf("JIT profile sync: no user is linked to this identity of '%s' yet; the first login fills the "
                    + "profile", context.getIdpConfig().getAlias());
            try {
                new ProfileSync(session, realm, context, SyncConfig.of(mapperModel)).prefillNewIdentity();
            } catch (RuntimeException e) {
                LOG.warnf(e, "JIT profile sync could not read the claims of a first login via '%s'",
                        context.getIdpConfig().getAlias());
            }
            return;
        }
        if (!user.isEnabled()) {
            return;
        }
        runSafely(session, realm, user, mapperModel, context, ProfileSync.Phase.LOGIN);
        // Under FORCE, Keycloak copies the brokered first and last name and email after the mappers: hand it what
        // the organization's switch and the guards left on the user, so that FORCE writes nothing JIT did not decide.
        if (user.getFirstName() != null && context.getFirstName() != null) {
            context.setFirstName(user.getFirstName());
        }
        if (user.getLastName() != null && context.getLastName() != null) {
            context.setLastName(user.getLastName());
        }
        if (user.getEmail() != null && context.getEmail() != null) {
            context.setEmail(user.getEmail());
        }
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user,
                              IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        runSafely(session, realm, user, mapperModel, context, ProfileSync.Phase.IMPORT);
    }

    /** Nothing: the sync ran in {@link #preprocessFederatedIdentity} (see the class comment). */
    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user,
                                   IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
    }

    @Override
    public void updateBrokeredUserLegacy(KeycloakSession session, RealmModel realm, UserModel user,
                                         IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
    }

    /** The login must go on: a failing sync is logged, never thrown. */
    private static void runSafely(KeycloakSession session, RealmModel realm, UserModel user,
                                  IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context,
                                  ProfileSync.Phase phase) {
        try {
            new ProfileSync(session, realm, context, SyncConfig.of(mapperModel)).run(user, phase);
        } catch (RuntimeException e) {
            LOG.warnf(e, "JIT profile sync failed for user %s in realm '%s' via '%s'; the login goes on unchanged",
                    user.getId(), realm.getName(), context.getIdpConfig().getAlias());
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Version.operationalInfo();
    }
}
