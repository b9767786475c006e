package io.github.jitprovisioning.mailbox;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.net.URI;

/**
 * Answers the mailbox proof's link. A link that verifies, is current, unused and opened in the browser whose
 * sign-in sent it marks that authentication session as proven and sends the browser back into its first broker
 * login flow, where the JIT check step admits the invitation. Every other link gets a clear, localized page
 * (expired, used or replaced, opened in another browser, not valid) and changes nothing.
 */
public final class MailboxLinkResource {

    private static final Logger LOG = Logger.getLogger(MailboxLinkResource.class);
    static final String TEMPLATE = "jit-mailbox-link.ftl";
    private static final String USED_PREFIX = "jit.mailbox-proof.used.";

    /** What the page says about a link that does not go on. */
    enum Refusal { INVALID, EXPIRED, USED, OTHER_BROWSER }

    private final KeycloakSession session;
    private final RealmModel realm;

    MailboxLinkResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The link mailed for {@code serializedToken}. */
    public static String link(URI baseUri, RealmModel realm, String serializedToken) {
        return UriBuilder.fromUri(baseUri).path("realms").path(realm.getName())
                .path(MailboxLinkResourceProviderFactory.PROVIDER_ID).path("confirm")
                .queryParam("key", serializedToken).build().toString();
    }

    @GET
    @Path("confirm")
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(@QueryParam("key") String key) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.VERIFY_EMAIL).detail(Details.ACTION, MailboxProofToken.TOKEN_TYPE);
        MailboxProofToken token;
        try {
            if (key == null || key.isBlank()) {
                throw new VerificationException("no key");
            }
            token = SignedTokens.verify(session, realm, session.getContext().getUri().getBaseUri(), key,
                    MailboxProofToken.class);
            if (!MailboxProofToken.TOKEN_TYPE.equals(token.getActionId()) || token.getEmail() == null
                    || token.getCompoundAuthenticationSessionId() == null) {
                throw new VerificationException("not a mailbox-proof token");
            }
        } catch (VerificationException | RuntimeException e) {
            LOG.debugf("JIT: a mailbox-proof link of realm '%s' does not verify: %s", realm.getName(), e.getMessage());
            return refuse(event, Refusal.INVALID, null, "invalid_token");
        }
        event.detail(Details.EMAIL, token.getEmail()).detail(Details.TOKEN_ID, token.getId());
        if (token.getExp() == null || token.getExp() <= Time.currentTime()) {
            return refuse(event, Refusal.EXPIRED, null, "expired_code");
        }
        if (session.singleUseObjects().contains(USED_PREFIX + token.getId())) {
            return refuse(event, Refusal.USED, null, "expired_code");
        }
        AuthenticationSessionModel authSession = sameBrowserSession(token);
        if (authSession == null) {
            return refuse(event, Refusal.OTHER_BROWSER, null, "cookie_not_found");
        }
        MailboxProofState state = new MailboxProofState(authSession);
        if (!state.isCurrentLink(token.getId()) || !state.sentTo(token.getEmail())) {
            return refuse(event, Refusal.USED, authSession, "expired_code");
        }
        long lifespan = Math.max(1, token.getExp() - Time.currentTime()) + 60;
        if (!session.singleUseObjects().putIfAbsent(USED_PREFIX + token.getId(), lifespan)) {
            return refuse(event, Refusal.USED, authSession, "expired_code");
        }
        state.markProven(token.getEmail());
        event.client(authSession.getClient()).detail(MailboxProofState.EVENT_DETAIL, "proven").success();
        URI resume = LoginActionsService.firstBrokerLoginProcessor(session.getContext().getUri())
                .queryParam("client_id", authSession.getClient().getClientId())
                .queryParam("tab_id", authSession.getTabId())
                .queryParam("client_data", AuthenticationProcessor.getClientData(session, authSession))
                .build(realm.getName());
        return Response.status(Response.Status.FOUND).location(resume).build();
    }

    /**
     * The authentication session that sent the link, if this browser holds it: the link's session must be the one
     * of this browser's authentication cookie. Another browser (or a sign-in that ended) has none.
     */
    private AuthenticationSessionModel sameBrowserSession(MailboxProofToken token) {
        AuthenticationSessionCompoundId compound =
                AuthenticationSessionCompoundId.encoded(token.getCompoundAuthenticationSessionId());
        AuthenticationSessionManager sessions = new AuthenticationSessionManager(session);
        RootAuthenticationSessionModel root = sessions.getCurrentRootAuthenticationSession(realm);
        if (root == null || !root.getId().equals(compound.getRootSessionId())) {
            return null;
        }
        ClientModel client = realm.getClientById(compound.getClientUUID());
        return client == null ? null : root.getAuthenticationSession(client, compound.getTabId());
    }

    private Response refuse(EventBuilder event, Refusal refusal, AuthenticationSessionModel authSession, String error) {
        event.detail(MailboxProofState.EVENT_DETAIL, refusal.name().toLowerCase(java.util.Locale.ROOT)).error(error);
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
        if (authSession != null) {
            forms.setAuthenticationSession(authSession);
        }
        return forms.setAttribute("jitMailboxLink", refusal.name().toLowerCase(java.util.Locale.ROOT))
                .setStatus(Response.Status.BAD_REQUEST)
                .createForm(TEMPLATE);
    }
}
