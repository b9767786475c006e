package io.github.jitprovisioning.authenticator;

import io.github.jitprovisioning.core.settings.MailboxProofOptions;
import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.mailbox.InvitationLink;
import io.github.jitprovisioning.mailbox.MailboxLinkResource;
import io.github.jitprovisioning.mailbox.MailboxProofState;
import io.github.jitprovisioning.mailbox.MailboxProofToken;
import io.github.jitprovisioning.provisioning.JitRecord;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.storage.adapter.InMemoryUserAdapter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule 5, third branch: an invitation of an address of a domain that no organization owns admits only once the
 * person proves the mailbox in this sign-in. The step mails a one-time link to the invited address (Keycloak's
 * mail sender, the realm's email theme) and shows "check your mail" with a limited "send again"; the link, opened
 * in the same browser, marks this authentication session and resumes the flow ({@link MailboxLinkResource}).
 * Nothing is created before. Someone who came through Keycloak's own invitation link has proven the mailbox already.
 */
final class MailboxProofStep {

    private static final Logger LOG = Logger.getLogger(MailboxProofStep.class);
    static final String TEMPLATE = "jit-mailbox-proof.ftl";
    static final String EMAIL_TEMPLATE = "jit-mailbox-proof.ftl";
    static final String RESEND_FIELD = "jit-resend";

    private MailboxProofStep() {
    }

    /**
     * @param resend whether the person asked for the link again (a post of the page's form)
     * @return {@code true} when the mailbox is proven and the login goes on; otherwise this step answered
     */
    static boolean proven(AuthenticationFlowContext context, JitRecord record, String address,
                          MailboxProofOptions options, boolean resend) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        MailboxProofState state = new MailboxProofState(authSession);
        if (state.proven(address)) {
            context.getEvent().detail(MailboxProofState.EVENT_DETAIL, "proven");
            return true;
        }
        if (InvitationLink.openedFor(context.getSession(), authSession, address, record.organizationId())) {
            LOG.debugf("JIT %s: '%s' came through Keycloak's invitation link: the mailbox is proven", record.reference(),
                    record.emailDomain());
            state.markProven(address);
            context.getEvent().detail(MailboxProofState.EVENT_DETAIL, "invitation_link");
            return true;
        }
        RealmModel realm = context.getRealm();
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            LOG.warnf("JIT %s: realm '%s' has no mail server, so an invited address of a domain that no organization "
                    + "owns cannot prove its mailbox: refused", record.reference(), realm.getName());
            BlockPage.refuse(context, record.refused(Reason.MAILBOX_UNPROVEN));
            return false;
        }
        String notice = null;
        if (!state.sentTo(address)) {
            notice = send(context, record, address, options, state) ? null : "jitMailboxSendFailed";
        } else if (resend && state.mails() <= options.resends()) {
            notice = send(context, record, address, options, state) ? "jitMailboxResent" : "jitMailboxSendFailed";
        }
        showPage(context, record, address, options, state, notice);
        return false;
    }

    private static boolean send(AuthenticationFlowContext context, JitRecord record, String address,
                                MailboxProofOptions options, MailboxProofState state) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        int lifetime = options.linkMinutes() * 60;
        MailboxProofToken token = new MailboxProofToken(address, record.invitationId(), Time.currentTime() + lifetime,
                AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                authSession.getClient().getClientId());
        String link = MailboxLinkResource.link(session.getContext().getUri().getBaseUri(), realm,
                token.serialize(session, realm, session.getContext().getUri()));

        // The invitee has no account (nothing is created before the proof): the mail goes to an in-memory user,
        // as Keycloak's own invitation of a new address does.
        UserModel recipient = new InMemoryUserAdapter(session, realm, null);
        recipient.setEmail(address);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", link);
        attributes.put("linkExpiration", (long) options.linkMinutes());
        attributes.put("jitOrganization", record.organizationName());
        EventBuilder event = context.getEvent().clone().event(EventType.SEND_VERIFY_EMAIL)
                .detail(Details.EMAIL, address)
                .detail(MailboxProofState.EVENT_DETAIL, "sent")
                .detail(JitRecord.REFERENCE, record.reference())
                .detail(JitRecord.IDENTITY_PROVIDER, record.identityProvider())
                .detail(JitRecord.ORGANIZATION, record.organizationName())
                .detail(JitRecord.ORGANIZATION_ID, record.organizationId())
                .detail(JitRecord.EMAIL_DOMAIN, record.emailDomain())
                .removeDetail(Details.AUTH_METHOD)
                .removeDetail(Details.AUTH_TYPE);
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setAuthenticationSession(authSession)
                    .setUser(recipient) // in memory, carrying the invited address: the mail goes to it (every 26.x)
                    .send("jitMailboxEmailSubject", List.of(), EMAIL_TEMPLATE, attributes);
        } catch (EmailException e) {
            LOG.warnf(e, "JIT %s: the mailbox-proof mail of realm '%s' could not be sent", record.reference(),
                    realm.getName());
            event.detail(MailboxProofState.EVENT_DETAIL, "send_failed").error("email_send_failed");
            return false;
        }
        state.recordSent(address, token.getId());
        event.success();
        LOG.debugf("JIT %s: mailbox-proof link %d sent for an invitation of organization '%s'", record.reference(),
                state.mails(), record.organizationName());
        return true;
    }

    private static void showPage(AuthenticationFlowContext context, JitRecord record, String address,
                                 MailboxProofOptions options, MailboxProofState state, String notice) {
        boolean canResend = state.mails() <= options.resends();
        Response page = context.form()
                .setAttribute("jitMailboxAddress", address)
                .setAttribute("jitMailboxMinutes", options.linkMinutes())
                .setAttribute("jitMailboxNotice", notice == null ? "" : notice)
                .setAttribute("jitMailboxMails", state.mails())
                .setAttribute("jitMailboxCanResend", canResend)
                .setAttribute("jitReference", record.reference())
                .setAttribute("jitMailboxAction", context.getActionUrl(context.generateAccessCode()).toString())
                .setStatus(Response.Status.OK)
                .createForm(TEMPLATE);
        context.forceChallenge(page);
    }
}
