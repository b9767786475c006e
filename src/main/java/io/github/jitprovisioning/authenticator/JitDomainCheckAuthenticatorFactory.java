package io.github.jitprovisioning.authenticator;

import io.github.jitprovisioning.core.rollout.JitMode;
import io.github.jitprovisioning.core.rollout.PortalModes;
import io.github.jitprovisioning.core.settings.MailboxProofOptions;
import io.github.jitprovisioning.core.settings.MissingPolicy;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.core.settings.UnlinkedIdpMode;
import io.github.jitprovisioning.core.members.InactivityRule;
import io.github.jitprovisioning.core.members.MemberOptions;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import io.github.jitprovisioning.core.sso.PortalSsoOptions;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.domains.DomainOptions;
import io.github.jitprovisioning.core.guardrails.RateCap;

import java.util.List;

/**
 * "JIT: check email domain" ({@value #PROVIDER_ID}): the first step of the JIT first broker login flow. Its
 * execution configuration holds the realm-wide JIT options.
 */
public final class JitDomainCheckAuthenticatorFactory extends JitAuthenticatorFactory {

    public static final String PROVIDER_ID = io.github.jitprovisioning.provisioning.JitStepSettings.DOMAIN_CHECK_PROVIDER_ID;

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(RealmSettings.REQUIRE_VERIFIED_EMAIL).label("Require verified email")
            .helpText("The IdP must assert email_verified=true in the token that carries the email, or have Trust Email on.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(RealmSettings.REQUIRE_IDP_LINK).label("Require IdP linked to the organization")
            .helpText("The IdP that the user came through must be linked to the organization that owns the email domain.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(RealmSettings.UNLINKED_IDPS).label("IdPs linked to no organization")
            .helpText("ignore: JIT does not apply to them (social logins go on as before). match-by-domain: a shared "
                    + "IdP provisions into the organization that owns the verified email's domain.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(UnlinkedIdpMode.IGNORE.code(), UnlinkedIdpMode.MATCH_BY_DOMAIN.code())
            .defaultValue(UnlinkedIdpMode.IGNORE.code()).add()
            .property().name(RealmSettings.REQUIRE_VERIFIED_DOMAIN).label("Require verified domain")
            .helpText("Only organization domains marked verified count (the admin REST API marks them).")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(RealmSettings.FALLBACK_DEFAULT_ROLES).label("Fallback default roles")
            .helpText("Roles granted at provisioning when the organization sets no jit.default-roles: a realm role, "
                    + "or clientId.roleName.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(RealmSettings.ON_MISSING).label("On missing role or group")
            .helpText("warn: provision without it, log and record it. block: refuse the login.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(MissingPolicy.WARN.code(), MissingPolicy.BLOCK.code())
            .defaultValue(MissingPolicy.WARN.code()).add()
            // labels and help texts are message keys (theme-resources/messages), translated by the admin console
            .property().name(RealmSettings.GRANTABLE_ROLES).label("jitGrantableRoles")
            .helpText("jitGrantableRolesHelp")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(RealmSettings.GRANTABLE_GROUPS).label("jitGrantableGroups")
            .helpText("jitGrantableGroupsHelp")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(PortalOptions.ADMIN_GROUP).label("Portal admin group")
            .helpText("Organization group whose members administer their organization in the self-service portal.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PortalOptions.DEFAULT_ADMIN_GROUP).add()
            .property().name(PortalOptions.LINK_LIFETIME_HOURS).label("Portal setup link lifetime (hours)")
            .helpText("How long a new setup link of the self-service portal stays valid: 1 to 168 hours.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("72").add()
            .property().name(PortalModes.OPTION).label("Portal may set JIT modes")
            .helpText("The JIT modes an organization admin may choose in the self-service portal: enforce, "
                    + "report-only. Default: enforce only (report-only lets refused logins in as Keycloak's stock "
                    + "first broker login would; a realm admin sets it per organization with the attribute jit.mode).")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).defaultValue(JitMode.ENFORCE.code()).add()
            .property().name(MailboxProofOptions.LINK_MINUTES).label("Invitation mailbox link lifetime (minutes)")
            .helpText("An invited address of a domain that no organization owns must open a link mailed to it in the "
                    + "same browser before the sign-in goes on: how long that link stays valid, 1 to 1440 minutes.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(MailboxProofOptions.DEFAULTS.linkMinutes())).add()
            .property().name(MailboxProofOptions.RESENDS).label("Invitation mailbox link resends")
            .helpText("How many times a person may ask for that link again in one sign-in, 0 to 10.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(MailboxProofOptions.DEFAULTS.resends())).add()
            .property().name(DomainOptions.MAX_CLAIMS).label("Domains an organization may claim")
            .helpText("How many domains one organization may claim for DNS verification (pending, verified and failed together): 1 to 1000.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(DomainOptions.DEFAULT_MAX_CLAIMS)).add()
            .property().name(PortalSsoOptions.ENABLED).label("Portal single sign-on")
            .helpText("on: organization admins connect their own identity provider in the self-service portal "
                    + "(only organizations with a verified domain; tested before it goes live). off: only realm admins.")
            .type(ProviderConfigProperty.LIST_TYPE).options("off", "on").defaultValue("off").add()
            .property().name(PortalSsoOptions.PROTOCOLS).label("Portal single sign-on protocols")
            .helpText("The protocols the portal offers: oidc, saml. Empty: both.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(PortalSsoOptions.MAX_IDPS).label("Identity providers an organization may connect")
            .helpText("How many identity providers one organization may connect in the portal: 1 to 20.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(PortalSsoOptions.DEFAULT_MAX_IDPS)).add()
            .property().name(PortalSsoOptions.FIRST_LOGIN_FLOW).label("First login flow of portal identity providers")
            .helpText("The alias of the first broker login flow that identity providers connected in the portal get. "
                    + "Empty: the flow that holds this step.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PortalSsoOptions.SYNC_MODE).label("Sync mode of portal identity providers")
            .helpText("The sync mode of identity providers connected in the portal.")
            .type(ProviderConfigProperty.LIST_TYPE).options(PortalSsoOptions.SYNC_MODES.toArray(String[]::new))
            .defaultValue("IMPORT").add()
            .property().name(PortalSsoOptions.ALLOW_HOSTS).label("Hosts the portal may fetch over http or on private addresses")
            .helpText("Host names whose discovery documents, metadata and keys may be fetched over plain http or from "
                    + "private addresses (tests, demos, an IdP inside your network). Empty: https and public addresses only.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(MemberOptions.DELETE_ACCOUNTS).label("Member removal deletes accounts")
            .helpText("Keycloak deletes a managed member's account with its membership. On: removing a managed member "
                    + "(portal, admin API) deletes the account where it belongs to no other organization. Off: managed "
                    + "members are not removed. An unmanaged member's account is always kept.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(InactivityRule.Bounds.MIN_DAYS).label("Inactivity rule: fewest days")
            .helpText("The fewest days without SSO sign-in after which an organization's inactivity rule may remove a member: 1 to 36500.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(InactivityRule.Bounds.DEFAULT_MIN_DAYS)).add()
            .property().name(InactivityRule.Bounds.MAX_DAYS).label("Inactivity rule: most days")
            .helpText("The most days an organization's inactivity rule may wait: 1 to 36500, at least the fewest.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(InactivityRule.Bounds.DEFAULT_MAX_DAYS)).add()
            .property().name(RateCap.OPTION).label("Provisioning rate cap (users per organization and hour)")
            .helpText("How many users JIT may provision into one organization per clock hour, 0 to 100000; 0: no cap. "
                    + "Over it, first logins are refused (rate_limited) until the hour ends or a realm admin resumes "
                    + "the organization. An organization attribute of the same name, set by a realm admin, overrides it.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(RateCap.DEFAULT_PER_HOUR)).add()
            .build();

    @Override
    public Authenticator create(KeycloakSession session) {
        return new JitDomainCheckAuthenticator();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "JIT: check email domain";
    }

    @Override
    public String getHelpText() {
        return "Just-In-Time provisioning: decides by the email domain whether a first SSO login may create a user, "
                + "and blocks it with a clear page otherwise. Put it first in the first broker login flow.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }
}
