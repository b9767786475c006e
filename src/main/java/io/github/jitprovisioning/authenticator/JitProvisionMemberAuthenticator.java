package io.github.jitprovisioning.authenticator;

import io.github.jitprovisioning.core.Outcome;
import io.github.jitprovisioning.core.Reason;
import io.github.jitprovisioning.provisioning.JitRecord;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.List;
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
            OrganizationModel organization = organizations == null ? null : organizations.getById(record.organizationId());
            if (organization == null || !organization.isEnabled()) {
                // Changed between the two steps of this login: refuse, and roll back the user just created.
                BlockPage.refuse(context, new JitRecord(Reason.ORGANIZATION_DISABLED, record.reference(),
                        record.identityProvider(), record.organizationId(), record.organizationName(),
                        record.emailDomain(), null, List.of(), List.of(), List.of(), List.of(), record.warnings()));
                return;
            }
            JitRecord applied = provision(context.getRealm(), organizations, organization, user, record);
            context.getEvent().user(user);
            applied.annotate(context.getEvent());
            LOG.debugf("JIT %s: %s user %s into organization '%s' (roles %s, groups %s)", record.reference(),
                    record.outcome().code(), user.getId(), organization.getName(), applied.roles(), applied.groups());
        } else if (!created && organizations != null && organizations.isEnabled()) {
            onboardLinkedAccount(organizations, brokerContext.getIdpConfig(), user);
        }
        context.success();
    }

    private JitRecord provision(RealmModel realm, OrganizationProvider organizations, OrganizationModel organization,
                                UserModel user, JitRecord record) {
        if (!organizations.isMember(organization, user)) {
            organizations.addManagedMember(organization, user);
        }
        List<String> warnings = new ArrayList<>();
        for (String groupId : record.groupIds()) {
            GroupModel group = realm.getGroupById(groupId);
            if (group == null) {
                warnings.add("group " + groupId + " was removed during the login");
            } else if (!user.isMemberOf(group)) {
                user.joinGroup(group);
            }
        }
        for (String roleId : record.roleIds()) {
            RoleModel role = realm.getRoleById(roleId);
            if (role == null) {
                warnings.add("role " + roleId + " was removed during the login");
            } else if (!user.hasDirectRole(role)) {
                user.grantRole(role);
            }
        }
        if (record.outcome() == Outcome.INVITED && record.invitationId() != null) {
            organizations.getInvitationManager().remove(record.invitationId());
        }
        return warnings.isEmpty() ? record : record.withWarnings(warnings);
    }

    /** Keycloak's "Organization Member Onboard" behaviour for an account that Keycloak's link steps linked. */
    private static void onboardLinkedAccount(OrganizationProvider organizations, IdentityProviderModel idp,
                                             UserModel user) {
        if (idp.getOrganizationId() == null) {
            return;
        }
        OrganizationModel organization = organizations.getById(idp.getOrganizationId());
        if (organization != null && organization.isEnabled()
                && organization.getIdentityProviders().anyMatch(linked -> Objects.equals(linked.getAlias(), idp.getAlias()))
                && !organizations.isMember(organization, user)) {
            organizations.addManagedMember(organization, user);
        }
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
