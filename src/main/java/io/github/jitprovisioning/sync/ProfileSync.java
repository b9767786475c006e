package io.github.jitprovisioning.sync;

import io.github.jitprovisioning.core.sync.EmailGuard;
import io.github.jitprovisioning.core.decision.OrganizationSettings;
import io.github.jitprovisioning.core.sync.ProfileSyncPlan;
import io.github.jitprovisioning.core.decision.ReferenceCode;
import io.github.jitprovisioning.core.sync.SyncMapping;
import io.github.jitprovisioning.core.sync.SyncSkip;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.EmailClaims;
import io.github.jitprovisioning.provisioning.JitStepSettings;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the profile sync for one user and one login: gathers the facts (the organization, its setting, the
 * claims, the user's values), asks the core for the plan, writes it and records it.
 */
final class ProfileSync {

    private static final Logger LOG = Logger.getLogger(ProfileSync.class);

    /** When the sync runs: at every login of a known user, or once when the user was just created. */
    enum Phase { LOGIN, IMPORT }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final BrokeredIdentityContext context;
    private final SyncConfig config;

    ProfileSync(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context, SyncConfig config) {
        this.session = session;
        this.realm = realm;
        this.context = context;
        this.config = config;
    }

    void run(UserModel user, Phase phase) {
        String alias = context.getIdpConfig().getAlias();
        OrganizationModel organization = organizationOf(user, context.getIdpConfig());
        if (phase == Phase.LOGIN) {
            if (organization == null) {
                LOG.debugf("JIT profile sync: user %s came through '%s', which is linked to no enabled organization "
                        + "the user is a member of; nothing to sync", user.getId(), alias);
                return;
            }
            boolean sync = OrganizationSettings.fromAttributes("organization " + organization.getName(),
                    organization.getAttributes(), new ConfigLog(realm.getName())).syncProfile();
            if (!sync) {
                LOG.debugf("JIT profile sync: organization '%s' has %s off; user %s left as it is",
                        organization.getName(), OrganizationSettings.SYNC_PROFILE, user.getId());
                return;
            }
        }

        ProfileSyncPlan plan = ProfileSyncPlan.compute(config.mappings(), current(user),
                ClaimReader.read(context, config.mappings().stream().map(SyncMapping::claim).distinct().toList()),
                phase == Phase.LOGIN && config.clearMissing(), guard(user, organization), config.limits());
        if (plan.isEmpty()) {
            LOG.debugf("JIT profile sync: user %s is up to date with '%s'", user.getId(), alias);
            return;
        }
        ProfileSyncPlan written = ProfileWriter.write(session, user, plan, config.writeProtected());

        String reference = ReferenceCode.generate();
        String orgName = organization == null ? "-" : organization.getName();
        for (SyncSkip skip : written.skips()) {
            LOG.warnf("JIT profile sync %s: realm '%s', identity provider '%s', organization '%s', user %s: skipped %s",
                    reference, realm.getName(), alias, orgName, user.getId(), skip.warning());
        }
        if (!written.changes().isEmpty()) {
            LOG.debugf("JIT profile sync %s: user %s of organization '%s' via '%s': wrote %s%s", reference, user.getId(),
                    orgName, alias, written.syncedFields(),
                    written.change(SyncMapping.EMAIL).isPresent() ? ", email verified=" + written.emailVerified() : "");
        }
        if (phase == Phase.LOGIN || !written.skips().isEmpty()) {
            SyncEvent.send(session, realm, user,
                    SyncEvent.details(reference, alias, organization, user.getEmail(), written),
                    !written.changes().isEmpty());
        }
    }

    /**
     * For an identity no user is linked to yet, before the first broker login flow: hands the mapped names to the
     * brokered context (as Keycloak's own attribute importers do), so that the review-profile step and the user
     * Keycloak creates carry them; and the mapped email only where Keycloak found none (a SAML NameID that is not
     * an email), never replacing the email that the JIT decision judges. Other attributes are written by
     * {@link Phase#IMPORT} once the user exists, where the user profile's read-only rules do not apply.
     */
    void prefillNewIdentity() {
        List<SyncMapping> builtIns = config.mappings().stream().filter(SyncMapping::builtIn).toList();
        Map<String, Optional<List<String>>> wanted = ProfileSyncPlan.wanted(builtIns,
                ClaimReader.read(context, builtIns.stream().map(SyncMapping::claim).distinct().toList()));
        wanted.getOrDefault(SyncMapping.FIRST_NAME, Optional.empty()).ifPresent(v -> context.setFirstName(v.get(0)));
        wanted.getOrDefault(SyncMapping.LAST_NAME, Optional.empty()).ifPresent(v -> context.setLastName(v.get(0)));
        if (context.getEmail() == null || context.getEmail().isBlank()) {
            wanted.getOrDefault(SyncMapping.EMAIL, Optional.empty()).ifPresent(v -> context.setEmail(v.get(0)));
        }
    }

    /** The enabled organization linked to this IdP, if the user is a member of it. */
    private OrganizationModel organizationOf(UserModel user, IdentityProviderModel idp) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !organizations.isEnabled() || idp.getOrganizationId() == null) {
            return null;
        }
        OrganizationModel organization = organizations.getById(idp.getOrganizationId());
        if (organization == null || !organization.isEnabled() || !organizations.isMember(organization, user)) {
            return null;
        }
        return organization;
    }

    private Map<String, List<String>> current(UserModel user) {
        Map<String, List<String>> values = new java.util.HashMap<>();
        for (SyncMapping mapping : config.mappings()) {
            String attribute = mapping.attribute();
            switch (attribute) {
                case SyncMapping.EMAIL -> values.put(attribute, nullable(user.getEmail()));
                case SyncMapping.FIRST_NAME -> values.put(attribute, nullable(user.getFirstName()));
                case SyncMapping.LAST_NAME -> values.put(attribute, nullable(user.getLastName()));
                default -> values.put(attribute, user.getAttributeStream(attribute).toList());
            }
        }
        return values;
    }

    private static List<String> nullable(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /**
     * The organization's domains that an email may move within: where the realm requires verified domains (the
     * JIT step's option, read from the first broker login flow this IdP uses), only the verified ones.
     */
    private EmailGuard guard(UserModel user, OrganizationModel organization) {
        List<OrganizationDomainModel> all = organization == null ? List.of() : organization.getDomains().toList();
        boolean verifiedOnly = !all.isEmpty()
                && JitStepSettings.realmSettings(realm, context.getIdpConfig()).requireVerifiedDomain();
        List<String> domains = all.stream().filter(d -> !verifiedOnly || d.isVerified())
                .map(OrganizationDomainModel::getName).toList();
        List<String> unverified = all.stream().filter(d -> verifiedOnly && !d.isVerified())
                .map(OrganizationDomainModel::getName).toList();
        // Rule 4: the IdP's Trust Email, or email_verified=true in the same token as the email Keycloak took for
        // this login (EmailClaims); a changed email is verified only if it is that very address.
        String verified = EmailClaims.emailVerifiedClaim(context) ? context.getEmail() : null;
        return new EmailGuard(domains, address -> heldByAnotherUser(user, address),
                context.getIdpConfig().isTrustEmail(), verified, unverified);
    }

    private boolean heldByAnotherUser(UserModel user, String address) {
        if (realm.isDuplicateEmailsAllowed()) {
            return false;
        }
        UserModel holder = session.users().getUserByEmail(realm, address);
        return holder != null && !holder.getId().equals(user.getId());
    }

}
