package io.github.jitprovisioning.mailbox;

import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Objects;

/**
 * Whether this sign-in started from Keycloak's own invitation link, which Keycloak mailed to the invited address:
 * the invitation link of an address without an account opens Keycloak's registration endpoint with the
 * invitation token, and Keycloak keeps that request parameter in the authentication session (client note
 * {@value #TOKEN_NOTE}, which survives the reset of the first broker login; the {@code kc.org} auth note that
 * Keycloak also sets does not, and alone it proves nothing: typing an address of the organization's domain sets it
 * too). Only a token that this realm signed, that is still active, for this address and this organization counts:
 * the token travels only in the mail to that address (the portal never shows invitation links).
 */
public final class InvitationLink {

    private static final Logger LOG = Logger.getLogger(InvitationLink.class);
    static final String TOKEN_NOTE = "client_request_param_token";

    private InvitationLink() {
    }

    public static boolean openedFor(KeycloakSession session, AuthenticationSessionModel authSession, String address,
                                    String organizationId) {
        String serialized = authSession.getClientNote(TOKEN_NOTE);
        if (serialized == null || address == null || organizationId == null) {
            return false;
        }
        try {
            InviteOrgActionToken token = SignedTokens.verify(session, session.getContext().getRealm(),
                    session.getContext().getUri().getBaseUri(), serialized, InviteOrgActionToken.class);
            return InviteOrgActionToken.TOKEN_TYPE.equals(token.getActionId())
                    && token.getExp() != null && token.getExp() > Time.currentTime()
                    && address.equalsIgnoreCase(Objects.toString(token.getEmail(), ""))
                    && organizationId.equals(token.getOrgId());
        } catch (VerificationException | RuntimeException e) {
            LOG.debugf("JIT: the invitation token of this sign-in does not verify: %s", e.getMessage());
            return false;
        }
    }
}
