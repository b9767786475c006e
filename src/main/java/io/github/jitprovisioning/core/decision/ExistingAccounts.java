package io.github.jitprovisioning.core.decision;

import io.github.jitprovisioning.core.text.EmailAddress;

/**
 * The decision's window on Keycloak's users: whether a brokered identity would meet an account that already
 * exists, by its address or by the username Keycloak would create. An account with the address is not JIT's to
 * decide: Keycloak's own link steps are. An account that holds only the username is another person's unless it is a
 * member of the IdP's organization. The authenticator implements it over Keycloak's user store; unit tests with
 * lambdas.
 */
@FunctionalInterface
public interface ExistingAccounts {

    /** What an existing account has in common with the brokered identity. */
    enum Match {
        /** No account has the address or the username. */
        NONE,
        /** An account has the address. */
        EMAIL,
        /** Only the username matches, and that account is a member of the organization asked about. */
        USERNAME_OF_MEMBER,
        /** Only the username matches, and that account is no member of the organization asked about (or none was). */
        USERNAME
    }

    /** No account exists for anyone: the provisioning step's re-check, after the user was created. */
    ExistingAccounts NONE = (email, organizationId) -> Match.NONE;

    /**
     * @param email          the email claim as rule 3 parsed it, or {@code null} when it does not parse (then only the
     *                       username can match)
     * @param organizationId the organization the IdP is linked to, whose membership turns {@link Match#USERNAME}
     *                       into {@link Match#USERNAME_OF_MEMBER}; {@code null} for an IdP linked to none
     * @return which account the identity would meet; {@link Match#EMAIL} when both match
     */
    Match find(EmailAddress email, String organizationId);
}
