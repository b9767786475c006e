package io.github.jitprovisioning.mailbox;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What one sign-in remembers about its mailbox proof, in authentication-session notes: to which address the link
 * went, how often, which link is the current one, and whether the mailbox is proven.
 */
public final class MailboxProofState {

    /**
     * The event detail of the mailbox proof: {@code sent} on the mail's event, {@code proven} or
     * {@code invitation_link} on the admitted login's, the refusal on a link that does not go on.
     */
    public static final String EVENT_DETAIL = "jit_mailbox_proof";

    private static final String ADDRESS = "jit.mailbox.address";
    private static final String MAILS = "jit.mailbox.mails";
    private static final String TOKEN = "jit.mailbox.token";
    private static final String PROVEN = "jit.mailbox.proven";

    private final AuthenticationSessionModel authSession;

    public MailboxProofState(AuthenticationSessionModel authSession) {
        this.authSession = authSession;
    }

    /** Whether the mailbox of {@code address} was proven in this sign-in. */
    public boolean proven(String address) {
        return address != null && address.equals(authSession.getAuthNote(PROVEN));
    }

    public void markProven(String address) {
        authSession.setAuthNote(PROVEN, address);
    }

    /** Whether a link to {@code address} was sent in this sign-in already. */
    public boolean sentTo(String address) {
        return address != null && address.equals(authSession.getAuthNote(ADDRESS));
    }

    /** How many links were sent to the current address in this sign-in. */
    public int mails() {
        String value = authSession.getAuthNote(MAILS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    public void recordSent(String address, String tokenId) {
        int mails = sentTo(address) ? mails() + 1 : 1;
        authSession.setAuthNote(ADDRESS, address);
        authSession.setAuthNote(MAILS, String.valueOf(mails));
        authSession.setAuthNote(TOKEN, tokenId);
    }

    /** Whether {@code tokenId} is the latest link sent in this sign-in (a resend replaces the earlier ones). */
    public boolean isCurrentLink(String tokenId) {
        return tokenId != null && tokenId.equals(authSession.getAuthNote(TOKEN));
    }
}
