package io.github.jitprovisioning.authenticator;

import io.github.jitprovisioning.audit.DecisionTimer;
import io.github.jitprovisioning.core.decision.LoginFacts;
import io.github.jitprovisioning.core.settings.MailboxProofOptions;
import io.github.jitprovisioning.core.decision.Outcome;
import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.guardrails.ProvisioningRateCap;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.DecisionRunner;
import io.github.jitprovisioning.provisioning.EmailClaims;
import io.github.jitprovisioning.provisioning.FlowSteps;
import io.github.jitprovisioning.provisioning.IdpDomainBinding;
import io.github.jitprovisioning.provisioning.JitRecord;
import io.github.jitprovisioning.provisioning.JudgedClaims;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;
import java.util.Map;

/**
 * First step of the JIT first-broker-login flow: decides, before Keycloak creates anyone, whether this brokered
 * identity may be provisioned. A refusal answers with the block page; an admitted decision is kept in the
 * authentication session for {@link JitProvisionMemberAuthenticator}; anything that is not JIT's to decide
 * (an IdP linked to no organization, an existing account) goes on to Keycloak's standard steps.
 */
final class JitDomainCheckAuthenticator extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(JitDomainCheckAuthenticator.class);
    static final String NO_PROVISIONING_STEP = "the flow has no required '"
            + JitProvisionMemberAuthenticatorFactory.PROVIDER_ID
            + "' step after this one: admitted users are created without membership, groups or roles";

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        decide(context, serializedCtx, brokerContext, false);
    }

    private void decide(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                        BrokeredIdentityContext brokerContext, boolean resendRequested) {
        RealmModel realm = context.getRealm();
        ConfigLog configLog = new ConfigLog(realm.getName());
        // a self-service IdP (portal SSO) admits only verified domains, whatever the realm says
        RealmSettings settings = io.github.jitprovisioning.sso.SelfServiceIdps.settingsFor(
                RealmSettings.fromConfig(config(context.getAuthenticatorConfig()), configLog), brokerContext.getIdpConfig());
        EmailClaims.Asserted email = EmailClaims.asserted(brokerContext);
        LoginFacts login = new LoginFacts(brokerContext.getIdpConfig().getAlias(), email.email(), email.verified(),
                Boolean.TRUE.equals(brokerContext.getIdpConfig().isTrustEmail()));

        long started = System.nanoTime();
        JitRecord record = new DecisionRunner(context.getSession(), realm)
                .decide(login, brokerContext.getModelUsername(), settings);
        record = new ProvisioningRateCap(context.getSession(), realm)
                .refuseWhenPaused(record, config(context.getAuthenticatorConfig()), configLog);
        DecisionTimer.record(realm.getName(), record.outcome().code(), System.nanoTime() - started);
        LOG.debugf("JIT %s in realm '%s': %s/%s through '%s' (domain %s, organization %s)", record.reference(),
                realm.getName(), record.outcome().code(), record.reason().code(), login.identityProvider(),
                record.emailDomain(), record.organizationName());

        boolean provisioningStep = (record.admits() || record.letThrough()) && hasProvisioningStep(context, configLog);
        if (record.admits() && !provisioningStep) {
            record = record.withWarnings(List.of(NO_PROVISIONING_STEP));
        }
        record.saveTo(context.getAuthenticationSession());
        record.markDecidedIn(context.getSession());
        JudgedClaims.save(context.getAuthenticationSession(), login);
        boolean judged = record.admits() || (record.reason() == Reason.EXISTING_ACCOUNT
                && brokerContext.getIdpConfig().getOrganizationId() != null);
        if (judged) {
            keepJudgedAddress(context, serializedCtx, brokerContext, login.email());
        }
        if (record.outcome() == Outcome.BLOCKED && !record.letThrough()) {
            BlockPage.refuse(context, record);
            return;
        }
        if (record.letThrough()) {
            // report-only: Keycloak's own steps go on as the stock flow would; the provisioning step records the
            // refusal on the event of the request that creates the user and grants nothing
            if (!provisioningStep) {
                record.annotate(context.getEvent());
            }
            context.success();
            return;
        }
        String judgedAddress = JudgedClaims.normalizedAddress(login.email()).orElse(login.email());
        if (record.mailboxProofRequired() && !MailboxProofStep.proven(context, record, judgedAddress,
                MailboxProofOptions.fromConfig(config(context.getAuthenticatorConfig()), configLog), resendRequested)) {
            return;
        }
        if (record.outcome() == Outcome.INVITED) {
            keepInviteeOffKeycloaksDomainForm(context, brokerContext, judgedAddress);
        }
        if (!provisioningStep) {
            // An admitted decision is recorded by the provisioning step, on the event of the request that
            // creates the user: a flow that shows a form in between would otherwise send it twice.
            record.annotate(context.getEvent());
        }
        context.success();
    }

    /**
     * Makes Keycloak's next steps (Review Profile, user creation, the duplicate check) work with the address that was
     * judged, normalized: lower case, the domain in ASCII, no trailing dot. Keycloak would otherwise keep the claim as
     * sent, and refuse {@code x@acme.com.} on a Review Profile form that the user cannot complete.
     */
    private static void keepJudgedAddress(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                          BrokeredIdentityContext brokerContext, String claim) {
        JudgedClaims.normalizedAddress(claim)
                .filter(address -> !address.equals(brokerContext.getEmail()))
                .ifPresent(address -> {
                    LOG.debugf("JIT: the brokered email '%s' is kept as '%s'", brokerContext.getEmail(), address);
                    serializedCtx.setEmail(address);
                    serializedCtx.saveToAuthenticationSession(context.getAuthenticationSession(), BROKERED_CONTEXT_NOTE);
                    brokerContext.setEmail(address);
                });
    }

    /**
     * An admitted invitee whose address the IdP link's domain setting does not accept would meet Keycloak's
     * organization email-domain validation on its Review Profile form ("Email domain does not match any domain from
     * the organization"), a form the invitee cannot complete. For the rest of this request, Keycloak's validation
     * of the reviewed profile finds no brokered context to hold the address to the IdP's domain; the invitation,
     * judged by the rules above, is what admits the address. See {@link IdpDomainBinding}.
     */
    private static void keepInviteeOffKeycloaksDomainForm(AuthenticationFlowContext context,
                                                          BrokeredIdentityContext brokerContext, String address) {
        String organizationId = brokerContext.getIdpConfig().getOrganizationId();
        OrganizationProvider organizations = context.getSession().getProvider(OrganizationProvider.class);
        if (organizationId == null || organizations == null) {
            return;
        }
        if (!IdpDomainBinding.accepts(brokerContext.getIdpConfig(), organizations.getById(organizationId), address)) {
            LOG.debugf("JIT: an invitee outside the domain of IdP '%s' skips Keycloak's email-domain check of the review",
                    brokerContext.getIdpConfig().getAlias());
            context.getSession().removeAttribute(BrokeredIdentityContext.class.getName());
        }
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext brokerContext) {
        // The block page has no form (a post to it is answered like a new attempt); the mailbox page's form asks for
        // the link again.
        boolean resend = context.getHttpRequest().getDecodedFormParameters().containsKey(MailboxProofStep.RESEND_FIELD);
        decide(context, serializedCtx, brokerContext, resend);
    }

    /**
     * An admitted user without the provisioning step after this one would be created with no membership, groups or
     * roles: say so, in the log (once) and in the event.
     */
    private static boolean hasProvisioningStep(AuthenticationFlowContext context, ConfigLog configLog) {
        AuthenticationFlowModel flow = context.getTopLevelFlow();
        boolean present = flow != null && FlowSteps.find(context.getRealm(), flow.getId(),
                        JitProvisionMemberAuthenticatorFactory.PROVIDER_ID)
                .filter(step -> step.getRequirement() == AuthenticationExecutionModel.Requirement.REQUIRED)
                .isPresent();
        if (!present) {
            configLog.misconfigured("flow '" + (flow == null ? "?" : flow.getAlias()) + "'", NO_PROVISIONING_STEP);
        }
        return present;
    }

    private static Map<String, String> config(AuthenticatorConfigModel model) {
        return model == null ? null : model.getConfig();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
