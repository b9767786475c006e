package io.github.jitprovisioning.authenticator;

import io.github.jitprovisioning.core.decision.LoginFacts;
import io.github.jitprovisioning.core.decision.Outcome;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.core.decision.ReferenceCode;
import io.github.jitprovisioning.core.members.MemberOrigin;
import io.github.jitprovisioning.members.MemberRecords;
import org.keycloak.common.util.Time;
import io.github.jitprovisioning.guardrails.ProvisioningRateCap;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.DecisionRunner;
import io.github.jitprovisioning.provisioning.FlowSteps;
import io.github.jitprovisioning.provisioning.IdpDomainBinding;
import io.github.jitprovisioning.provisioning.JitRecord;
import io.github.jitprovisioning.provisioning.JudgedClaims;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Last step of the JIT first-broker-login flow, after Keycloak created (or linked) the user: applies an
 * admitted decision of {@link JitDomainCheckAuthenticator} (managed membership, groups, roles; an invitation is
 * used up). For a user that Keycloak linked to an existing account it does what Keycloak's own
 * "Organization Member Onboard" step does, which it replaces in the JIT flow: make the user a managed member
 * of the organization the IdP is linked to.
 */
final class JitProvisionMemberAuthenticator extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(JitProvisionMemberAuthenticator.class);

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        UserModel user = context.getUser();
        JitRecord record = JitRecord.loadFrom(context.getAuthenticationSession());
        boolean created = Boolean.parseBoolean(
                context.getAuthenticationSession().getAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER));

        if (record != null && record.admits() && created) {
            provisionCreatedUser(context, brokerContext, organizations, user, record);
            return;
        }
        if (record != null && record.letThrough() && created) {
            continueAsStockFlow(context, brokerContext, organizations, user, record);
            return;
        }
        if (record != null && record.reason() == Reason.EXISTING_ACCOUNT && created) {
            decideCreatedUser(context, brokerContext, organizations, user, record);
            return;
        }
        if (!created && organizations != null && organizations.isEnabled()) {
            onboardLinkedAccount(context.getSession(), organizations, brokerContext.getIdpConfig(), user);
        }
        context.success();
    }

    /**
     * Applies the decision to the user Keycloak just created in this request, or refuses and rolls the user back:
     * when the account does not carry the judged address (changed on Review Profile, or stored otherwise), when the
     * rules no longer admit the login (a switch, the IdP link, a domain or the invitation changed since the check
     * step), or when provisioning fails at run time. Never a user without its membership.
     */
    private void provisionCreatedUser(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext,
                                      OrganizationProvider organizations, UserModel user, JitRecord record) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RealmModel realm = context.getRealm();
        LoginFacts judged = JudgedClaims.load(authSession, brokerContext);
        boolean editedOnReviewProfile = Boolean.parseBoolean(
                authSession.getAuthNote(AbstractIdentityProvider.UPDATE_PROFILE_EMAIL_CHANGED));
        if (editedOnReviewProfile || !JudgedClaims.isJudgedAddress(user.getEmail(), judged.email())) {
            LOG.infof("JIT %s: refusing user %s of realm '%s': the account's email is not the judged address%s",
                    record.reference(), user.getUsername(), realm.getName(),
                    editedOnReviewProfile ? " (changed on Review Profile)" : "");
            BlockPage.refuse(context, record.refused(Reason.EMAIL_CHANGED));
            return;
        }

        JitRecord fresh = record.decidedIn(context.getSession()) ? record : recheck(context, judged, record.reference());
        if (fresh.letThrough()) {
            continueAsStockFlow(context, brokerContext, organizations, user, fresh);
            return;
        }
        if (!fresh.admits() || organizations == null) {
            LOG.infof("JIT %s: refusing user %s of realm '%s': the decision changed since the check step (now %s)",
                    record.reference(), user.getUsername(), realm.getName(), fresh.reason().code());
            // Not applicable any more means the IdP lost its organization link in between.
            BlockPage.refuse(context, fresh.outcome() == Outcome.BLOCKED ? fresh : record.refused(Reason.IDP_NOT_LINKED));
            return;
        }

        OrganizationModel organization = organizations.getById(fresh.organizationId());
        JitRecord applied;
        try {
            JitRecord limited = new ProvisioningRateCap(context.getSession(), realm)
                    .takeOrRefuse(fresh, checkStepConfig(context), new ConfigLog(realm.getName()));
            if (limited != null) {
                BlockPage.refuse(context, limited);
                return;
            }
            boolean managed = fresh.outcome() != Outcome.INVITED
                    || IdpDomainBinding.accepts(brokerContext.getIdpConfig(), organization, user.getEmail());
            applied = provision(realm, organizations, organization, user, fresh, managed);
            new MemberRecords(context.getSession()).recordOrigin(realm.getId(), organization.getId(), user.getId(),
                    applied.outcome() == Outcome.INVITED ? MemberOrigin.INVITED : MemberOrigin.PROVISIONED,
                    brokerContext.getIdpConfig().getAlias(), grantedIds(realm, applied.roleIds(), true),
                    grantedIds(realm, applied.groupIds(), false), Time.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.errorf(e, "JIT %s: provisioning user %s into organization '%s' of realm '%s' failed; the login is "
                    + "refused and the user rolled back", record.reference(), user.getUsername(),
                    fresh.organizationName(), realm.getName());
            BlockPage.refuse(context, fresh.refused(Reason.PROVISIONING_FAILED));
            return;
        }
        context.getEvent().user(user);
        applied.annotate(context.getEvent());
        LOG.debugf("JIT %s: %s user %s into organization '%s' (roles %s, groups %s)", record.reference(),
                applied.outcome().code(), user.getId(), organization.getName(), applied.roles(), applied.groups());
        context.success();
    }

    /**
     * The check step left this login to Keycloak's link steps, yet Keycloak created a new user: under another username
     * than the one JIT looked up, or after a choice on Keycloak's link pages ("Review profile" instead of linking).
     * Whatever username Keycloak finally created, the rules decide this new user as any other: admitted, it is
     * provisioned; refused (organization disabled, JIT off, ...), it is rolled back with the block page.
     */
    private void decideCreatedUser(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext,
                                   OrganizationProvider organizations, UserModel user, JitRecord record) {
        LoginFacts judged = JudgedClaims.load(context.getAuthenticationSession(), brokerContext);
        // a decision of its own, with its own reference: the check step's event already says existing_account
        JitRecord fresh = recheck(context, judged, ReferenceCode.generate());
        fresh.markDecidedIn(context.getSession());
        LOG.debugf("JIT %s: Keycloak created user %s after the existing-account answer %s; the rules say %s",
                fresh.reference(), user.getUsername(), record.reference(), fresh.reason().code());
        if (fresh.admits()) {
            provisionCreatedUser(context, brokerContext, organizations, user, fresh);
        } else if (fresh.letThrough()) {
            continueAsStockFlow(context, brokerContext, organizations, user, fresh);
        } else if (fresh.outcome() == Outcome.BLOCKED) {
            BlockPage.refuse(context, fresh);
        } else {
            context.success(); // not JIT's to decide (an IdP linked to no organization, ignored by the realm)
        }
    }

    /**
     * The same rules on the judged claims, read afresh, when a form (Review Profile, Keycloak's link steps) came
     * between the check step and this one: the user's answer took its time, and the organization may have changed.
     * Within one request the check step's decision stands (see {@link JitRecord#decidedIn}).
     */
    private static JitRecord recheck(AuthenticationFlowContext context, LoginFacts judged, String reference) {
        RealmModel realm = context.getRealm();
        RealmSettings settings = RealmSettings.fromConfig(checkStepConfig(context), new ConfigLog(realm.getName()));
        settings = io.github.jitprovisioning.sso.SelfServiceIdps.settingsFor(settings,
                context.getSession().identityProviders().getByAlias(judged.identityProvider()));
        return new DecisionRunner(context.getSession(), realm).recheck(judged, settings, reference);
    }

    /** The realm options: the configuration of this flow's check step, or {@code null}. */
    private static Map<String, String> checkStepConfig(AuthenticationFlowContext context) {
        AuthenticationFlowModel flow = context.getTopLevelFlow();
        return flow == null ? null
                : FlowSteps.config(context.getRealm(), flow.getId(), JitDomainCheckAuthenticatorFactory.PROVIDER_ID);
    }

    /**
     * Membership, groups and roles. Keycloak's own calls are idempotent (a member is not added twice, a group
     * joined or a role granted again is a no-op), so nothing is looked up before them.
     */
    private JitRecord provision(RealmModel realm, OrganizationProvider organizations, OrganizationModel organization,
                                UserModel user, JitRecord record, boolean managed) {
        if (managed) {
            organizations.addManagedMember(organization, user);
        } else {
            // An invitee outside the domain of the IdP link: Keycloak holds managed members to that domain
            // (IdpDomainBinding), so a member as through Keycloak's own invitation link.
            organizations.addMember(organization, user);
        }
        List<String> warnings = new ArrayList<>();
        for (String groupId : record.groupIds()) {
            GroupModel group = realm.getGroupById(groupId);
            if (group == null) {
                warnings.add("group " + groupId + " was removed during the login");
            } else {
                user.joinGroup(group);
            }
        }
        for (String roleId : record.roleIds()) {
            RoleModel role = realm.getRoleById(roleId);
            if (role == null) {
                warnings.add("role " + roleId + " was removed during the login");
            } else {
                user.grantRole(role);
            }
        }
        if (record.outcome() == Outcome.INVITED && record.invitationId() != null) {
            organizations.getInvitationManager().remove(record.invitationId());
        }
        return warnings.isEmpty() ? record : record.withWarnings(warnings);
    }

    /**
     * Report-only: a refusal let through ends as Keycloak's stock first broker login would have ended it. The user
     * that Keycloak's "Create User If Unique" created stays, with what Keycloak's "Organization Member Onboard" gives
     * (a managed membership of the organization the IdP is linked to, when it is enabled), and nothing that JIT grants:
     * no default roles, no groups, the invitation (if any) left pending. The event records the refusal with
     * {@code jit_mode=report-only}.
     */
    private static void continueAsStockFlow(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext,
                                            OrganizationProvider organizations, UserModel user, JitRecord record) {
        if (organizations != null && organizations.isEnabled()) {
            onboardLinkedAccount(context.getSession(), organizations, brokerContext.getIdpConfig(), user);
        }
        LOG.debugf("JIT %s: report-only lets user %s in as the stock flow would (the rules say %s)", record.reference(),
                user.getId(), record.reason().code());
        context.getEvent().user(user);
        record.annotate(context.getEvent());
        context.success();
    }

    /** Keycloak's "Organization Member Onboard" behaviour for an account that Keycloak's link steps linked. */
    private static void onboardLinkedAccount(KeycloakSession session, OrganizationProvider organizations,
                                             IdentityProviderModel idp, UserModel user) {
        if (idp.getOrganizationId() == null) {
            return;
        }
        OrganizationModel organization = organizations.getById(idp.getOrganizationId());
        if (organization != null && organization.isEnabled()
                && organization.getIdentityProviders().anyMatch(linked -> Objects.equals(linked.getAlias(), idp.getAlias()))
                && !organizations.isMember(organization, user)) {
            organizations.addManagedMember(organization, user);
            new MemberRecords(session).recordOrigin(session.getContext().getRealm().getId(), organization.getId(),
                    user.getId(), MemberOrigin.LINKED, idp.getAlias(), List.of(), List.of(), Time.currentTimeMillis());
        }
    }

    /** The ids of what this login granted (a role or group removed during the login is not). */
    private static List<String> grantedIds(RealmModel realm, List<String> ids, boolean roles) {
        return ids.stream().filter(id -> roles ? realm.getRoleById(id) != null : realm.getGroupById(id) != null).toList();
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext brokerContext) {
        authenticateImpl(context, serializedCtx, brokerContext);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
