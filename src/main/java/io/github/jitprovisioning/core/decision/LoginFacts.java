package io.github.jitprovisioning.core.decision;

/**
 * The brokered identity as the identity provider asserted it.
 *
 * @param identityProvider   the alias of the IdP that the user came through
 * @param email              the email claim exactly as sent, or {@code null} when there is none
 * @param emailVerifiedClaim {@code true} only when the token that carried {@code email} also carried
 *                           {@code email_verified=true}
 * @param trustEmail         the IdP's "Trust Email" switch
 */
public record LoginFacts(String identityProvider, String email, boolean emailVerifiedClaim, boolean trustEmail) {

    /** Rule 4's notion of a trustworthy address. */
    public boolean emailVerified() {
        return emailVerifiedClaim || trustEmail;
    }
}
