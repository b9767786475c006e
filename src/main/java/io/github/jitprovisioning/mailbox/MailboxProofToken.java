package io.github.jitprovisioning.mailbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

import java.util.UUID;

/**
 * The one-time link of the mailbox proof: a Keycloak action token (signed with the realm's keys, issued by the
 * realm, bound to one authentication session) that names the invited address and the invitation. It has no
 * subject: nobody exists yet. Keycloak's own action-token endpoint (26.7) requires an existing, enabled user
 * for every token, so the link is answered by {@link MailboxLinkResource} instead, which verifies it the way
 * Keycloak verifies its organization invitation token for a person without an account.
 */
public final class MailboxProofToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "jit-mailbox-proof";

    @JsonProperty("jit.inv")
    private String invitationId;

    public MailboxProofToken(String address, String invitationId, int absoluteExpirationInSecs,
                             String compoundAuthenticationSessionId, String clientId) {
        super(null, TOKEN_TYPE, absoluteExpirationInSecs, UUID.randomUUID(), compoundAuthenticationSessionId);
        id(UUID.randomUUID().toString());
        this.invitationId = invitationId;
        this.issuedFor = clientId;
        setEmail(address);
    }

    private MailboxProofToken() {
        // for Jackson
    }

    public String getInvitationId() {
        return invitationId;
    }
}
